import { index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, ownerClientId } from "./columns";
import { whatsappConnections } from "./connections";
import { messages } from "./messaging";

/** A bulk send of one template to many candidates, each through the normal send pipeline. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => whatsappConnections.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    templateName: text("template_name").notNull(),
    templateLanguage: text("template_language").notNull(),
    category: text("category").notNull(),
    recipientCount: integer("recipient_count").notNull(),
    excludedCount: integer("excluded_count").notNull().default(0),
    estimatedCostMad: numeric("estimated_cost_mad", { precision: 12, scale: 2 }).notNull(),
    /**
     * scheduled (waits for `scheduledAt`), sending (its job creates the messages), paused (by a
     * recruiter: nothing more is created until resumed), cancelled (the pending recipients are left
     * unsent). A campaign sending with no recipient pending is finished.
     */
    status: text("status", { enum: ["scheduled", "sending", "paused", "cancelled"] })
      .notNull()
      .default("sending"),
    scheduledAt: at("scheduled_at"),
    /** The campaign whose non-responders this one follows up. */
    followUpOf: uuid("follow_up_of"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    /** When every recipient was handed to the send pipeline (`campaign.finished` is announced then, once). */
    finishedAt: at("finished_at"),
    /**
     * Why the campaign sends nothing for now, if it waits: `waiting_for_messaging_limit` (the
     * portfolio reached its unique users for the rolling 24 h), `template_paused` (Meta paused the
     * template), `spam_rate_limit` (Meta's 131048 on the number). Each round checks it.
     */
    waitingReason: text("waiting_reason", {
      enum: ["waiting_for_messaging_limit", "template_paused", "spam_rate_limit"],
    }),
    /** When the wait ends and the next round runs (the window rolls, the slow-down ends, the template is checked again). */
    waitingUntil: at("waiting_until"),
  },
  (t) => [index("campaigns_client_idx").on(t.clientId, t.createdAt)],
);

export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    phone: text("phone").notNull(),
    name: text("name"),
    variables: jsonb("variables").$type<Record<string, unknown>>().notNull(),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    /**
     * pending (its message is not created yet), queued (has a message), excluded (opted out),
     * invalid (bad number or values), duplicate (an earlier row has the same number), cancelled
     * (the campaign was cancelled before its message was created).
     */
    outcome: text("outcome", {
      enum: ["pending", "queued", "excluded", "invalid", "duplicate", "cancelled"],
    }).notNull(),
    reason: text("reason"),
    /** How many times a failed message was sent again: each try has its own idempotency key. */
    attempt: integer("attempt").notNull().default(0),
  },
  (t) => [
    uniqueIndex("campaign_recipients_row_unique").on(t.campaignId, t.row),
    index("campaign_recipients_client_campaign_idx").on(t.clientId, t.campaignId),
    // The ledger finds the campaign of the messages it prices.
    index("campaign_recipients_message_idx").on(t.messageId),
  ],
);
