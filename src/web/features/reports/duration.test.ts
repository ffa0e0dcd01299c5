import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration";

const plain = (text: string) => text.replace(/\u00a0/g, " ");

describe("formatDuration", () => {
  it("says a duration as a recruiter would, in French", () => {
    expect(plain(formatDuration("fr", 0))).toBe("0 s");
    expect(plain(formatDuration("fr", 45))).toBe("45 s");
    expect(plain(formatDuration("fr", 59.4))).toBe("59 s");
    expect(plain(formatDuration("fr", 59.6))).toBe("1 min");
    expect(plain(formatDuration("fr", 241))).toBe("4 min");
    expect(plain(formatDuration("fr", 3569))).toBe("59 min");
    expect(plain(formatDuration("fr", 3571))).toBe("1 h 00");
    expect(plain(formatDuration("fr", 7500))).toBe("2 h 05");
    expect(plain(formatDuration("fr", 86_400))).toBe("1 j");
    expect(plain(formatDuration("fr", 3 * 86_400 + 4 * 3600 + 20 * 60))).toBe("3 j 4 h");
    expect(formatDuration("fr", null)).toBe("—");
  });

  it("uses each language's units and keeps each figure with its unit", () => {
    expect(plain(formatDuration("en", 7500))).toBe("2 h 05");
    expect(plain(formatDuration("en", 2 * 86_400))).toBe("2 d");
    expect(plain(formatDuration("ar", 240))).toBe("4 د");
    expect(plain(formatDuration("ar", 7500))).toBe("2 س 05");
    expect(formatDuration("fr", 240)).not.toContain(" ");
  });
});
