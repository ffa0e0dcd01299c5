import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { WEBHOOK_EVENT_DATA, WebhookEventType } from "../../../contracts/outbound-webhooks";
import type { RealtimeEventName, RealtimeEventPayload } from "../../../contracts/realtime";
import type { Db } from "../db/client";
import { webhookDeliveries, webhookEndpoints, webhookOutboundEvents } from "../db/schema/index";
import { uuidV7 } from "../db/uuid-v7";

/** The channel PostgreSQL notifies at commit when deliveries are queued for the clients' endpoints. */
export const WEBHOOK_OUTBOX_CHANNEL = "lj_webhook_outbox";

export type WebhookData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENT_DATA)[T]>;

/** An event for the client's webhook endpoints only (no dashboard counterpart). */
export interface PendingWebhookEvent<T extends WebhookEventType = WebhookEventType> {
  name: "webhook";
  payload: {
    type: T;
    data: WebhookData<T>;
    /** Events with the same key reach an endpoint in the order they were recorded (null: no order). */
    orderingKey: string | null;
  };
}

export function webhookEvent<T extends WebhookEventType>(
  type: T,
  data: WebhookData<T>,
  orderingKey: string | null,
): PendingWebhookEvent<T> {
  return { name: "webhook", payload: { type, data, orderingKey } };
}

/** The ordering key of everything about one conversation. */
export const conversationKey = (conversationId: string) => `conversation:${conversationId}`;
/** The ordering key of a candidate's consent. */
export const contactKey = (contactId: string) => `contact:${contactId}`;

type Recordable = PendingWebhookEvent | { name: RealtimeEventName; payload: unknown; toWebhooks?: false };

/**
 * The webhook events a recorded event stands for: a webhook-only event as it is, and the domain
 * events whose meaning is the same outside (a message received, a status, a number's or a
 * template's change) mapped once here, so no caller can forget to announce them.
 */
export function webhookEventsOf(pending: Recordable): PendingWebhookEvent[] {
  if (pending.name === "webhook") return [pending];
  if (pending.toWebhooks === false) return [];
  switch (pending.name) {
    case "message:received": {
      const { message, conversation } = pending.payload as RealtimeEventPayload<"message:received">;
      return [webhookEvent("message.received", { message, conversation }, conversationKey(conversation.id))];
    }
    case "message:status": {
      const { message } = pending.payload as RealtimeEventPayload<"message:status">;
      return [webhookEvent("message.status", { message }, conversationKey(message.conversationId))];
    }
    case "connection:updated": {
      const { connection } = pending.payload as RealtimeEventPayload<"connection:updated">;
      return [webhookEvent("connection.updated", { connection }, `connection:${connection.id}`)];
    }
    case "template:updated": {
      const { change, templateId, connectionId, template } =
        pending.payload as RealtimeEventPayload<"template:updated">;
      return [
        webhookEvent(
          "template.updated",
          { change, templateId, connectionId, template },
          `template:${templateId}`,
        ),
      ];
    }
    default:
      return [];
  }
}

/**
 * Queues each client's webhook events for its enabled endpoints subscribed to them, inside the
 * caller's transaction (the outbox): an event exists if and only if its change committed. One
 * statement: the events (only those some endpoint wants), one delivery per endpoint, and a
 * notification that PostgreSQL sends at commit to wake the dispatchers.
 */
export async function recordWebhookEvents(
  tx: Db,
  groups: { clientId: string; events: PendingWebhookEvent[] }[],
): Promise<void> {
  const timestamp = new Date().toISOString();
  const values = groups.flatMap(({ clientId, events }) =>
    events.map(({ payload: webhook }) => {
      const id = uuidV7();
      return {
        id,
        client_id: clientId,
        type: webhook.type,
        ordering_key: webhook.orderingKey,
        body: JSON.stringify({ id, type: webhook.type, timestamp, clientId, data: webhook.data }),
      };
    }),
  );
  if (values.length === 0) return;
  await tx.execute(sql`
    WITH given AS (
      SELECT * FROM ROWS FROM (
        jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          AS (id uuid, client_id uuid, type text, ordering_key text, body text)
      ) WITH ORDINALITY AS g(id, client_id, type, ordering_key, body, n)
    ), wanted AS (
      SELECT g.*, e.id AS endpoint_id FROM given g
      JOIN ${webhookEndpoints} e
        ON e.client_id = g.client_id AND e.is_enabled AND g.type = ANY (e.event_types)
    ), events AS (
      INSERT INTO ${webhookOutboundEvents} (id, client_id, type, body)
      SELECT DISTINCT ON (n) id, client_id, type, body FROM wanted ORDER BY n
      RETURNING id
    ), deliveries AS (
      INSERT INTO ${webhookDeliveries} (client_id, endpoint_id, event_id, event_type, ordering_key)
      SELECT client_id, endpoint_id, id, type, ordering_key FROM wanted ORDER BY n, endpoint_id
      RETURNING seq
    )
    -- The inserts run whatever is read; the notification goes only when something was queued.
    SELECT pg_notify(${WEBHOOK_OUTBOX_CHANNEL}, '')
    FROM (SELECT (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM deliveries) AS d) counts
    WHERE counts.d > 0
  `);
}
