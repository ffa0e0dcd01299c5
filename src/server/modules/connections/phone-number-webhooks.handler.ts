import { tierOfMetaLimit } from "../../../contracts/messaging-limit";
import { event, type PendingEvent } from "../../platform/events/domain-events";
import { tenantRepositories } from "../tenant-repositories";
import { eachChange, handled, unroutable } from "../webhooks/field-handler";
import { connectionDirectory } from "./connection-directory.repository";
import { presentConnection } from "./connections.presenter";
import type { ConnectionChanges, ConnectionRow } from "./connections.repository";

type Value = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const digits = (value: unknown) => (typeof value === "string" ? value.replace(/\D/g, "") : "");

/**
 * The business portfolio's messaging limit in a webhook's value, newest field first:
 * `max_daily_conversations_per_business` (a tier name in `phone_number_quality_update`, an integer
 * in `business_capability_update`, -1 for unlimited), then the fields Meta removed in February
 * 2026 (`current_limit`, `max_daily_conversation_per_phone`). None: the change says nothing of it.
 */
export function portfolioTierOf(value: Value): string | null {
  return (
    tierOfMetaLimit(value.max_daily_conversations_per_business) ??
    tierOfMetaLimit(value.current_limit) ??
    tierOfMetaLimit(value.max_daily_conversation_per_phone)
  );
}

/**
 * `phone_number_quality_update` (messaging limit, throughput), `business_capability_update`
 * (messaging limit) and `phone_number_name_update` (display name review). The messaging limit is
 * the business portfolio's, shared by all its numbers (meta-platform.md §7): a new limit is
 * written on every number of the client in that portfolio (`setPortfolioTier`), never on another
 * client's. `phone_number_*` names its number by its display number (digits only here);
 * `business_capability_update` names none: it reaches every number of the WABA (`entry.id`).
 * A value it cannot read (no limit, a shape Meta has not documented) changes nothing; the
 * delivery keeps it as it came and the change is counted like any other.
 */
export const phoneNumberWebhooks = eachChange(
  ["phone_number_quality_update", "phone_number_name_update", "business_capability_update"],
  async (_deps, tx, { entry, change }) => {
    const value = (change.value ?? {}) as Value;
    const wabaId = entry.id;
    if (!wabaId) return handled();
    const isLimit = change.field !== "phone_number_name_update";
    const tier = isLimit ? portfolioTierOf(value) : null;
    if (isLimit && !tier) return handled();
    const requested = text(value.requested_verified_name) ?? null;
    const nameChanges: ConnectionChanges =
      value.decision === "APPROVED"
        ? { nameStatus: "APPROVED", verifiedName: requested }
        : { nameStatus: text(value.decision) ?? null, requestedName: requested };
    const named = change.field !== "business_capability_update";
    const events = new Map<string, PendingEvent[]>();
    let matched = false;
    for (const { clientId, connectionId } of await connectionDirectory(tx).connectionsOfWaba(wabaId)) {
      const repos = tenantRepositories(tx, clientId);
      const connection = await repos.connections.findById(connectionId);
      if (!connection) continue;
      if (named && digits(connection.displayPhoneNumber) !== digits(value.display_phone_number)) continue;
      matched = true;
      let changed: ConnectionRow[];
      if (tier) changed = await repos.connections.setPortfolioTier(connection, tier);
      else {
        const set = Object.fromEntries(Object.entries(nameChanges).filter(([, v]) => v !== null));
        const updated = await repos.connections.update(connection.id, set);
        changed = updated ? [updated] : [];
      }
      if (changed.length === 0) continue;
      const list = events.get(clientId) ?? [];
      for (const row of changed)
        list.push(event("connection:updated", { connection: presentConnection(row) }));
      events.set(clientId, list);
    }
    return matched
      ? { events, unroutable: [] }
      : unroutable(`${change.field} for unknown number ${text(value.display_phone_number) ?? "?"}`);
  },
);
