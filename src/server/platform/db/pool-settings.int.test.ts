import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testBackend } from "../../../../test/support/test-database";
import { type Database, openPostgres } from "./client";

let database: TestDatabase;
let pool: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  if (database.url) pool = openPostgres(database.url, 2);
});
afterAll(async () => {
  await pool?.close();
  await database.drop();
});

// PGlite has no JIT compiler, nor a pool.
describe.skipIf(testBackend !== "postgres")("the pool's connections", () => {
  it("compile no statement with JIT, from their first statement on, however they are used", async () => {
    // Two connections opened at once: each runs the setting before the statement it was opened for.
    const [first, second] = await Promise.all([pool.query("show jit"), pool.query("show jit")]);
    expect([first.rows, second.rows]).toEqual([[{ jit: "off" }], [{ jit: "off" }]]);
    const inTransaction = await pool.db.transaction((tx) => tx.execute("show jit"));
    expect((inTransaction as unknown as { rows: unknown[] }).rows).toEqual([{ jit: "off" }]);
    const brief = await pool.briefTransaction("show jit", async (_tx, opened) => ({ value: opened.rows }));
    expect(brief).toEqual([{ jit: "off" }]);
  });
});
