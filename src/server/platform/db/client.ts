import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import type { Config } from "../config";
import * as schema from "./schema/index";

/** Drizzle over either back-end; a transaction has the same type, so repositories take either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface SqlResult {
  rows: Record<string, unknown>[];
}

/** The database handle the rest of the server uses, whichever back-end runs underneath. */
export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /** Raw parameterised SQL, for pg-boss and health checks; application queries go through Drizzle. */
  query(text: string, params?: unknown[]): Promise<SqlResult>;
  close(): Promise<void>;
}

/** Opens the configured database: a PGlite data folder in sandbox, a pg pool in live mode. */
export async function openDatabase(config: Pick<Config, "db">): Promise<Database> {
  if (config.db.kind === "postgres") return openPostgres(config.db.url, config.db.poolSize);
  mkdirSync(config.db.dataDir, { recursive: true });
  return openPglite(await createPglite(config.db.dataDir));
}

/**
 * A PGlite instance with the extensions the migrations create (`pg_trgm` and `btree_gin` for the
 * inbox search indexes): PGlite ships them as contrib modules that must be loaded when the database
 * is opened, before `CREATE EXTENSION` can find them, and every time it is opened after that.
 */
export function createPglite(dataDir: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm, btree_gin } });
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (failover, proxy timeout) is dropped from the pool; unheard,
  // its error would crash the process.
  pool.on("error", () => {});
  return {
    kind: "postgres",
    db: drizzlePg(pool, { schema }) as unknown as Db,
    query: async (text, params) => {
      const result = await pool.query(text, params as unknown[]);
      return { rows: result.rows };
    },
    close: () => pool.end(),
  };
}

export function openPglite(client: PGlite): Database {
  return {
    kind: "pglite",
    db: drizzlePglite(client, { schema }) as unknown as Db,
    query: async (text, params) => {
      if (params && params.length > 0)
        return { rows: (await client.query(text, params)).rows as SqlResult["rows"] };
      // Without parameters the text may hold several statements (pg-boss installs its schema this way).
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as SqlResult["rows"] };
    },
    close: () => client.close(),
  };
}
