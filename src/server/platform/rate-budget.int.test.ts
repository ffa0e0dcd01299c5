import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database";
import { deleteSpentBudgets, type RateSpec, reserveSlots } from "./rate-budget";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const TEN_PER_SECOND = { perSecond: 10, burst: 1 };

/** One slot in one budget: how long to wait before it (ms). */
const reserveSlot = async (key: string, spec: RateSpec) =>
  (await reserveSlots(database.db, [{ key, spec, count: 1 }])).get(key)![0]!;

describe("rate budgets", () => {
  it("hands out k consecutive slots at once, and the next reservation starts after them", async () => {
    const started = Date.now();
    const first = await reserveSlots(database.db, [{ key: "number:a", spec: TEN_PER_SECOND, count: 5 }]);
    const waits = first.get("number:a")!;
    expect(waits).toHaveLength(5);
    // One interval (100 ms) between slots, from the first, due when the row was written: each wait
    // is its slot's distance from then less the time the statement took to answer, clamped at 0
    // for a slot already due (the first always; more on a loaded machine, where that takes longer).
    const last = waits[4]!;
    expect(last).toBeLessThanOrEqual(400);
    expect(last).toBeGreaterThanOrEqual(400 - (Date.now() - started) - 1);
    for (const [i, wait] of waits.entries()) expect(wait).toBeCloseTo(Math.max(0, last - (4 - i) * 100), 6);
    const next = await reserveSlot("number:a", TEN_PER_SECOND);
    // The sixth slot is 500 ms after the first, less the time that passed since: at most the time
    // both reservations took (1 ms for the clock's rounding), which a loaded machine can stretch.
    const elapsed = Date.now() - started;
    expect(next).toBeGreaterThanOrEqual(500 - elapsed - 1);
    expect(next).toBeLessThanOrEqual(500);
  });

  it("reserves several budgets in one statement, each at its own pace, with its burst", async () => {
    const waits = await reserveSlots(database.db, [
      { key: "pair:a:1", spec: { perSecond: 1 / 6, burst: 10 }, count: 12 },
      { key: "number:b", spec: TEN_PER_SECOND, count: 2 },
    ]);
    const pair = waits.get("pair:a:1")!;
    // Ten go at once (the burst), then one per 6 s.
    expect(pair.slice(0, 10).every((w) => w === 0)).toBe(true);
    expect(pair[10]).toBeGreaterThan(5_000);
    expect(pair[11]! - pair[10]!).toBeCloseTo(6_000, 6);
    expect(waits.get("number:b")![1]).toBeGreaterThan(50);
  });

  it("deletes the budgets idle for longer than asked, keeps the others, and starts a deleted one afresh", async () => {
    await reserveSlots(database.db, [
      { key: "pair:c:212600000001", spec: TEN_PER_SECOND, count: 1 },
      { key: "pair:c:212600000002", spec: TEN_PER_SECOND, count: 1 },
      { key: "number:c", spec: TEN_PER_SECOND, count: 3 },
    ]);
    await database.query(
      "UPDATE rate_budgets SET tat = now() - interval '20 minutes' WHERE key IN ('pair:c:212600000001', 'number:c')",
    );
    expect(await deleteSpentBudgets(database.db, 10 * 60_000, 1)).toBe(1); // batches of one
    expect(await deleteSpentBudgets(database.db, 10 * 60_000, 1)).toBe(1);
    expect(await deleteSpentBudgets(database.db, 10 * 60_000, 1)).toBe(0);
    const left = await database.query("SELECT key FROM rate_budgets WHERE key LIKE '%:c%' ORDER BY key");
    expect(left.rows.map((r) => r.key)).toEqual(["pair:c:212600000002"]);
    // A budget deleted is one never used: its next reservation is due at once.
    expect(await reserveSlot("number:c", TEN_PER_SECOND)).toBe(0);
  });
});
