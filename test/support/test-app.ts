import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { type BuiltApp, buildApp } from "../../src/server/app";
import { type Config, loadConfig } from "../../src/server/platform/config";
import { createLogger } from "../../src/server/platform/logger";
import { createTestDatabase, type TestDatabase } from "./test-database";

/** Sandbox-like configuration for tests; `env` overrides single variables. */
export function testConfig(database: TestDatabase, env: Record<string, string> = {}): Config {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    PUBLIC_URL: "http://localhost:3999",
    DATA_DIR: "/nonexistent-test-data",
    ...env,
  });
  return database.url ? { ...config, db: { kind: "postgres", url: database.url, poolSize: 5 } } : config;
}

export interface TestApp extends BuiltApp {
  database: TestDatabase;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  server: FastifyInstance;
}

/** A whole app on its own fresh database (one per test file: cloning costs milliseconds, not seconds). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(database, env);
  const built = await buildApp({ config, database, log: createLogger(config.log.level) });
  await built.app.ready();
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
