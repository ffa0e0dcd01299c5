import { asc, desc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { exchangeRates, rateCards } from "../../platform/db/schema/index";
import { forgetSharedBriefReads } from "../brief-reads";
import { ANY_MARKET, type RateCard } from "./pricing";

export type RateCardRow = typeof rateCards.$inferSelect;
export type ExchangeRateRow = typeof exchangeRates.$inferSelect;

/**
 * The rate card: one for every client (Meta's prices are the same for all), so not tenant-owned.
 * Rows are only ever added; the history is the table.
 */
export function rateCardsRepository(db: Db) {
  return {
    /** Every row of these markets and of `*`, every day, with the exchange rates: what pricing needs. */
    async load(markets: string[]): Promise<RateCard> {
      const wanted = [...new Set([...markets, ANY_MARKET])];
      const [rates, fx] = await Promise.all([
        db.select().from(rateCards).where(inArray(rateCards.market, wanted)),
        db.select().from(exchangeRates),
      ]);
      return {
        rates: rates.map((r) => ({
          id: r.id,
          market: r.market,
          category: r.category,
          pricingType: r.pricingType,
          price: Number(r.price),
          currency: r.currency,
          effectiveFrom: r.effectiveFrom,
        })),
        fx: fx.map((r) => ({
          currency: r.currency,
          madPerUnit: Number(r.madPerUnit),
          effectiveFrom: r.effectiveFrom,
        })),
      };
    },

    async addRate(values: Omit<typeof rateCards.$inferInsert, "id" | "createdAt">): Promise<RateCardRow> {
      const [row] = await db.insert(rateCards).values(values).returning();
      forgetSharedBriefReads();
      return row!;
    },

    async addExchangeRate(
      values: Omit<typeof exchangeRates.$inferInsert, "id" | "createdAt">,
    ): Promise<ExchangeRateRow> {
      const [row] = await db.insert(exchangeRates).values(values).returning();
      forgetSharedBriefReads();
      return row!;
    },

    /** Every row ever entered, for a market (and `*`) or all, newest day first within each key. */
    history(market?: string): Promise<RateCardRow[]> {
      return db
        .select()
        .from(rateCards)
        .where(market ? or(eq(rateCards.market, market), eq(rateCards.market, ANY_MARKET)) : undefined)
        .orderBy(
          asc(rateCards.market),
          asc(rateCards.category),
          asc(rateCards.pricingType),
          desc(rateCards.effectiveFrom),
          desc(rateCards.id),
        );
    },

    exchangeHistory(): Promise<ExchangeRateRow[]> {
      return db
        .select()
        .from(exchangeRates)
        .orderBy(asc(exchangeRates.currency), desc(exchangeRates.effectiveFrom), desc(exchangeRates.id));
    },
  };
}
