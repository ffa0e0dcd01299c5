import { describe, expect, it } from "vitest";
import { DeliveryIntake } from "./delivery-intake";

/** A store that takes a little while, records each group it is given, and refuses "poison". */
function slowStore() {
  const groups: string[][] = [];
  const known = new Set<string>();
  const storeMany = async (bodies: Buffer[]) => {
    groups.push(bodies.map(String));
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (bodies.some((b) => String(b) === "poison")) throw new Error("refused by the database");
    return bodies.map((b) => !known.has(String(b)) && Boolean(known.add(String(b))));
  };
  return { groups, storeMany };
}

describe("webhook delivery intake", () => {
  it("writes a lone delivery at once and a burst in few groups, answering each caller", async () => {
    const store = slowStore();
    const intake = new DeliveryIntake(store.storeMany);
    expect(await intake.store(Buffer.from("first"))).toBe(true);
    expect(store.groups).toEqual([["first"]]);

    const bodies = Array.from({ length: 50 }, (_, i) => `delivery ${i % 40}`); // ten repeats
    const results = await Promise.all(bodies.map((b) => intake.store(Buffer.from(b))));
    expect(results.filter(Boolean)).toHaveLength(40);
    expect(results.slice(40).every((isNew) => !isNew)).toBe(true);
    expect(store.groups.length).toBeLessThanOrEqual(3); // the first of the burst, then the rest together
  });

  it("keeps a refused delivery from failing the others of its group", async () => {
    const store = slowStore();
    const intake = new DeliveryIntake(store.storeMany);
    const outcomes = await Promise.allSettled(
      ["a", "b", "poison", "c"].map((b) => intake.store(Buffer.from(b))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(outcomes.filter((o) => o.status === "fulfilled").every((o) => o.value === true)).toBe(true);
  });

  it("caps a group's size", async () => {
    const store = slowStore();
    const intake = new DeliveryIntake(store.storeMany, 10);
    await Promise.all(Array.from({ length: 35 }, (_, i) => intake.store(Buffer.from(`d${i}`))));
    expect(Math.max(...store.groups.map((g) => g.length))).toBe(10);
  });
});
