import type { Config } from "../../platform/config";

/** MAD per delivered template of a category (authentication-international priced as authentication). */
export function priceOf(prices: Config["prices"], category: string): number {
  switch (category.toUpperCase()) {
    case "MARKETING":
      return prices.marketing;
    case "UTILITY":
      return prices.utility;
    case "AUTHENTICATION":
    case "AUTHENTICATION_INTERNATIONAL":
      return prices.authentication;
    default:
      return 0;
  }
}
