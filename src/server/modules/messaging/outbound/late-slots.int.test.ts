import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../../test/support/test-database";
import { LateSlots } from "./slot-wait";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("new slots for late calls", () => {
  it("reserves the slots asked for in one turn of the event loop together, one interval apart, each budget apart", async () => {
    const slots = new LateSlots(database.db);
    const tenPerSecond = { perSecond: 10, burst: 1 };
    const started = Date.now();
    const [a1, a2, a3, b1] = await Promise.all([
      slots.take("number:late-a", tenPerSecond),
      slots.take("number:late-a", tenPerSecond),
      slots.take("number:late-a", tenPerSecond),
      slots.take("number:late-b", tenPerSecond),
    ]);
    const answered = Date.now();
    // Slots 100 ms apart from when the row was written (a slot already due by the answer is now).
    for (const slot of [a1!, a2!, a3!, b1!]) expect(slot).toBeGreaterThanOrEqual(started);
    expect(a2! - a1!).toBeLessThanOrEqual(100 + 1);
    expect(a3! - a2!).toBeLessThanOrEqual(100 + 1);
    expect(a3!).toBeGreaterThanOrEqual(started + 200 - 1);
    expect(a3!).toBeLessThanOrEqual(answered + 200 + 1);
    // Another number's budget: its first slot is due at once.
    expect(b1!).toBeLessThanOrEqual(answered + 1);
    // One asked later comes after the three: the budget moved 300 ms.
    const a4 = await slots.take("number:late-a", tenPerSecond);
    expect(a4).toBeGreaterThanOrEqual(started + 300 - 1);
  });
});
