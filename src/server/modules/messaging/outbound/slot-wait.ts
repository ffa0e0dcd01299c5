import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "../../../platform/db/client";
import { type RateSpec, reserveSlots } from "../../../platform/rate-budget";

/** Time as the slot wait sees it: real in the product, a test's own in tests. */
export interface SlotClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: SlotClock = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

/**
 * A call whose timer fires more than this after its slot does not go: when the event loop or the
 * machine stalls, every call whose slot passed meanwhile would go out at once, a burst above the
 * number's throughput (the long-run rate holds, Meta's limiter may not forgive the second).
 */
export const LATE_MS = 100;
/** After this many new slots in a row (a machine stalling again and again), the call goes anyway. */
export const MAX_NEW_SLOTS = 3;

/**
 * Waits until `slotAt` (local epoch ms). Woken up late, it asks `newSlot` for another one and waits
 * for that instead. Returns how many new slots it took.
 */
export async function waitForSlot(
  slotAt: number,
  newSlot: () => Promise<number>,
  clock: SlotClock = systemClock,
): Promise<number> {
  let at = slotAt;
  for (let taken = 0; ; taken += 1) {
    const delay = at - clock.now();
    if (delay > 0) await clock.sleep(delay);
    if (clock.now() - at <= LATE_MS || taken === MAX_NEW_SLOTS) return taken;
    at = await newSlot();
  }
}

/**
 * New slots for late calls, reserved together: calls woken late by the same stall ask in the same
 * turn of the event loop, and one statement serves them all.
 */
export class LateSlots {
  private pending = new Map<
    string,
    { spec: RateSpec; waiters: ((at: number) => void)[]; fail: ((e: unknown) => void)[] }
  >();
  private scheduled = false;

  constructor(private readonly db: Db) {}

  /** The local time of a new slot in the budget `key`. */
  take(key: string, spec: RateSpec): Promise<number> {
    return new Promise((resolve, reject) => {
      const entry = this.pending.get(key) ?? { spec, waiters: [], fail: [] };
      entry.waiters.push(resolve);
      entry.fail.push(reject);
      this.pending.set(key, entry);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush() {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    try {
      const waits = await reserveSlots(
        this.db,
        [...batch].map(([key, entry]) => ({ key, spec: entry.spec, count: entry.waiters.length })),
      );
      const reservedAt = Date.now();
      for (const [key, entry] of batch)
        for (const [j, resolve] of entry.waiters.entries()) resolve(reservedAt + (waits.get(key)?.[j] ?? 0));
    } catch (error) {
      for (const entry of batch.values()) for (const reject of entry.fail) reject(error);
    }
  }
}
