import { z } from "zod";

/** What the costs page groups a month by. */
export const COST_GROUPS = ["client", "number", "recruiter", "campaign", "category"] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

/** A month as `YYYY-MM`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month written YYYY-MM");

export const CostsQuery = z.object({
  /** The month, in Morocco's time; this month when left out. */
  month: Month.optional(),
  groupBy: z.enum(COST_GROUPS).default("category"),
});
export type CostsQuery = z.infer<typeof CostsQuery>;

/** Money and counts of one group (or the whole month). */
const CostFigures = z.object({
  /** What Meta charges, in MAD, at the rate card of each message's day. */
  amountMad: z.number(),
  /** Delivered messages Meta charged. */
  billableMessages: z.number().int(),
  /** Delivered messages Meta priced at nothing (replies in the window, free entry points). */
  freeMessages: z.number().int(),
  /** Messages the candidates sent (free on WhatsApp, charged by SMS). */
  inboundMessages: z.number().int(),
  /** The same messages by SMS, both ways. */
  smsCostMad: z.number(),
});

export const CostRow = CostFigures.extend({
  /** The group's id (number, recruiter, campaign) or name (category); null for "none" (API sends, replies). */
  key: z.string().nullable(),
  /** What to show: the number's phone, the recruiter's name, the campaign's name, the category. */
  label: z.string().nullable(),
});
export type CostRow = z.infer<typeof CostRow>;

export const BudgetLevel = z.enum(["none", "ok", "warning", "exceeded"]);
export type BudgetLevel = z.infer<typeof BudgetLevel>;

export const BudgetStatus = z.object({
  /** The monthly budget in MAD, or null when none is set. */
  monthlyMad: z.number().nullable(),
  spentMad: z.number(),
  /** `warning` from 80 % of the budget, `exceeded` from 100 %. */
  level: BudgetLevel,
});
export type BudgetStatus = z.infer<typeof BudgetStatus>;

export const CostsResponse = z.object({
  month: Month,
  groupBy: z.enum(COST_GROUPS),
  currency: z.literal("MAD"),
  /** The SMS price (each way) the comparison uses: the rate card's, in force that month. */
  smsPriceMad: z.number(),
  total: CostFigures,
  rows: z.array(CostRow),
  /** The twelve months up to this one, oldest first, for the chart. */
  history: z.array(z.object({ month: Month, amountMad: z.number(), smsCostMad: z.number() })),
  budget: BudgetStatus,
});
export type CostsResponse = z.infer<typeof CostsResponse>;

export const BudgetsResponse = z.object({
  month: Month,
  client: BudgetStatus,
  recruiters: z.array(
    BudgetStatus.extend({ userId: z.uuid(), name: z.string() }).describe("A recruiter's own budget"),
  ),
});
export type BudgetsResponse = z.infer<typeof BudgetsResponse>;

export const SetBudgetBody = z.object({
  /** A recruiter's budget; the client's when left out. */
  userId: z.uuid().optional(),
  /** MAD per month; null removes the budget. */
  monthlyMad: z.number().min(0).max(10_000_000).nullable(),
});
export type SetBudgetBody = z.infer<typeof SetBudgetBody>;

export const QuoteQuery = z.object({
  /** The conversation it would go to; without one, a send to the client's own country outside the window. */
  conversationId: z.uuid().optional(),
  /** The template's category (`MARKETING`, `UTILITY`, `AUTHENTICATION`). */
  category: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z_-]+$/, "must be a template category"),
});

/** What a template send will cost, decided by the same pricing as the ledger. */
export const QuoteResponse = z.object({
  category: z.string(),
  /** Meta's pricing type it will get: `regular` (charged) or a free one. */
  pricingType: z.string(),
  /** The recipient's market (ISO country of their number). */
  market: z.string(),
  isBillable: z.boolean(),
  amountMad: z.number(),
  /** Whether the rate card has a price for this market and category (else the amount is 0). */
  isPriced: z.boolean(),
  budget: BudgetStatus,
});
export type QuoteResponse = z.infer<typeof QuoteResponse>;

/** The realtime notice that a month's budget passed 80 % or 100 %. */
export interface BudgetNotice {
  month: string;
  /** Null for the client's budget, else the recruiter's id. */
  userId: string | null;
  level: "warning" | "exceeded";
  spentMad: number;
  monthlyMad: number;
}
