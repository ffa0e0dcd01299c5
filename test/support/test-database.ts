import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, openPostgres } from "../../src/server/platform/db/client";
import { createPglite, openPglite } from "../../src/server/platform/db/pglite";

/** Set by the global setup: a migrated template, as a PostgreSQL database name or a PGlite folder. */
export const TEMPLATE_ENV = {
  postgresUrl: "TEST_DATABASE_URL",
  postgresTemplate: "LJ_TEST_PG_TEMPLATE",
  pgliteTemplate: "LJ_TEST_PGLITE_TEMPLATE",
} as const;

export interface TestDatabase extends Database {
  /** The connection string of the clone, on PostgreSQL (pg-boss opens its own pool with it). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** The backend the suite runs on: a real PostgreSQL server when TEST_DATABASE_URL is set, else PGlite. */
export const testBackend = process.env[TEMPLATE_ENV.postgresUrl] ? "postgres" : "pglite";

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A fresh, fully migrated database cloned from the template: milliseconds, not a migration run. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[TEMPLATE_ENV.postgresUrl];
  if (serverUrl) {
    const template = process.env[TEMPLATE_ENV.postgresTemplate]!;
    const name = `lj_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = withDatabase(serverUrl, name);
    const database = openPostgres(url, 5);
    return {
      ...database,
      url,
      async drop() {
        await database.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  const template = process.env[TEMPLATE_ENV.pgliteTemplate]!;
  const dir = mkdtempSync(join(tmpdir(), "lj-test-db-"));
  cpSync(template, dir, { recursive: true });
  const database = openPglite(await createPglite(dir));
  return {
    ...database,
    url: undefined,
    async drop() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
