import { describe, expect, it } from "vitest";
import { isUnlimitedTier, tierOfMetaLimit, usersOfTier } from "./messaging-limit";

describe("the portfolio's messaging limit as Meta says it", () => {
  it("reads tier names, business_capability_update's integers and counts written as text", () => {
    expect(tierOfMetaLimit("TIER_2K")).toBe("TIER_2K");
    expect(tierOfMetaLimit("tier_250")).toBe("TIER_250");
    expect(tierOfMetaLimit(250)).toBe("TIER_250");
    expect(tierOfMetaLimit(2000)).toBe("TIER_2K");
    expect(tierOfMetaLimit(10000)).toBe("TIER_10K");
    expect(tierOfMetaLimit(100000)).toBe("TIER_100K");
    expect(tierOfMetaLimit(-1)).toBe("TIER_UNLIMITED");
    expect(tierOfMetaLimit("2000")).toBe("TIER_2K");
  });

  it("keeps a value it does not know as it came, and says nothing of what is not a limit", () => {
    expect(tierOfMetaLimit("TIER_5K")).toBe("TIER_5K");
    expect(tierOfMetaLimit("TIER_SOMETHING_NEW")).toBe("TIER_SOMETHING_NEW");
    expect(tierOfMetaLimit(1500)).toBe("TIER_1500");
    for (const nothing of [null, undefined, "", " ", 2.5, { tier: "TIER_2K" }, ["TIER_2K"], true])
      expect(tierOfMetaLimit(nothing)).toBeNull();
  });

  it("counts the users a tier allows; none for unlimited, not set or unknown names", () => {
    expect(usersOfTier("TIER_50")).toBe(50);
    expect(usersOfTier("TIER_2K")).toBe(2000);
    expect(usersOfTier("TIER_100K")).toBe(100_000);
    expect(usersOfTier("TIER_UNLIMITED")).toBeNull();
    expect(usersOfTier("TIER_NOT_SET")).toBeNull();
    expect(usersOfTier("TIER_SOMETHING_NEW")).toBeNull();
    expect(usersOfTier(null)).toBeNull();
    expect(isUnlimitedTier("TIER_UNLIMITED")).toBe(true);
    expect(isUnlimitedTier("TIER_2K")).toBe(false);
  });
});
