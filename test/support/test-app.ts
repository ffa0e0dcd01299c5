import { type AddressInfo, createServer } from "node:net";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { type BuiltApp, buildApp } from "../../src/server/app";
import type { Resolver } from "../../src/server/modules/outbound-webhooks/address-guard";
import { type Config, loadConfig } from "../../src/server/platform/config";
import { generateKeySpec } from "../../src/server/platform/crypto/token-vault";
import { createLogger, type Logger } from "../../src/server/platform/logger";
import type { SimulatorOptions } from "../../src/simulator/index";
import { createTestDatabase, type TestDatabase } from "./test-database";

const testKeys = generateKeySpec("v1");

/** Sandbox-like configuration for tests; `env` overrides single variables. */
export function testConfig(database: TestDatabase, env: Record<string, string> = {}): Config {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    PUBLIC_URL: "http://127.0.0.1:3999",
    DATA_DIR: "/nonexistent-test-data",
    TOKEN_ENCRYPTION_KEYS: testKeys,
    // Tests poll the API; the rate-limit tests set their own low limits.
    API_RATE_LIMIT_PER_MINUTE: "100000",
    // The simulator answers Graph calls from this same process: on a loaded machine its answer can
    // take longer than production's 20 s limit, and a send that times out is a failed test, not a
    // slow one. The tests of the timeout itself set their own.
    META_GRAPH_TIMEOUT_MS: "60000",
    ...env,
  });
  return database.url ? { ...config, db: { kind: "postgres", url: database.url, poolSize: 5 } } : config;
}

export interface TestApp extends BuiltApp {
  database: TestDatabase;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  server: FastifyInstance;
}

/** A free loopback port, for servers whose public URL must name their port before they listen. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, "127.0.0.1", () => resolve((probe.address() as AddressInfo).port)),
  );
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /**
   * Listen on loopback with the Meta simulator mounted, so Graph calls and webhooks travel over
   * real HTTP as in the sandbox; otherwise requests are injected.
   */
  listen?: boolean;
  /** Run jobs in this process (onboarding, sends). */
  worker?: boolean;
  /** Serve the built dashboard (browser tests). */
  serveWeb?: boolean;
  /** Settings of the mounted Meta simulator (defaults: statuses within a fraction of a second). */
  simulatorOptions?: Partial<SimulatorOptions>;
  /** Where the app logs (tests that read its log lines). */
  log?: Logger;
  /** How webhook endpoints' host names resolve (default: the system's DNS). */
  resolveHost?: Resolver;
}

/** A whole app on its own fresh database (one per test file: cloning costs milliseconds, not seconds). */
export async function createTestApp(
  envOrOptions: Record<string, string> | TestAppOptions = {},
): Promise<TestApp> {
  const options: TestAppOptions = [
    "env",
    "listen",
    "worker",
    "serveWeb",
    "simulatorOptions",
    "log",
    "resolveHost",
  ].some((key) => key in envOrOptions)
    ? (envOrOptions as TestAppOptions)
    : { env: envOrOptions as Record<string, string> };
  const database = await createTestDatabase();
  const port = options.listen ? await freePort() : 3999;
  const config = testConfig(database, {
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    ...options.env,
  });
  const built = await buildApp({
    config,
    database,
    log: options.log ?? createLogger(config.log.level),
    serveWeb: options.serveWeb ?? false,
    resolveHost: options.resolveHost,
    simulatorOptions: {
      statusDelaysMs: { sent: 50, delivered: 150, read: 300 },
      // Tests shorten the product's messaging-limit window and let several clients connect the same
      // seeded numbers (one portfolio at Meta), which Meta's 24 h count in the simulator would
      // contradict: the simulator's own tests cover its enforcement (graph/delivery-limits.test.ts).
      dailyLimit: { enforce: false, code: 131048 },
      ...options.simulatorOptions,
    },
  });
  if (options.worker) await built.startWorker({ pollingIntervalSeconds: 0.5 });
  if (options.listen) await built.app.listen({ host: "127.0.0.1", port });
  else await built.app.ready();
  return {
    ...built,
    database,
    server: built.app,
    inject: (options) => built.app.inject(options),
    async close() {
      await built.close();
      await database.drop();
    },
  };
}
