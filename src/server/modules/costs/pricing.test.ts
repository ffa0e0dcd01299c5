import { describe, expect, it } from "vitest";
import { categoryKey, marketOf, marketOfContact, monthOf, priceMessage, type RateCard } from "./pricing";

const rate = (
  id: number,
  market: string,
  category: string,
  price: number,
  effectiveFrom: string,
  currency = "USD",
) => ({
  id,
  market,
  category,
  pricingType: "regular",
  price,
  currency,
  effectiveFrom,
});
const card: RateCard = {
  rates: [
    rate(1, "MA", "marketing", 0.0225, "2025-07-01"),
    rate(2, "MA", "marketing", 0.03, "2026-10-01"),
    rate(3, "MA", "marketing", 0.031, "2026-10-01"), // a correction entered later the same day wins
    rate(4, "MA", "authentication", 0.004, "2025-07-01"),
    rate(5, "*", "marketing", 0.06, "2025-07-01"),
    rate(6, "MA", "sms", 0.29, "2025-07-01", "MAD"),
    rate(7, "EG", "utility", 0.01, "2025-07-01", "EUR"),
  ],
  fx: [
    { currency: "USD", madPerUnit: 9, effectiveFrom: "2025-07-01" },
    { currency: "USD", madPerUnit: 10, effectiveFrom: "2026-10-01" },
  ],
};
const price = (market: string, category: string, day: string, pricingType = "regular") =>
  priceMessage(card, { market, category, pricingType, day });

describe("pricing", () => {
  it("takes the newest row in force on the day, and the exchange rate of that day", () => {
    expect(price("MA", "marketing", "2025-06-30")).toEqual({
      amountMad: 0,
      rateCardId: null,
      isPriced: false,
    });
    expect(price("MA", "marketing", "2026-09-30")).toEqual({
      amountMad: 0.2025,
      rateCardId: 1,
      isPriced: true,
    });
    expect(price("MA", "marketing", "2026-10-01")).toEqual({
      amountMad: 0.31,
      rateCardId: 3,
      isPriced: true,
    });
  });

  it("falls back to the any-market row, and prices authentication-international as authentication without its own", () => {
    expect(price("FR", "marketing", "2026-01-01").amountMad).toBe(0.54);
    expect(price("MA", "authentication-international", "2026-01-01")).toMatchObject({
      amountMad: 0.036,
      rateCardId: 4,
    });
  });

  it("charges nothing for a free type the card does not price, and says when a charged one has no price", () => {
    expect(price("MA", "utility", "2026-01-01", "free_customer_service")).toEqual({
      amountMad: 0,
      rateCardId: null,
      isPriced: true,
    });
    expect(price("MA", "referral_conversion", "2026-01-01").isPriced).toBe(false);
    // A currency without an exchange rate is not guessed.
    expect(price("EG", "utility", "2026-01-01")).toEqual({ amountMad: 0, rateCardId: null, isPriced: false });
    expect(price("MA", "sms", "2026-01-01").amountMad).toBe(0.29);
  });

  it("reads markets, categories and months", () => {
    expect(marketOf("212612345678")).toBe("MA");
    expect(marketOf("+33612345678")).toBe("FR");
    expect(marketOf(null)).toBe("*");
    // A candidate known only by their business-scoped user id: the BSUID's country.
    expect(marketOfContact({ waId: null, phone: null, bsuid: "FR.13491208655302741918" })).toBe("FR");
    expect(marketOfContact({ waId: "212612345678", bsuid: "FR.1349" })).toBe("MA");
    expect(marketOfContact({ bsuid: "not-a-bsuid" })).toBe("*");
    expect(categoryKey("AUTHENTICATION-INTERNATIONAL")).toBe("authentication_international");
    // 23:30 UTC on 31 March is 1 April in Casablanca (UTC+1).
    expect(monthOf(new Date("2027-03-31T23:30:00Z"))).toBe("2027-04-01");
  });
});
