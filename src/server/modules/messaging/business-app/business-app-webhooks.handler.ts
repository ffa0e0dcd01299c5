import { appendTo } from "../../../platform/collections";
import { event, type PendingEvent } from "../../../platform/events/domain-events";
import { presentConnection } from "../../connections/connections.presenter";
import { type FieldHandler, handled, unroutable } from "../../webhooks/field-handler";
import { webhookMetrics } from "../../webhooks/webhook-metrics";
import { routesOfPhoneNumbers } from "../phone-number-routes";
import { syncAppContacts } from "./app-contacts.service";
import { businessAppRepository } from "./business-app.repository";
import { type RoutedAppMessage, storeAppMessages } from "./business-app-messages.service";
import { type HistoryChunk, readEchoes, readHistory, readStateSync } from "./business-app-payloads";

type Owner = { clientId: string; connectionId: string };

/**
 * The WhatsApp Business app's fields for a number onboarded with it (coexistence):
 * `smb_message_echoes` (what the recruiter sent from the phone), `history` (the app's chats shared
 * at onboarding, in chunks) and `smb_app_state_sync` (the app's contacts). Routed by
 * `metadata.phone_number_id` like `messages`, on whatever number Meta sends them for. Messages of
 * the batch are written together at its end; an item the product does not understand is counted
 * (`webhook_unknown_values_total`) and stays in the stored delivery.
 */
export const businessAppWebhooks: FieldHandler = {
  fields: ["smb_message_echoes", "history", "smb_app_state_sync"],
  async forBatch(deps, tx, changes) {
    const routeOf = await routesOfPhoneNumbers(tx, changes);
    const metrics = webhookMetrics(deps.metrics, deps.database.db);
    const messages: RoutedAppMessage[] = [];
    const chunks = new Map<string, { owner: Owner; chunks: HistoryChunk[] }>();
    const events = new Map<string, PendingEvent[]>();
    const countUnknown = (field: string, unknown: { what: string }[]) => {
      for (const { what } of unknown) metrics.unknownValues.inc({ field, what });
    };

    return {
      async handle({ field, change }) {
        const value = (change.value ?? {}) as Record<string, unknown>;
        const { phoneNumberId, owner } = routeOf(value);
        if (!owner) return unroutable(`no connection for phone number ${phoneNumberId ?? "(missing)"}`);
        const routed = { clientId: owner.clientId, connectionId: owner.connectionId };
        if (field === "smb_message_echoes") {
          const read = readEchoes(value);
          countUnknown(field, read.unknown);
          messages.push(...read.messages.map((m) => ({ ...m, ...routed })));
        } else if (field === "history") {
          const read = readHistory(value);
          countUnknown(field, read.unknown);
          messages.push(...read.messages.map((m) => ({ ...m, ...routed })));
          const known = chunks.get(owner.connectionId) ?? { owner: routed, chunks: [] };
          known.chunks.push(...read.chunks);
          chunks.set(owner.connectionId, known);
        } else {
          const read = readStateSync(value);
          countUnknown(field, read.unknown);
          // Contacts first: a history chunk later in the batch then finds them named.
          await syncAppContacts(tx, owner.clientId, read.contacts);
        }
        return handled();
      },

      async finish() {
        const stored = await storeAppMessages(deps, tx, messages);
        for (const [clientId, clientEvents] of stored.events) appendTo(events, clientId, clientEvents);
        const repository = businessAppRepository(tx);
        for (const [connectionId, { owner, chunks: its }] of [...chunks].sort(([a], [b]) =>
          a.localeCompare(b),
        )) {
          const furthest = its.reduce<HistoryChunk | null>(
            (best, c) =>
              !best || c.phase > best.phase || (c.phase === best.phase && c.progress > best.progress)
                ? c
                : best,
            null,
          );
          if (!furthest) continue;
          const row = await repository.recordHistoryProgress({
            ...owner,
            status: its.some((c) => c.status === "shared") ? "shared" : "declined",
            phase: furthest.phase,
            progress: furthest.progress,
            messages: stored.historyStored.get(connectionId) ?? 0,
          });
          if (row)
            appendTo(events, owner.clientId, [
              event("connection:updated", { connection: presentConnection(row) }),
            ]);
        }
        return events;
      },
    };
  },
};
