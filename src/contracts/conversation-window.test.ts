import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONVERSATION_WINDOW_MS, isWindowOpen, openWindowsSince, windowExpiry } from "./conversation-window";

const HOUR = 3_600_000;
const wroteAt = new Date("2026-03-14T10:00:00.000Z");

describe("conversation window", () => {
  it("closes a day after the candidate's last message", () => {
    expect(CONVERSATION_WINDOW_MS).toBe(24 * HOUR);
    expect(windowExpiry(wroteAt)).toEqual(new Date("2026-03-15T10:00:00.000Z"));
  });

  it("is closed while the candidate never wrote", () => {
    expect(windowExpiry(null)).toBeNull();
    expect(isWindowOpen(null, wroteAt.getTime())).toBe(false);
  });

  it.each([
    [0, true],
    [23 * HOUR, true],
    [24 * HOUR - 1, true],
    [24 * HOUR, false],
    [25 * HOUR, false],
  ])("%d ms after the last message, open is %s", (elapsed, open) => {
    const now = wroteAt.getTime() + elapsed;
    const expiry = windowExpiry(wroteAt);
    expect(isWindowOpen(expiry, now)).toBe(open);
    expect(isWindowOpen(expiry?.toISOString() ?? null, now)).toBe(open);
  });

  it("agrees with the inbox filter's bound: open exactly when the last message is after it", () => {
    const instant = fc.integer({ min: 0, max: 4_000_000_000_000 });
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -2 * CONVERSATION_WINDOW_MS, max: 2 * CONVERSATION_WINDOW_MS }),
        (at, delta) => {
          const now = at + delta;
          const lastInboundAt = new Date(at);
          expect(isWindowOpen(windowExpiry(lastInboundAt), now)).toBe(lastInboundAt > openWindowsSince(now));
        },
      ),
    );
  });
});
