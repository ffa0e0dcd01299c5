import type { Db } from "../../platform/db/client";
import { validationFailed } from "../../platform/errors";
import { readSharedBrief } from "../brief-reads";
import { ANY_MARKET, categoryKey, dayOf, type RateCard } from "./pricing";
import { rateCardsRepository } from "./rate-cards.repository";

/** Meta's pricing types, and `monthly` for LinkoJob's own fees (a LinkoJob number). */
const PRICING_TYPES = ["regular", "free_customer_service", "free_entry_point", "monthly"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface NewRate {
  market: string;
  category: string;
  pricingType?: string;
  price: number;
  currency: string;
  effectiveFrom: string;
  source: string;
  enteredBy: string;
}

function checkDay(day: string, field: string) {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw validationFailed(field, "must be a day written YYYY-MM-DD");
}

/**
 * Adds a price to the rate card from a day on. Nothing is overwritten: the previous price stays
 * in force for the days before, so past months keep what they cost and the history is kept. The
 * operator's command (`npm run rates:set`) and, later, the operator's routes call this.
 *
 * @throws a validation error naming the field for a market, category, price, currency or day that is not one.
 */
export async function setRate(db: Db, input: NewRate) {
  const market = input.market.trim().toUpperCase();
  if (market !== ANY_MARKET && !/^[A-Z]{2}$/.test(market))
    throw validationFailed("market", "must be an ISO country code (MA, FR…) or *");
  const category = categoryKey(input.category);
  if (!/^[a-z_]{2,40}$/.test(category)) throw validationFailed("category", "must be a pricing category");
  const pricingType = input.pricingType ?? "regular";
  if (!(PRICING_TYPES as readonly string[]).includes(pricingType))
    throw validationFailed("type", `must be one of ${PRICING_TYPES.join(", ")}`);
  if (!Number.isFinite(input.price) || input.price < 0) throw validationFailed("price", "must be 0 or more");
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw validationFailed("currency", "must be an ISO currency (USD, MAD…)");
  checkDay(input.effectiveFrom, "from");
  if (!input.source.trim()) throw validationFailed("source", "say where the price comes from");
  return rateCardsRepository(db).addRate({
    market,
    category,
    pricingType,
    price: String(input.price),
    currency,
    effectiveFrom: input.effectiveFrom,
    source: input.source.trim(),
    enteredBy: input.enteredBy,
  });
}

/** Adds an exchange rate (MAD per unit of a currency) from a day on, keeping the older ones. */
export async function setExchangeRate(
  db: Db,
  input: { currency: string; madPerUnit: number; effectiveFrom: string; source: string; enteredBy: string },
) {
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || currency === "MAD")
    throw validationFailed("currency", "must be an ISO currency other than MAD");
  if (!Number.isFinite(input.madPerUnit) || input.madPerUnit <= 0)
    throw validationFailed("rate", "must be more than 0");
  checkDay(input.effectiveFrom, "from");
  if (!input.source.trim()) throw validationFailed("source", "say where the rate comes from");
  return rateCardsRepository(db).addExchangeRate({
    currency,
    madPerUnit: String(input.madPerUnit),
    effectiveFrom: input.effectiveFrom,
    source: input.source.trim(),
    enteredBy: input.enteredBy,
  });
}

/** Every price and exchange rate ever entered (a market's and the `*` rows, or all). */
export async function rateCardHistory(db: Db, market?: string) {
  const repo = rateCardsRepository(db);
  return { rates: await repo.history(market?.toUpperCase()), exchangeRates: await repo.exchangeHistory() };
}

/**
 * The card as pricing reads it, for these markets: from this process's last second
 * (`briefReads`; a price added here counts at once, one added by another process within the
 * second). Shared: never change it.
 */
export function loadRateCard(db: Db, markets: string[]): Promise<RateCard> {
  const key = [...new Set(markets)].sort();
  return readSharedBrief(["rate-card", ...key], () => rateCardsRepository(db).load(markets));
}

/** Today in Morocco's time, the day whose prices an estimate uses. */
export const today = () => dayOf(new Date());
