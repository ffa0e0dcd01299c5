// The business portfolio's messaging limit: how many unique users all the numbers of one Meta
// business portfolio may reach outside the customer-service window in a moving 24 h (Meta's
// messaging-limits page: 250, 2,000, 10,000, 100,000 or unlimited since October 2025; TIER_50 for
// some new numbers; TIER_NOT_SET before Meta sets one). Zod-free: the server reads Meta's values
// with it, the dashboard says them in words.
//
// Meta says it three ways, read here leniently (an unknown value is kept as it came, never refused):
// - `whatsapp_business_manager_messaging_limit` on a phone number read: "TIER_2K";
// - `phone_number_quality_update`: `max_daily_conversations_per_business` "TIER_2K" (and the older
//   `current_limit`, removed in February 2026);
// - `business_capability_update`: `max_daily_conversations_per_business` as an integer, 2000, -1 for
//   unlimited (and the older `max_daily_conversation_per_phone`, removed in February 2026).

export const MESSAGING_LIMIT_TIERS = [
  "TIER_50",
  "TIER_250",
  "TIER_2K",
  "TIER_10K",
  "TIER_100K",
  "TIER_UNLIMITED",
  "TIER_NOT_SET",
] as const;

export const UNLIMITED_TIER = "TIER_UNLIMITED";

/** A count as Meta's tier name: 2000 → TIER_2K, 250 → TIER_250, -1 → TIER_UNLIMITED. */
function tierOfCount(count: number): string | null {
  if (!Number.isInteger(count)) return null;
  if (count < 0) return UNLIMITED_TIER;
  if (count === 0) return "TIER_NOT_SET";
  return count >= 1000 && count % 1000 === 0 ? `TIER_${count / 1000}K` : `TIER_${count}`;
}

/**
 * Meta's value (a tier name, a count, a count as text) as a tier name, or null when it says
 * nothing usable. A name Meta may add later ("TIER_5K", "TIER_SOMETHING") is kept as it came.
 */
export function tierOfMetaLimit(value: unknown): string | null {
  if (typeof value === "number") return tierOfCount(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (/^-?\d+$/.test(trimmed)) return tierOfCount(Number(trimmed));
  return trimmed.toUpperCase();
}

/**
 * The unique users a tier allows in 24 h; null when there is no number to respect: unlimited, not
 * set yet, or a name this code does not know (Meta then refuses nothing with a documented code either).
 */
export function usersOfTier(tier: string | null | undefined): number | null {
  const match = /^TIER_(\d+)(K?)$/i.exec(tier ?? "");
  if (!match) return null;
  return Number(match[1]) * (match[2] ? 1_000 : 1);
}

export const isUnlimitedTier = (tier: string | null | undefined) => tier?.toUpperCase() === UNLIMITED_TIER;
