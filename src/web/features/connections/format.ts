import type { ConnectionResponse } from "../../../contracts/connections";
import { isUnlimitedTier, usersOfTier } from "../../../contracts/messaging-limit";
import type { Formatters } from "../../i18n/format";
import type { ConnectionsMessages } from "./i18n";

export { isolateLtr } from "../../i18n/format";

/**
 * The business portfolio's messaging limit (`TIER_250`, `TIER_2K`, `TIER_UNLIMITED`) in words:
 * `2 000 personnes / 24 h`; a tier this code does not know is shown as Meta named it.
 */
export function limitTierText(tier: string | null, tc: ConnectionsMessages, fmt: Formatters): string | null {
  if (!tier) return null;
  if (isUnlimitedTier(tier)) return tc.limitUnlimited;
  if (tier.toUpperCase() === "TIER_NOT_SET") return tc.limitNotSet;
  const count = usersOfTier(tier);
  return count === null ? tier : tc.limitTier(fmt.number(count));
}

/**
 * How many of the client's current numbers share a connection's portfolio limit (the same Meta
 * business), itself included.
 */
export function portfolioNumbers(connection: ConnectionResponse, all: readonly ConnectionResponse[]): number {
  if (!connection.businessId) return 1;
  const shared = all.filter((c) => c.state !== "disconnected" && c.businessId === connection.businessId);
  return Math.max(1, shared.length);
}

/** A known Meta value in words, else the value itself. */
export function known<T extends Record<string, string>>(labels: T, value: string | null): string | null {
  if (!value) return null;
  return Object.hasOwn(labels, value) ? (labels[value as keyof T] ?? value) : value;
}
