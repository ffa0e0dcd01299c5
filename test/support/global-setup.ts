import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { type Database, openPostgres } from "../../src/server/platform/db/client";
import { applyMigrations } from "../../src/server/platform/db/migrate";
import { createPglite, openPglite } from "../../src/server/platform/db/pglite";
import { browserSkipReason } from "../e2e/support/browser";
import { TEMPLATE_ENV } from "./test-database";

/** Migrations and pg-boss's schema, once, into the template every test file clones. */
async function prepareTemplate(database: Database): Promise<void> {
  await applyMigrations(database);
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.query(text, values) },
    schema: "pgboss",
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, close: false, wait: true });
}

/** Browser tests drive the built dashboard: build it once for the run, where Chromium can run them. */
async function buildDashboard(): Promise<void> {
  if (browserSkipReason) console.warn(`\nBrowser tests are skipped: ${browserSkipReason}.\n`);
  if (browserSkipReason || process.env.LJ_SKIP_WEB_BUILD) return;
  const { build } = await import("vite");
  // Production mode: browser tests drive the bundle users get, not React's development build.
  // Vite takes NODE_ENV from the environment first, and Vitest has set it to "test".
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: "vite.config.ts", logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  await buildDashboard();
  const serverUrl = process.env[TEMPLATE_ENV.postgresUrl];
  if (serverUrl) {
    const template = `lj_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    const database = openPostgres(url.toString(), 2);
    await prepareTemplate(database);
    await database.close();
    process.env[TEMPLATE_ENV.postgresTemplate] = template;
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "lj-test-template-"));
  const client = await createPglite(dir);
  const database = openPglite(client);
  await prepareTemplate(database);
  await database.close();
  process.env[TEMPLATE_ENV.pgliteTemplate] = dir;
  return async () => rmSync(dir, { recursive: true, force: true });
}
