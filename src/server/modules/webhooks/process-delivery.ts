import type { ServerDeps } from "../../deps";
import { appendTo } from "../../platform/collections";
import type { Db } from "../../platform/db/client";
import type { PendingEvent } from "../../platform/events/domain-events";
import type { ParsedDelivery } from "./delivery";
import { handleAccountUpdate } from "./handlers/account-update.handler";
import type { BatchLookups, ChangeHandler } from "./handlers/change-context";
import { handleMessagesChange } from "./handlers/messages.handler";
import { handlePhoneNumberChange } from "./handlers/phone-number.handler";
import { handleTemplateChange, TEMPLATE_FIELDS } from "./handlers/templates.handler";
import type { MessagingWork } from "./messaging-work";
import { webhookMetrics } from "./webhook-metrics";

/** One handler per webhook field; a field not here is kept raw on the delivery and counted. */
const handlers: Record<string, ChangeHandler> = {
  messages: handleMessagesChange,
  account_update: handleAccountUpdate,
  phone_number_quality_update: handlePhoneNumberChange,
  phone_number_name_update: handlePhoneNumberChange,
  ...Object.fromEntries(TEMPLATE_FIELDS.map((field) => [field, handleTemplateChange])),
};

export interface DeliveryOutcome {
  unroutable: Record<string, unknown>[];
  /** Why the delivery cannot be read at all (kept as is; retrying would not help). */
  error: string | null;
  /** The domain events of each client concerned, for the caller to record in the same transaction. */
  events: Map<string, PendingEvent[]>;
}

/**
 * Reads one parsed delivery inside the caller's transaction: every entry and change, each by its
 * field's handler. Inbound messages and statuses are gathered into `messaging`, for the caller to
 * write with the rest of its batch; other fields are handled at once, their domain events returned
 * for the caller to record in the same transaction. Throws only on failures worth retrying (the
 * database); odd content is recorded, never fatal.
 */
export async function processDelivery(
  deps: ServerDeps,
  tx: Db,
  parsed: ParsedDelivery,
  lookups: BatchLookups,
  messaging: MessagingWork,
): Promise<DeliveryOutcome> {
  if (!parsed.ok) return { unroutable: [], error: parsed.error, events: new Map() };
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  const unroutable: Record<string, unknown>[] = [];
  const eventsByClient = new Map<string, PendingEvent[]>();

  for (const entry of parsed.delivery.entry ?? []) {
    for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
      const field = typeof change?.field === "string" ? change.field : "(none)";
      const handler = handlers[field];
      metrics.changes.inc({ field, handled: handler ? "yes" : "no" });
      if (!handler) continue;
      await handler({
        deps,
        tx,
        lookups,
        entry,
        change,
        messaging,
        emit: (clientId, events) => appendTo(eventsByClient, clientId, events),
        keepUnroutable: (reason) => {
          metrics.unroutable.inc();
          unroutable.push({ reason, entryId: entry.id ?? null, field });
        },
      });
    }
  }
  return { unroutable, error: null, events: eventsByClient };
}

/** The phone number ids a batch's `messages` changes name (to route them all in one query). */
export function phoneNumberIdsOf(deliveries: ParsedDelivery[]): string[] {
  const ids = new Set<string>();
  for (const parsed of deliveries) {
    if (!parsed.ok) continue;
    for (const entry of parsed.delivery.entry ?? [])
      for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
        const id = change?.field === "messages" ? change.value?.metadata?.phone_number_id : undefined;
        if (typeof id === "string") ids.add(id);
      }
  }
  return [...ids];
}
