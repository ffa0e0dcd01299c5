import { tenantRepositories } from "../tenant-repositories";
import { eachChange, handled, unroutable } from "../webhooks/field-handler";
import { connectionDirectory } from "./connection-directory.repository";
import type { ConnectionChanges } from "./connections.repository";

type Value = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const digits = (value: unknown) => (typeof value === "string" ? value.replace(/\D/g, "") : "");

/**
 * `phone_number_quality_update` (limit tier) and `phone_number_name_update` (display name review):
 * the number is named by its display number (digits only here, formatted elsewhere).
 */
export const phoneNumberWebhooks = eachChange(
  ["phone_number_quality_update", "phone_number_name_update"],
  async (_deps, tx, { entry, change }) => {
    const value = (change.value ?? {}) as Value;
    const wabaId = entry.id;
    if (!wabaId) return handled();
    const changes: ConnectionChanges =
      change.field === "phone_number_quality_update"
        ? {
            messagingLimitTier:
              text(value.max_daily_conversations_per_business) ?? text(value.current_limit) ?? null,
          }
        : value.decision === "APPROVED"
          ? { nameStatus: "APPROVED", verifiedName: text(value.requested_verified_name) ?? null }
          : { nameStatus: text(value.decision) ?? null };
    let matched = false;
    for (const { clientId, connectionId } of await connectionDirectory(tx).connectionsOfWaba(wabaId)) {
      const repos = tenantRepositories(tx, clientId);
      const connection = await repos.connections.findById(connectionId);
      if (!connection || digits(connection.displayPhoneNumber) !== digits(value.display_phone_number))
        continue;
      matched = true;
      await repos.connections.update(
        connectionId,
        Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null)),
      );
    }
    return matched
      ? handled()
      : unroutable(`${change.field} for unknown number ${text(value.display_phone_number) ?? "?"}`);
  },
);
