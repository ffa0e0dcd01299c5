import { describe, expect, it } from "vitest";
import { instantToWallTime, isTimeZone, wallTimeToInstant } from "./time-zone";

describe("wall-clock times of a client's time zone", () => {
  it("reads a Casablanca time (UTC+1 outside Ramadan) and a Paris summer time as the instants they name", () => {
    expect(wallTimeToInstant("2026-01-15T09:30", "Africa/Casablanca").toISOString()).toBe(
      "2026-01-15T08:30:00.000Z",
    );
    expect(wallTimeToInstant("2026-07-01T09:30:15", "Europe/Paris").toISOString()).toBe(
      "2026-07-01T07:30:15.000Z",
    );
    expect(wallTimeToInstant("2026-01-15T09:30", "UTC").toISOString()).toBe("2026-01-15T09:30:00.000Z");
  });

  it("gives back the wall-clock time it read, and refuses what is not one", () => {
    const at = wallTimeToInstant("2026-03-29T14:05", "Europe/Paris");
    expect(instantToWallTime(at, "Europe/Paris")).toBe("2026-03-29T14:05");
    expect(() => wallTimeToInstant("tomorrow", "UTC")).toThrow(RangeError);
    expect(isTimeZone("Africa/Casablanca")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
