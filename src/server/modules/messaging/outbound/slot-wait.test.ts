import { describe, expect, it } from "vitest";
import { LATE_MS, MAX_NEW_SLOTS, type SlotClock, waitForSlot } from "./slot-wait";

/** A clock that moves only when slept on, each sleep overshooting by the next of `stalls` (ms). */
function stallingClock(stalls: number[]): SlotClock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms + (stalls.shift() ?? 0);
    },
  };
}

describe("waiting for a send slot", () => {
  it("goes at its slot when woken on time, taking no new slot", async () => {
    const clock = stallingClock([LATE_MS]);
    let asked = 0;
    const taken = await waitForSlot(1_000, async () => ++asked, clock);
    expect(taken).toBe(0);
    expect(asked).toBe(0);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it("takes a new slot when woken more than the limit late, and goes at that one", async () => {
    // The machine stalls 400 ms past the slot at 1,000: the new slot is at 2,500.
    const clock = stallingClock([400, 0]);
    const taken = await waitForSlot(1_000, async () => 2_500, clock);
    expect(taken).toBe(1);
    expect(clock.sleeps).toEqual([1_000, 1_100]);
    expect(clock.now()).toBe(2_500);
  });

  it("takes a new slot for a slot already past by more than the limit (a job back late)", async () => {
    const clock = stallingClock([]);
    const slots = [50];
    const taken = await waitForSlot(-LATE_MS - 1, async () => slots.shift()!, clock);
    expect(taken).toBe(1);
    expect(clock.now()).toBe(50);
  });

  it("goes anyway after a few new slots, when the machine keeps stalling", async () => {
    const clock = stallingClock([500, 500, 500, 500, 500]);
    let next = 1_000;
    const taken = await waitForSlot(next, async () => (next += 1_000), clock);
    expect(taken).toBe(MAX_NEW_SLOTS);
    expect(clock.sleeps).toHaveLength(MAX_NEW_SLOTS + 1);
  });
});
