import { describe, expect, it } from "vitest";
import { expectedPricingType, META_CHARGE_RULES, metaChargeRuleOn } from "./meta-charges";

describe("which messages Meta charges, by day", () => {
  it("leaves replies and utility templates in the window free from July 2025 to September 2026", () => {
    for (const day of ["2025-07-01", "2026-09-30"]) {
      expect(expectedPricingType("service", true, day)).toBe("free_customer_service");
      expect(expectedPricingType("UTILITY", true, day)).toBe("free_customer_service");
      expect(expectedPricingType("UTILITY", false, day)).toBe("regular");
      expect(expectedPricingType("MARKETING", true, day)).toBe("regular");
      expect(expectedPricingType("AUTHENTICATION", true, day)).toBe("regular");
    }
  });

  it("charges replies and utility templates in the window from 1 October 2026", () => {
    for (const day of ["2026-10-01", "2027-06-15"]) {
      expect(expectedPricingType("service", true, day)).toBe("regular");
      expect(expectedPricingType("UTILITY", true, day)).toBe("regular");
      expect(expectedPricingType("MARKETING", false, day)).toBe("regular");
    }
  });

  it("keeps its rules oldest first, each with a source, and applies the one in force", () => {
    const days = META_CHARGE_RULES.map((rule) => rule.from);
    expect([...days].sort()).toEqual(days);
    for (const rule of META_CHARGE_RULES) expect(rule.source.length).toBeGreaterThan(10);
    // Before the first rule, the oldest one is the best the product knows.
    expect(metaChargeRuleOn("2024-01-01")).toBe(META_CHARGE_RULES[0]);
    expect(metaChargeRuleOn("2026-09-30").from).toBe("2025-07-01");
    expect(metaChargeRuleOn("2026-10-01").from).toBe("2026-10-01");
  });
});
