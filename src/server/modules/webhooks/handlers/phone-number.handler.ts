import { connectionDirectory } from "../../connections/connection-directory.repository";
import type { ConnectionChanges } from "../../connections/connections.repository";
import { tenantRepositories } from "../../tenant-repositories";
import type { ChangeHandler } from "./change-context";

type Value = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const digits = (value: unknown) => (typeof value === "string" ? value.replace(/\D/g, "") : "");

/**
 * `phone_number_quality_update` (limit tier) and `phone_number_name_update` (display name review):
 * the number is named by its display number (digits only here, formatted elsewhere).
 */
export const handlePhoneNumberChange: ChangeHandler = async (ctx) => {
  const value = (ctx.change.value ?? {}) as Value;
  const wabaId = ctx.entry.id;
  if (!wabaId) return;
  const changes: ConnectionChanges =
    ctx.change.field === "phone_number_quality_update"
      ? {
          messagingLimitTier:
            text(value.max_daily_conversations_per_business) ?? text(value.current_limit) ?? null,
        }
      : value.decision === "APPROVED"
        ? { nameStatus: "APPROVED", verifiedName: text(value.requested_verified_name) ?? null }
        : { nameStatus: text(value.decision) ?? null };
  let matched = false;
  for (const { clientId, connectionId } of await connectionDirectory(ctx.tx).connectionsOfWaba(wabaId)) {
    const repos = tenantRepositories(ctx.tx, clientId);
    const connection = await repos.connections.findById(connectionId);
    if (!connection || digits(connection.displayPhoneNumber) !== digits(value.display_phone_number)) continue;
    matched = true;
    await repos.connections.update(
      connectionId,
      Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null)),
    );
  }
  if (!matched)
    ctx.keepUnroutable(`${ctx.change.field} for unknown number ${text(value.display_phone_number) ?? "?"}`);
};
