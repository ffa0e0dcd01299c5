import { describe, expect, it } from "vitest";
import { EventLog, SETTLE_MS } from "./event-log";

describe("EventLog", () => {
  it("drops repeats but never an id below the highest seen", () => {
    const log = new EventLog();
    expect(log.accept(10, 0)).toBe(true);
    expect(log.accept(10, 1)).toBe(false);
    expect(log.accept(7, 2)).toBe(true);
  });

  it("settles on the highest id received at least 30 s ago", () => {
    const log = new EventLog();
    expect(log.settledMark(0)).toBeNull();
    log.accept(5, 0);
    log.accept(9, 1000);
    log.accept(7, 2000);
    log.accept(20, SETTLE_MS + 1500);
    expect(log.settledMark(SETTLE_MS + 999)).toBe(5);
    expect(log.settledMark(SETTLE_MS + 2000)).toBe(9);
    expect(log.settledMark(SETTLE_MS * 3)).toBe(20);
  });
});
