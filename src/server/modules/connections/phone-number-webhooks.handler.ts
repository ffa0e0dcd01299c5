import { tenantRepositories } from "../tenant-repositories";
import { eachChange, handled, unroutable } from "../webhooks/field-handler";
import { connectionDirectory } from "./connection-directory.repository";
import type { ConnectionChanges } from "./connections.repository";

type Value = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const digits = (value: unknown) => (typeof value === "string" ? value.replace(/\D/g, "") : "");

/**
 * `phone_number_quality_update` (limit tier) and `phone_number_name_update` (display name review):
 * the number is named by its display number (digits only here, formatted elsewhere). The messaging
 * limit is the business portfolio's, shared by all its numbers (meta-platform.md §7): a new tier
 * is written on every number of the client in that portfolio. `business_capability_update`
 * (its payload is not confirmed by Meta's pages) names no number: its tier goes on the WABA's.
 */
export const phoneNumberWebhooks = eachChange(
  ["phone_number_quality_update", "phone_number_name_update", "business_capability_update"],
  async (_deps, tx, { entry, change }) => {
    const value = (change.value ?? {}) as Value;
    const wabaId = entry.id;
    if (!wabaId) return handled();
    const tier = text(value.max_daily_conversations_per_business) ?? text(value.current_limit);
    const isTier = change.field !== "phone_number_name_update";
    if (isTier && !tier) return handled();
    const requested = text(value.requested_verified_name) ?? null;
    const changes: ConnectionChanges = isTier
      ? { messagingLimitTier: tier ?? null }
      : value.decision === "APPROVED"
        ? { nameStatus: "APPROVED", verifiedName: requested }
        : { nameStatus: text(value.decision) ?? null, requestedName: requested };
    const named = change.field !== "business_capability_update";
    let matched = false;
    for (const { clientId, connectionId } of await connectionDirectory(tx).connectionsOfWaba(wabaId)) {
      const repos = tenantRepositories(tx, clientId);
      const connection = await repos.connections.findById(connectionId);
      if (!connection) continue;
      if (named && digits(connection.displayPhoneNumber) !== digits(value.display_phone_number)) continue;
      matched = true;
      const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null));
      const portfolio = isTier && connection.businessId ? await repos.connections.list() : [connection];
      for (const number of portfolio)
        if (number.id === connection.id || number.businessId === connection.businessId)
          await repos.connections.update(number.id, set);
    }
    return matched
      ? handled()
      : unroutable(`${change.field} for unknown number ${text(value.display_phone_number) ?? "?"}`);
  },
);
