import type { AddressInfo } from "node:net";
import { type BuiltApp, buildApp } from "../../src/server/app";
import { seedDemoAccount } from "../../src/server/modules/accounts/demo-seed";
import { createLogger } from "../../src/server/platform/logger";
import { testConfig } from "./test-app";
import { createTestDatabase, type TestDatabase } from "./test-database";

export interface AppServer {
  url: string;
  built: BuiltApp;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The whole product listening on a free loopback port, on a fresh database with the sandbox's demo
 * account, serving the built dashboard: what browser tests drive.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const database = await createTestDatabase();
  await seedDemoAccount(database.db);
  // The public URL must name the real port, so start on a fixed free port found first.
  const probe = (await import("node:net")).createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, "127.0.0.1", () => resolve((probe.address() as AddressInfo).port)),
  );
  await new Promise((resolve) => probe.close(resolve));
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig(database, { PUBLIC_URL: url, PORT: String(port), ...env });
  const built = await buildApp({ config, database, log: createLogger(config.log.level), serveWeb: true });
  await built.startWorker({ pollingIntervalSeconds: 0.5 });
  await built.app.listen({ host: "127.0.0.1", port });
  return {
    url,
    built,
    database,
    async close() {
      await built.close();
      await database.drop();
    },
  };
}
