import type { Formatters } from "../../i18n/format";
import type { ConnectionsMessages } from "./i18n";

export { isolateLtr } from "../../i18n/format";

/** Meta's tier (`TIER_250`, `TIER_2K`, `TIER_UNLIMITED`) in words: `2 000 destinataires par 24 h`. */
export function limitTierText(tier: string | null, tc: ConnectionsMessages, fmt: Formatters): string | null {
  if (!tier) return null;
  if (/UNLIMITED/i.test(tier)) return tc.limitUnlimited;
  const match = /^TIER_(\d+)(K?)$/i.exec(tier);
  if (!match) return tier;
  const count = Number(match[1]) * (match[2] ? 1000 : 1);
  return tc.limitTier(fmt.number(count));
}

/** A known Meta value in words, else the value itself. */
export function known<T extends Record<string, string>>(labels: T, value: string | null): string | null {
  if (!value) return null;
  return Object.hasOwn(labels, value) ? (labels[value as keyof T] ?? value) : value;
}
