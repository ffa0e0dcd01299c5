import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../testing/harness";

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ statusDelaysMs: { sent: 60_000, delivered: 60_000, read: 60_000 } });
});
afterEach(async () => {
  await h.close();
});

const hello = (to: string) => ({
  messaging_product: "whatsapp",
  to,
  type: "template",
  template: { name: "hello_world", language: { code: "en_US" } },
});
const burst = async (bodies: Record<string, unknown>[]) => {
  const results = await Promise.all(bodies.map((b) => h.graph("POST", `/v23.0/${h.phoneId}/messages`, b)));
  const codes = results.map((r) => (r.status === 200 ? 200 : Number(r.body.error.code)));
  return { accepted: codes.filter((c) => c === 200).length, refused: codes.filter((c) => c !== 200) };
};
const recipients = (n: number, offset = 0) =>
  Array.from({ length: n }, (_, i) => `+2126${String(10_000_000 + offset + i)}`);

describe("send limits under load", () => {
  it("holds the number's throughput: exactly the configured rate per second, the rest 130429", async () => {
    await h.control("POST", "/throughput", { perSecond: 20 });
    h.sim.clock.freeze();
    const first = await burst(recipients(60).map(hello));
    expect(first.accepted).toBe(20);
    expect(new Set(first.refused)).toEqual(new Set([130429]));
    expect(first.refused).toHaveLength(40);
    h.sim.clock.advance(500);
    expect((await burst(recipients(30, 100).map(hello))).accepted).toBe(10);
    h.sim.clock.advance(1000);
    expect((await burst(recipients(30, 200).map(hello))).accepted).toBe(20);
  });

  it("never exceeds the rate with the clock running", async () => {
    await h.control("POST", "/throughput", { perSecond: 50 });
    const started = h.sim.clock.now();
    let accepted = 0;
    let refused = 0;
    let i = 0;
    while (h.sim.clock.now() - started < 400) {
      const { accepted: a, refused: r } = await burst(recipients(25, 1000 + i * 25).map(hello));
      accepted += a;
      refused += r.length;
      i++;
    }
    const elapsed = h.sim.clock.now() - started;
    // Bucket capacity (one second's worth) plus what refilled while we hammered it.
    expect(accepted).toBeLessThanOrEqual(50 + Math.ceil((elapsed / 1000) * 50));
    expect(refused).toBeGreaterThan(0);
  });

  it("holds the pair rate: a burst of 45 to one candidate, then one per 6 seconds, else 131056", async () => {
    await h.control("POST", "/throughput", { perSecond: 1000 });
    h.sim.clock.freeze();
    const first = await burst(Array.from({ length: 50 }, () => hello("+212612345678")));
    expect(first.accepted).toBe(45);
    expect(first.refused).toEqual([131056, 131056, 131056, 131056, 131056]);
    // Another candidate is not affected by the first one's budget.
    expect((await burst([hello("+212698765432")])).accepted).toBe(1);
    h.sim.clock.advance(5_000);
    expect((await burst([hello("+212612345678")])).refused).toEqual([131056]);
    h.sim.clock.advance(1_000);
    expect((await burst([hello("+212612345678"), hello("+212612345678")])).accepted).toBe(1);
  });

  it("a refused send leaves no trace: nothing logged as sent, no status webhook", async () => {
    await h.control("POST", "/throughput", { perSecond: 1 });
    h.sim.clock.freeze();
    const { accepted } = await burst([hello("+212612345678"), hello("+212698765432")]);
    expect(accepted).toBe(1);
    expect(h.sim.state.messages.filter((m) => m.direction === "out")).toHaveLength(1);
    const sent = await h.control("GET", "/sent");
    expect(sent.body.sent.map((s: { responseStatus: number }) => s.responseStatus).sort()).toEqual([
      200, 400,
    ]);
  });
});
