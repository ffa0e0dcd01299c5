import { describe, expect, it } from "vitest";
import { createFormatters } from "../../i18n/format";
import { known, limitTierText } from "./format";
import { CONNECTIONS_CATALOGUES } from "./i18n";

describe("connection formats", () => {
  const fmt = createFormatters("en");
  const tc = CONNECTIONS_CATALOGUES.en;

  it("puts Meta's messaging limit tiers into words", () => {
    expect(limitTierText("TIER_250", tc, fmt)).toBe("250 recipients per 24 h");
    expect(limitTierText("TIER_2K", tc, fmt)).toBe("2,000 recipients per 24 h");
    expect(limitTierText("TIER_UNLIMITED", tc, fmt)).toBe("Unlimited");
    expect(limitTierText("SOMETHING_NEW", tc, fmt)).toBe("SOMETHING_NEW");
    expect(limitTierText(null, tc, fmt)).toBeNull();
  });

  it("names known statuses and passes unknown ones through", () => {
    expect(known(tc.nameStatuses, "APPROVED")).toBe("Approved");
    expect(known(tc.nameStatuses, "toString")).toBe("toString");
    expect(known(tc.nameStatuses, "NEW_STATUS")).toBe("NEW_STATUS");
  });
});
