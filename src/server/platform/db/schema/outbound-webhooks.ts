import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { WEBHOOK_EVENT_TYPES } from "../../../../contracts/webhook-event-types";
import { at, ownerClientId } from "./columns";

/** A URL a client registered to receive its events, signed with its own secret. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    eventTypes: text("event_types", { enum: WEBHOOK_EVENT_TYPES }).array().notNull(),
    /** The `whsec_…` secret, sealed by the token vault (the service must sign with it). */
    secretSealed: text("secret_sealed").notNull(),
    /** After a rotation, the old secret still signs beside the new one until `previous_secret_expires_at`. */
    previousSecretSealed: text("previous_secret_sealed"),
    previousSecretExpiresAt: at("previous_secret_expires_at"),
    isEnabled: boolean("is_enabled").notNull().default(true),
    disabledReason: text("disabled_reason", { enum: ["manual", "failing"] }),
    disabledAt: at("disabled_at"),
    /** Since when every attempt has failed; cleared by a success. Days of it disable the endpoint. */
    failingSince: at("failing_since"),
    lastSuccessAt: at("last_success_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_client_idx").on(t.clientId, t.createdAt)],
);

/**
 * An event for a client's endpoints, written in the transaction of the change it tells of (the
 * outbox). Its id is the `webhook-id` every endpoint receives, at every attempt and replay.
 */
export const webhookOutboundEvents = pgTable(
  "webhook_outbound_events",
  {
    id: uuid("id").primaryKey(),
    clientId: ownerClientId(),
    type: text("type", { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    /** The body as sent, byte for byte the same at every attempt (the signature covers it). */
    body: text("body").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_outbound_events_client_idx").on(t.clientId, t.createdAt)],
);

/** One event to one endpoint: its state, retries and back-off. Deliveries of a sequence go in `seq` order. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: uuid("id").notNull().unique().defaultRandom(),
    clientId: ownerClientId(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => webhookOutboundEvents.id, { onDelete: "cascade" }),
    eventType: text("event_type", { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    /** Deliveries with the same key (a conversation, a contact) reach an endpoint one after another. */
    orderingKey: text("ordering_key"),
    state: text("state", { enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    /** A worker holds the delivery until then (its attempt in flight); a crash frees it after. */
    leaseUntil: at("lease_until"),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: at("created_at").notNull().defaultNow(),
    /** A replay restarts the retry period from here (else from `created_at`). */
    replayedAt: at("replayed_at"),
    deliveredAt: at("delivered_at"),
    failedAt: at("failed_at"),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index("webhook_deliveries_sequence_idx")
      .on(t.endpointId, t.orderingKey, t.seq)
      .where(sql`${t.state} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.clientId, t.endpointId, t.seq),
  ],
);

/** The delivery log: each attempt's request and answer (a bounded excerpt), for the client to read. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: ownerClientId(),
    deliverySeq: bigint("delivery_seq", { mode: "number" })
      .notNull()
      .references(() => webhookDeliveries.seq, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    url: text("url").notNull(),
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>().notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    error: text("error"),
    latencyMs: integer("latency_ms").notNull(),
    startedAt: at("started_at").notNull(),
  },
  (t) => [index("webhook_delivery_attempts_delivery_idx").on(t.deliverySeq, t.attempt)],
);
