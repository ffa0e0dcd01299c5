import { connectionDirectory } from "../../connections/connection-directory.repository";
import { markNeedsReconnect } from "../../connections/connection-health.service";
import { tenantRepositories } from "../../tenant-repositories";
import type { ChangeHandler } from "./change-context";

const UNINSTALLED = new Set([
  "PARTNER_APP_UNINSTALLED",
  "PARTNER_REMOVED",
  "ACCOUNT_OFFBOARDED",
  "ACCOUNT_DELETED",
]);

/**
 * `account_update`: when the business removes the app (or the account goes away), its numbers
 * need a new Embedded Signup. Partner events may carry a business id as entry id, so the WABA
 * comes from `waba_info` first. Other events are recorded in the client's audit log.
 */
export const handleAccountUpdate: ChangeHandler = async (ctx) => {
  const value = ctx.change.value ?? {};
  const event = typeof value.event === "string" ? value.event : "UNKNOWN";
  const wabaInfo = (value.waba_info ?? {}) as { waba_id?: string };
  const wabaId = wabaInfo.waba_id ?? ctx.entry.id;
  const connections = wabaId ? await connectionDirectory(ctx.tx).connectionsOfWaba(wabaId) : [];
  if (connections.length === 0) {
    ctx.keepUnroutable(`account_update ${event} for unknown WhatsApp account ${wabaId ?? "(missing)"}`);
    return;
  }
  for (const { clientId, connectionId } of connections) {
    if (UNINSTALLED.has(event)) {
      const reason = `The WhatsApp Business account withdrew LinkoJob's access (${event}). Reconnect WhatsApp.`;
      await markNeedsReconnect(ctx.tx, clientId, connectionId, reason);
    } else {
      await tenantRepositories(ctx.tx, clientId).audit.record({
        actorType: "system",
        action: "connection.account_update",
        targetType: "connection",
        targetId: connectionId,
        metadata: { event },
      });
    }
  }
};
