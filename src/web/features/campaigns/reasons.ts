import type { DropReason } from "../../../contracts/campaigns";
import { phoneRefusalOf } from "../../../contracts/phone-refusal";
import type { CampaignsMessages } from "./i18n/fr";

/**
 * The server explains an invalid or failed row in English sentences; the known ones are said in
 * the recruiter's language, anything else (a Meta error explained by the server) is shown as is.
 */
export function describeReason(reason: string, tc: CampaignsMessages, number: (n: number) => string): string {
  const phone = phoneRefusalOf(reason);
  if (phone) return phone === "too_short" ? tc.reasons.phoneTooShort : tc.reasons.phone;
  const values = /needs (\d+) value/i.exec(reason);
  if (values?.[1]) return tc.reasons.values(number(Number(values[1])));
  if (/must not be empty/i.test(reason)) return tc.reasons.emptyValue;
  if (/asked to stop|opted.out/i.test(reason)) return tc.reasons.optedOut;
  const missing = /missing value for (.+)$/i.exec(reason);
  if (missing?.[1]) return tc.reasons.missingValue(missing[1]);
  return reason;
}

/** Why a row is not sent, in the recruiter's language, from the server's code (and its English words). */
export function describeDrop(
  code: DropReason,
  reason: string,
  tc: CampaignsMessages,
  number: (n: number) => string,
): string {
  if (code === "no_phone") return tc.drops.noPhone;
  if (code === "opted_out") return tc.reasons.optedOut;
  if (code === "invalid_phone")
    return phoneRefusalOf(reason) === "too_short" ? tc.reasons.phoneTooShort : tc.reasons.phone;
  return describeReason(reason, tc, number);
}

/** `+212612345678` → `+212 6 12 34 56 78`; other numbers as stored. */
export function displayPhone(phone: string): string {
  const match = /^\+212(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(phone);
  return match ? `+212 ${match.slice(1).join(" ")}` : phone;
}
