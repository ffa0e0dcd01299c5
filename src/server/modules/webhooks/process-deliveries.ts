import type { ServerDeps } from "../../deps";
import { appendTo } from "../../platform/collections";
import type { Db } from "../../platform/db/client";
import type { PendingEvent } from "../../platform/events/domain-events";
import { accountUpdateWebhooks } from "../connections/account-update-webhooks.handler";
import { phoneNumberWebhooks } from "../connections/phone-number-webhooks.handler";
import { businessAppWebhooks } from "../messaging/business-app/business-app-webhooks.handler";
import { messagesWebhook } from "../messaging/messages-webhook.handler";
import { templateWebhooks } from "../templates/template-webhooks.handler";
import { type MetaDelivery, parseDelivery } from "./delivery";
import type { BatchFieldHandler, FieldHandler, WebhookChange } from "./field-handler";
import { webhookMetrics } from "./webhook-metrics";

/** Each module's handler of the webhook fields it owns; a field not here is kept raw and counted. */
const FIELD_HANDLERS: FieldHandler[] = [
  messagesWebhook,
  businessAppWebhooks,
  templateWebhooks,
  phoneNumberWebhooks,
  accountUpdateWebhooks,
];
const handlerOfField = new Map(FIELD_HANDLERS.flatMap((handler) => handler.fields.map((f) => [f, handler])));

export interface DeliveryOutcome {
  unroutable: Record<string, unknown>[];
  /** Why the delivery cannot be read at all (kept as is; retrying would not help). */
  error: string | null;
}

export interface BatchOutcome {
  /** One per delivery, in the order given. */
  deliveries: DeliveryOutcome[];
  /** The domain events of each client concerned, for the caller to record in the same transaction. */
  events: Map<string, PendingEvent[]>;
}

function changesOf(delivery: MetaDelivery): WebhookChange[] {
  const changes: WebhookChange[] = [];
  for (const entry of delivery.entry ?? [])
    for (const change of Array.isArray(entry?.changes) ? entry.changes : [])
      changes.push({ field: typeof change?.field === "string" ? change.field : "(none)", entry, change });
  return changes;
}

/**
 * Reads stored deliveries inside the caller's transaction, in order: every change of every entry
 * goes to the handler of its field. Each handler is told all of the batch's changes for its fields
 * first (to route them in one query) and may write what it gathered once at the end. Throws only
 * on failures worth retrying (the database); odd content is recorded on its delivery, never fatal.
 */
export async function processDeliveries(deps: ServerDeps, tx: Db, bodies: string[]): Promise<BatchOutcome> {
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  const parsed = bodies.map(parseDelivery);
  const changes = parsed.map((delivery) => (delivery.ok ? changesOf(delivery.delivery) : []));

  const forBatch = new Map<FieldHandler, BatchFieldHandler>();
  for (const handler of FIELD_HANDLERS) {
    const its = changes.flat().filter(({ field }) => handler.fields.includes(field));
    if (its.length > 0) forBatch.set(handler, await handler.forBatch(deps, tx, its));
  }

  const events = new Map<string, PendingEvent[]>();
  const deliveries: DeliveryOutcome[] = [];
  for (const [i, delivery] of parsed.entries()) {
    if (!delivery.ok) {
      deliveries.push({ unroutable: [], error: delivery.error });
      continue;
    }
    const unroutable: Record<string, unknown>[] = [];
    for (const change of changes[i]!) {
      const handler = handlerOfField.get(change.field);
      metrics.changes.inc({ field: change.field, handled: handler ? "yes" : "no" });
      if (!handler) continue;
      const result = await forBatch.get(handler)!.handle(change);
      for (const [clientId, clientEvents] of result.events) appendTo(events, clientId, clientEvents);
      for (const reason of result.unroutable) {
        metrics.unroutable.inc();
        unroutable.push({ reason, entryId: change.entry.id ?? null, field: change.field });
      }
    }
    deliveries.push({ unroutable, error: null });
  }

  for (const handler of forBatch.values()) {
    const written = (await handler.finish?.()) ?? new Map();
    for (const [clientId, clientEvents] of written) appendTo(events, clientId, clientEvents);
  }
  return { deliveries, events };
}
