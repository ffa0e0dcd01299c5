import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testBackend } from "../../../../test/support/test-database";
import { type Database, openPostgres } from "./client";

let database: TestDatabase;
let onePool: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  if (database.url) onePool = openPostgres(database.url, 1);
});
afterAll(async () => {
  await onePool?.close();
  await database.drop();
});

// PGlite is one connection in the process, without a pool to wait for.
describe.skipIf(testBackend !== "postgres")("the connection pool's waits", () => {
  it("are timed from the ask to the connection in hand, for statements and transactions alike", async () => {
    // The pool's connection opened first: opening one is not what is measured here, and on a
    // loaded machine it alone can take longer than the waits below.
    await onePool.query("select 1");
    const waits: number[] = [];
    onePool.pool!.onWait((seconds) => waits.push(seconds));

    // The pool's only connection held by a transaction: a statement and another transaction queue.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = onePool.db.transaction(async (tx) => {
      await tx.execute("select 1");
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const statement = onePool.query("select 2 as n");
    const transaction = onePool.db.transaction(async (tx) => tx.execute("select 3"));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(onePool.pool!.stats()).toEqual({ total: 1, idle: 0, waiting: 2 });

    release();
    await holding;
    expect((await statement).rows).toEqual([{ n: 2 }]);
    await transaction;
    expect(onePool.pool!.stats()).toMatchObject({ total: 1, waiting: 0 });
    // The first ask had the idle connection; the two queued ones waited for the transaction, which
    // held it at least the 60 ms slept above (a loaded machine only makes that longer).
    expect(waits).toHaveLength(3);
    expect(Math.min(waits[1]!, waits[2]!)).toBeGreaterThanOrEqual(0.055);
    expect(waits[0]).toBeLessThan(Math.min(waits[1]!, waits[2]!));
  });
});
