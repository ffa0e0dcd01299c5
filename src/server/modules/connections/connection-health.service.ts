import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import { event, recordEvents } from "../../platform/events/domain-events";
import { GraphError } from "../../platform/graph/graph-error";
import type { HealthStatus } from "../../platform/graph/graph-types";
import { explain } from "../../platform/graph/meta-errors";
import { tenantRepositories } from "../tenant-repositories";
import { openToken } from "./connection-secrets";
import { presentConnection } from "./connections.presenter";
import type { ConnectionChanges, ConnectionRow } from "./connections.repository";
import { numberDetails } from "./number-details";

export const EXPIRY_WARNING_MS = 7 * 24 * 3_600_000;

/**
 * Marks a connection as needing a new Embedded Signup (token refused with 190, app uninstalled):
 * sends then fail at once with this reason instead of calling Meta.
 */
export async function markNeedsReconnect(
  db: Db,
  clientId: string,
  connectionId: string,
  reason: string,
): Promise<ConnectionRow | undefined> {
  const repos = tenantRepositories(db, clientId);
  const row = await repos.connections.findById(connectionId);
  if (!row || row.state === "disconnected" || row.state === "needs_reconnect") return row;
  const updated = await repos.connections.update(connectionId, {
    state: "needs_reconnect",
    stateReason: reason,
  });
  await recordEvents(db, clientId, [
    event("connection:updated", { connection: presentConnection(updated!) }),
  ]);
  await repos.audit.record({
    actorType: "system",
    action: "connection.needs_reconnect",
    targetType: "connection",
    targetId: connectionId,
    metadata: { reason },
  });
  return updated;
}

export function warningsFor(changes: ConnectionChanges, expiresAt: Date | null): string[] {
  const warnings: string[] = [];
  if (expiresAt && expiresAt.getTime() - Date.now() < EXPIRY_WARNING_MS) warnings.push("token_expires_soon");
  if (changes.qualityRating === "RED") warnings.push("quality_low");
  else if (changes.qualityRating === "YELLOW") warnings.push("quality_medium");
  if (changes.nameStatus === "DECLINED" || changes.nameStatus === "EXPIRED")
    warnings.push("display_name_declined");
  return warnings;
}

/** Meta's Health Status error codes the dashboard explains, as warning codes. */
const HEALTH_ERRORS: Record<number, string> = {
  141006: "payment_method_invalid",
  141010: "business_not_verified",
  141014: "account_banned",
};

/**
 * What Meta's `health_status` says limits sending through the number: each known error of any
 * entity as its own warning (a missing payment method first of all: paid messages fail with
 * 131042 or are not delivered), else "blocked" or "limited" as Meta sums it up.
 */
export function messagingHealthWarnings(health: HealthStatus | undefined): string[] {
  if (!health) return [];
  const codes = (health.entities ?? []).flatMap((entity) =>
    (entity.errors ?? []).map((error) => HEALTH_ERRORS[error.error_code ?? 0]).filter((c) => c !== undefined),
  );
  if (codes.length > 0) return [...new Set(codes)];
  if (health.can_send_message === "BLOCKED") return ["messaging_blocked"];
  if (health.can_send_message === "LIMITED") return ["messaging_limited"];
  return [];
}

/** Asks Meta about the token (validity, expiry) and the number (quality, limit tier); records both. */
export async function checkConnectionHealth(
  deps: ServerDeps,
  clientId: string,
  connectionId: string,
): Promise<ConnectionRow | undefined> {
  const repos = tenantRepositories(deps.database.db, clientId);
  const row = await repos.connections.findById(connectionId);
  if (!row?.accessTokenSealed || !row.phoneNumberId || row.state !== "active") return row;
  const token = openToken(deps.vault, row.id, row.accessTokenSealed);
  try {
    const info = await deps.graph.debugToken(token);
    if (!info.isValid)
      return markNeedsReconnect(deps.database.db, clientId, connectionId, explain(190, "token invalid"));
    const phone = await deps.graph.getPhoneNumber(row.phoneNumberId, token);
    const details = numberDetails(phone, row.businessApp);
    const updated = await repos.connections.update(connectionId, {
      ...details,
      tokenExpiresAt: info.expiresAt,
      tokenCheckedAt: new Date(),
      healthWarnings: [
        ...warningsFor(details, info.expiresAt),
        ...messagingHealthWarnings(phone.health_status),
      ],
    });
    // The messaging limit is the business portfolio's: the client's other numbers in it share it.
    if (updated && details.messagingLimitTier)
      await repos.connections.setPortfolioTier(updated, details.messagingLimitTier);
    // Open dashboards hear of a new warning (or one gone) at once, not at their next refetch.
    if (updated && updated.healthWarnings.join() !== row.healthWarnings.join())
      await recordEvents(deps.database.db, clientId, [
        event("connection:updated", { connection: presentConnection(updated) }),
      ]);
    return updated;
  } catch (error) {
    if (error instanceof GraphError && error.reaction === "reconnect") {
      return markNeedsReconnect(deps.database.db, clientId, connectionId, explain(error.code, error.message));
    }
    throw error;
  }
}
