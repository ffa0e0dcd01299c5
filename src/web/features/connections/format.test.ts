import { describe, expect, it } from "vitest";
import type { ConnectionResponse } from "../../../contracts/connections";
import { createFormatters } from "../../i18n/format";
import { known, limitTierText, portfolioNumbers } from "./format";
import { CONNECTIONS_CATALOGUES } from "./i18n";

describe("connection formats", () => {
  const fmt = createFormatters("en");
  const tc = CONNECTIONS_CATALOGUES.en;

  it("puts Meta's messaging limit tiers into words", () => {
    expect(limitTierText("TIER_250", tc, fmt)).toBe("250 people / 24 h");
    expect(limitTierText("TIER_2K", tc, fmt)).toBe("2,000 people / 24 h");
    expect(limitTierText("TIER_NOT_SET", tc, fmt)).toBe("Not set by Meta yet");
    expect(limitTierText("TIER_UNLIMITED", tc, fmt)).toBe("Unlimited");
    expect(limitTierText("SOMETHING_NEW", tc, fmt)).toBe("SOMETHING_NEW");
    expect(limitTierText(null, tc, fmt)).toBeNull();
  });

  it("counts the current numbers sharing a portfolio's limit", () => {
    const number = (id: string, businessId: string | null, state = "active") =>
      ({ id, businessId, state }) as unknown as ConnectionResponse;
    const all = [number("a", "b1"), number("b", "b1"), number("c", "b2"), number("d", "b1", "disconnected")];
    expect(portfolioNumbers(all[0]!, all)).toBe(2);
    expect(portfolioNumbers(all[2]!, all)).toBe(1);
    expect(portfolioNumbers(number("e", null), all)).toBe(1);
  });

  it("names known statuses and passes unknown ones through", () => {
    expect(known(tc.nameStatuses, "APPROVED")).toBe("Approved");
    expect(known(tc.nameStatuses, "toString")).toBe("toString");
    expect(known(tc.nameStatuses, "NEW_STATUS")).toBe("NEW_STATUS");
  });
});
