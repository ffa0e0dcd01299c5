import { mkdirSync } from "node:fs";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
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
  /**
   * A transaction in two round trips fewer, for hot loops where each trip counts: the `opening`
   * statement travels with BEGIN, and the `closing` one that `work` returns with COMMIT (both
   * without parameters: they go as one simple query). `work` gets the opening's rows. It may not
   * open nested transactions (savepoints go through SQL); a failure anywhere rolls everything back.
   */
  briefTransaction<T>(
    opening: string,
    work: (tx: Db, opened: SqlResult) => Promise<{ value: T; closing?: string }>,
  ): Promise<T>;
  close(): Promise<void>;
  /**
   * The connection pool as it stands, and a listener of each wait for a connection (seconds from
   * the ask to the connection in hand): what `/metrics` shows of it. Absent for PGlite, which is one
   * connection in the process.
   */
  pool?: {
    stats(): { total: number; idle: number; waiting: number };
    onWait(listener: (seconds: number) => void): void;
  };
}

/** A Drizzle handle on a connection that is inside a brief transaction: nesting one would end it. */
export function withoutNesting(tx: Db): Db {
  return Object.assign(tx, {
    transaction: () => {
      throw new Error("a brief transaction cannot nest one: use SAVEPOINT statements");
    },
  });
}

/**
 * Opens the configured database: a PGlite data folder in sandbox, a pg pool in live mode. PGlite
 * (a WebAssembly PostgreSQL) is loaded only in sandbox, so a live process starts without it.
 */
export async function openDatabase(config: Pick<Config, "db">): Promise<Database> {
  if (config.db.kind === "postgres") return openPostgres(config.db.url, config.db.poolSize);
  mkdirSync(config.db.dataDir, { recursive: true });
  const { createPglite, openPglite } = await import("./pglite");
  return openPglite(await createPglite(config.db.dataDir));
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (failover, proxy timeout) is dropped from the pool; unheard,
  // its error would crash the process.
  pool.on("error", () => {});
  // The pool hears only its idle connections. One checked out (a transaction between two
  // statements) that the server cuts, as a PostgreSQL restart does to all of them, emits 'error'
  // on the client itself: unheard, that crashes the process. Heard here, the error still reaches
  // the transaction (its next statement fails, it rolls back) and the pool discards the connection.
  pool.on("connect", (client) => {
    client.on("error", () => {});
    // No JIT compilation: every statement here is short, and one whose estimate runs high (a
    // correlated subquery, a merge of many rows) spent hundreds of milliseconds compiling before
    // running for a few. Queued ahead of the connection's first statement, on the same connection.
    client.query("SET jit = off").catch(() => {});
  });
  const waitListeners: ((seconds: number) => void)[] = [];
  timeConnectionWaits(pool, (seconds) => {
    for (const listener of waitListeners) listener(seconds);
  });
  return {
    kind: "postgres",
    db: drizzlePg(pool, { schema }) as unknown as Db,
    query: async (text, params) => {
      const result = await pool.query(text, params as unknown[]);
      return { rows: result.rows };
    },
    async briefTransaction(opening, work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Several statements in one simple query: one result each, BEGIN's first.
        const results = (await client.query(`BEGIN; ${opening}`)) as unknown as pg.QueryResult[];
        const tx = withoutNesting(drizzlePg(client, { schema }) as unknown as Db);
        const { value, closing } = await work(tx, { rows: results[1]?.rows ?? [] });
        await client.query(closing ? `${closing}; COMMIT` : "COMMIT");
        return value;
      } catch (error) {
        broken = await client.query("ROLLBACK").then(
          () => undefined,
          (rollbackError: unknown) => rollbackError as Error,
        );
        throw error;
      } finally {
        // A connection whose rollback failed is in an unknown state: the pool discards it.
        client.release(broken);
      }
    },
    close: () => pool.end(),
    pool: {
      stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      onWait: (listener) => waitListeners.push(listener),
    },
  };
}

/**
 * Times every ask for a connection: `pool.query` (drizzle's statements outside a transaction) and
 * `pool.connect` (a transaction) both go through `connect`, with a callback or for a promise. A
 * request waiting here is waiting for the pool, not for the database.
 */
function timeConnectionWaits(pool: pg.Pool, observe: (seconds: number) => void): void {
  type Connected = (error: Error | undefined, client?: pg.PoolClient, release?: () => void) => void;
  const connect = pool.connect.bind(pool) as (callback?: Connected) => Promise<pg.PoolClient> | undefined;
  const timed = (callback?: Connected) => {
    const asked = performance.now();
    const waited = () => observe((performance.now() - asked) / 1000);
    if (callback)
      return connect((error, client, release) => {
        waited();
        callback(error, client, release);
      });
    return connect()!.then((client) => {
      waited();
      return client;
    });
  };
  pool.connect = timed as typeof pool.connect;
}
