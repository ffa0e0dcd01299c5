import { tenantRepositories } from "../tenant-repositories";
import { eachChange, handled, unroutable } from "../webhooks/field-handler";
import { connectionDirectory } from "./connection-directory.repository";
import { markNeedsReconnect } from "./connection-health.service";

const UNINSTALLED = new Set([
  "PARTNER_APP_UNINSTALLED",
  "PARTNER_REMOVED",
  "ACCOUNT_OFFBOARDED",
  "ACCOUNT_DELETED",
]);

/**
 * `account_update`: when the business removes the app (or the account goes away), its numbers
 * need a new Embedded Signup. Partner events may carry a business id as entry id, so the WABA
 * comes from `waba_info` first. Other events are recorded in the client's audit log with what
 * they carry (a volume pricing tier, a restriction, a violation), kept as Meta sent it: an event or
 * a field the product does not know yet is kept, never a reason to fail the delivery.
 */
export const accountUpdateWebhooks = eachChange(["account_update"], async (_deps, tx, { entry, change }) => {
  const value = change.value ?? {};
  const event = typeof value.event === "string" ? value.event : "UNKNOWN";
  const wabaInfo = (value.waba_info ?? {}) as { waba_id?: string };
  const wabaId = wabaInfo.waba_id ?? entry.id;
  const connections = wabaId ? await connectionDirectory(tx).connectionsOfWaba(wabaId) : [];
  if (connections.length === 0)
    return unroutable(`account_update ${event} for unknown WhatsApp account ${wabaId ?? "(missing)"}`);
  for (const { clientId, connectionId } of connections) {
    if (UNINSTALLED.has(event)) {
      const reason = `The WhatsApp Business account withdrew LinkoJob's access (${event}). Reconnect WhatsApp.`;
      await markNeedsReconnect(tx, clientId, connectionId, reason);
    } else {
      await tenantRepositories(tx, clientId).audit.record({
        actorType: "system",
        action: "connection.account_update",
        targetType: "connection",
        targetId: connectionId,
        metadata: { event, ...detailsOf(value) },
      });
    }
  }
  return handled();
});

/** What an `account_update` carries besides its event and the account it is about. */
function detailsOf(value: Record<string, unknown>): Record<string, unknown> {
  const { event: _event, waba_info: _waba, ...details } = value;
  return details;
}
