import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  pgView,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { campaigns } from "./campaigns";
import { at, ownerClientId } from "./columns";
import { whatsappConnections } from "./connections";
import { conversations, messages } from "./messaging";
import { virtualNumbers } from "./virtual-numbers";

/**
 * Meta's prices (and the SMS price compared with them), as data: one row per market × category ×
 * pricing type from a day on. Never updated: a new price is a new row, so the history is the table
 * and the price of a past day is the newest row in force on that day. Not tenant-owned: one card
 * for every client, set by LinkoJob's operator.
 */
export const rateCards = pgTable(
  "rate_cards",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** ISO 3166 country of the recipient's number, or `*` for any market without its own row. */
    market: text("market").notNull(),
    /** Meta's `pricing.category` (`marketing`, `utility`, `authentication_international`…) or `sms`. */
    category: text("category").notNull(),
    /** Meta's `pricing.type`: `regular`, `free_customer_service`, `free_entry_point`. */
    pricingType: text("pricing_type").notNull(),
    price: numeric("price", { precision: 14, scale: 6 }).notNull(),
    currency: text("currency").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    /** Where the price comes from (a page and the day it was read), shown with it. */
    source: text("source").notNull(),
    /** Who entered it: `seed`, or the operator's name. */
    enteredBy: text("entered_by").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("rate_cards_lookup_idx").on(t.market, t.category, t.pricingType, t.effectiveFrom),
    check("rate_cards_price_positive", sql`${t.price} >= 0`),
  ],
);

/** MAD for one unit of a currency, from a day on (same history rule as the rate cards). */
export const exchangeRates = pgTable(
  "exchange_rates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    currency: text("currency").notNull(),
    madPerUnit: numeric("mad_per_unit", { precision: 14, scale: 6 }).notNull(),
    effectiveFrom: date("effective_from").notNull(),
    source: text("source").notNull(),
    enteredBy: text("entered_by").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("exchange_rates_lookup_idx").on(t.currency, t.effectiveFrom),
    check("exchange_rates_positive", sql`${t.madPerUnit} > 0`),
  ],
);

/**
 * One row per delivered message Meta priced, free ones included (their type says why): counted
 * once per message (`message_id` is unique) however many statuses carry the pricing, written in
 * the statuses' transaction. The amount is fixed when written, with the card of the billing day.
 * A LinkoJob number's monthly fee is a row too (no message: `virtual_number_id` and the month
 * instead, unique per client, number and month; category `virtual_number`).
 */
export const costLedger = pgTable(
  "cost_ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    clientId: ownerClientId(),
    /**
     * Null once the message is gone (a candidate erased, a conversation past the client's
     * retention): the amount stays for accounting, nothing says whom it was sent to.
     */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    /** For a LinkoJob number's monthly fee: the pool number. */
    virtualNumberId: uuid("virtual_number_id").references(() => virtualNumbers.id, { onDelete: "restrict" }),
    connectionId: uuid("connection_id").references(() => whatsappConnections.id, { onDelete: "set null" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    market: text("market").notNull(),
    category: text("category").notNull(),
    pricingType: text("pricing_type").notNull(),
    amountMad: numeric("amount_mad", { precision: 14, scale: 4 }).notNull(),
    /** The rate card row applied; null when the card had no price (then the amount is 0). */
    rateCardId: integer("rate_card_id"),
    /** When Meta delivered it: the day whose price applies. */
    billedAt: at("billed_at").notNull(),
    /** The month of `billed_at` in Morocco's time, its first day. */
    month: date("month").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("cost_ledger_message_unique").on(t.messageId),
    unique("cost_ledger_virtual_number_month_unique").on(t.clientId, t.virtualNumberId, t.month),
    // A fee names its pool number and no message; a message's row never names a pool number (its
    // message may be gone: erased or past retention, `message_id` then null).
    check(
      "cost_ledger_message_or_fee",
      sql`(${t.category} = 'virtual_number') = (${t.virtualNumberId} IS NOT NULL) AND (${t.messageId} IS NULL OR ${t.virtualNumberId} IS NULL)`,
    ),
    index("cost_ledger_client_month_idx").on(t.clientId, t.month),
  ],
);

/** The rollups' columns: a key (client, month and what the costs page groups by) and its sums. */
const rollupColumns = <ClientId extends ReturnType<typeof uuid>>(clientId: ClientId) => ({
  clientId,
  month: date("month").notNull(),
  connectionId: uuid("connection_id"),
  senderUserId: uuid("sender_user_id"),
  campaignId: uuid("campaign_id"),
  market: text("market").notNull(),
  category: text("category").notNull(),
  pricingType: text("pricing_type").notNull(),
  messages: integer("messages").notNull(),
  amountMad: numeric("amount_mad", { precision: 16, scale: 4 }).notNull(),
});

/**
 * The ledger summed per client, month and every dimension the costs page groups by: the page reads
 * a few hundred rows however many million messages a client sent. Inbound messages are counted here
 * too (category `inbound`, amount 0): the SMS comparison charges both ways. Batches append to
 * `cost_rollup_deltas`, which the worker folds in; readers read `cost_rollups_live`.
 */
export const costRollups = pgTable(
  "cost_rollups",
  { id: bigserial("id", { mode: "number" }).primaryKey(), ...rollupColumns(ownerClientId()) },
  (t) => [
    unique("cost_rollups_key")
      .on(
        t.clientId,
        t.month,
        t.connectionId,
        t.senderUserId,
        t.campaignId,
        t.market,
        t.category,
        t.pricingType,
      )
      .nullsNotDistinct(),
  ],
);

/**
 * What batches add to the rollups, appended and folded into `cost_rollups` about once a second by
 * the worker (`rollup-fold.repository.ts`). Concurrent batches of a client add to the same rollup rows; an
 * upsert in their transactions made each wait for the other's commit. An insert here waits for
 * nobody. No key: several rows of one key sum up.
 */
export const costRollupDeltas = pgTable(
  "cost_rollup_deltas",
  { id: bigserial("id", { mode: "number" }).primaryKey(), ...rollupColumns(ownerClientId()) },
  (t) => [index("cost_rollup_deltas_client_month_idx").on(t.clientId, t.month)],
);

/**
 * The rollups as of now: the folded rows and the deltas not folded yet, side by side (`UNION ALL`,
 * created by migration 0034). Readers sum them per group, as they sum the rollup rows, and
 * PostgreSQL takes their filters into both halves.
 */
export const costRollupsLive = pgView(
  "cost_rollups_live",
  rollupColumns(uuid("client_id").notNull()),
).existing();

/** A monthly budget in MAD: the client's (`user_id` null) or one recruiter's. */
export const budgets = pgTable(
  "budgets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    monthlyMad: numeric("monthly_mad", { precision: 12, scale: 2 }).notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("budgets_client_user_unique").on(t.clientId, t.userId).nullsNotDistinct(),
    check("budgets_positive", sql`${t.monthlyMad} >= 0`),
  ],
);
