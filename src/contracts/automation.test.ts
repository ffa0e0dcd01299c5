import { describe, expect, it } from "vitest";
import {
  awayMessageIn,
  awayReplyLanguage,
  BusinessHours,
  DEFAULT_BUSINESS_HOURS,
  isWithinBusinessHours,
} from "./automation";

describe("isWithinBusinessHours", () => {
  // 2026-06-01 is a Monday; Casablanca is UTC+1 then.
  it("reads the hours in the client's time zone", () => {
    const mondayAt = (utc: string) => new Date(`2026-06-01T${utc}Z`);
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, "Africa/Casablanca", mondayAt("07:59:00"))).toBe(
      false,
    );
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, "Africa/Casablanca", mondayAt("08:00:00"))).toBe(
      true,
    );
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, "Africa/Casablanca", mondayAt("16:59:00"))).toBe(
      true,
    );
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, "Africa/Casablanca", mondayAt("17:00:00"))).toBe(
      false,
    );
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, "UTC", mondayAt("17:00:00"))).toBe(true);
  });

  it("a day without hours is closed all day; 24:00 closes at midnight", () => {
    const saturdayNoon = new Date("2026-06-06T12:00:00Z");
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, "UTC", saturdayNoon)).toBe(false);
    const allDay = { ...DEFAULT_BUSINESS_HOURS, saturday: { open: "00:00", close: "24:00" } };
    expect(isWithinBusinessHours(allDay, "UTC", saturdayNoon)).toBe(true);
    expect(isWithinBusinessHours(allDay, "UTC", new Date("2026-06-06T23:59:30Z"))).toBe(true);
  });

  it("refuses a day that closes before it opens, or a time that is not one", () => {
    const bad = (monday: unknown) => BusinessHours.safeParse({ ...DEFAULT_BUSINESS_HOURS, monday }).success;
    expect(bad({ open: "18:00", close: "09:00" })).toBe(false);
    expect(bad({ open: "9:00", close: "18:00" })).toBe(false);
    expect(bad({ open: "24:00", close: "24:00" })).toBe(false);
    expect(bad({ open: "08:30", close: "24:00" })).toBe(true);
  });
});

describe("awayReplyLanguage", () => {
  it("takes the candidate's stored language first, then their message's, then French", () => {
    expect(awayReplyLanguage("ar", "ok")).toBe("ar");
    expect(awayReplyLanguage("ar", "Hello, I am interested in the job")).toBe("ar");
    expect(awayReplyLanguage(null, "Hello, I am interested in the job")).toBe("en");
    expect(awayReplyLanguage(null, "السلام عليكم")).toBe("ar");
    expect(awayReplyLanguage(null, "ok")).toBe("fr");
    expect(awayReplyLanguage(null, null)).toBe("fr");
  });
});

describe("awayMessageIn", () => {
  it("falls back to another language when the one wanted is not written", () => {
    expect(awayMessageIn({ fr: "Absents", en: "", ar: "" }, "ar")).toBe("Absents");
    expect(awayMessageIn({ fr: "Absents", en: "Away", ar: "غائبون" }, "ar")).toBe("غائبون");
    expect(awayMessageIn({ fr: " ", en: "", ar: "" }, "fr")).toBeNull();
  });
});
