import { seedDemoAccount } from "../../src/server/modules/accounts/demo-seed";
import { createTestApp, type TestApp } from "./test-app";

export interface AppServer {
  url: string;
  app: TestApp;
  close(): Promise<void>;
}

/**
 * The whole product as the sandbox runs it, listening on a free loopback port: fresh database with
 * the demo account, Meta simulator mounted, worker running, dashboard served. What browser tests drive.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const app = await createTestApp({ env, listen: true, worker: true, serveWeb: true });
  await seedDemoAccount(app.database.db);
  return { url: app.deps.config.http.publicUrl, app, close: () => app.close() };
}
