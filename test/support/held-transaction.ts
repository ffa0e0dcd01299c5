import pg from "pg";
import type { Db } from "../../src/server/platform/db/client";
import { eventually } from "./waiting";

/**
 * A transaction that runs `work` and then stays open until `commit` is called: what a slow batch or
 * a colleague's unfinished change looks like to a concurrent one. `ready` resolves once `work` ran.
 */
export function heldTransaction(db: Db, work: (tx: Db) => Promise<unknown>) {
  let commit!: () => void;
  const held = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let started!: () => void;
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const done = db.transaction(async (tx) => {
    const result = await work(tx);
    started();
    await held;
    return result;
  });
  return { ready, commit, done };
}

/**
 * Runs `use` with a connection of its own, ended after: a second transaction at once, to hold rows
 * a statement under test must wait on (PostgreSQL only: PGlite has one connection).
 */
export async function withSecondConnection<T>(
  url: string,
  use: (other: pg.Client) => Promise<T>,
): Promise<T> {
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    return await use(other);
  } finally {
    await other.end();
  }
}

/**
 * Whether a statement in this database waits on a lock another transaction holds. Asked outside
 * that transaction: a transaction sees `pg_stat_activity` as it was at its first look.
 */
export async function isWaitingOnALock(database: {
  query(text: string): Promise<{ rows: unknown[] }>;
}): Promise<boolean> {
  const waiting = await database.query(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
  );
  return (waiting.rows[0] as { n: number }).n > 0;
}

/** Resolves once a statement in this database waits on a lock another transaction holds. */
export async function untilWaitingOnALock(database: Parameters<typeof isWaitingOnALock>[0]): Promise<void> {
  await eventually(() => isWaitingOnALock(database));
}
