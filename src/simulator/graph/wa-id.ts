import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * The WhatsApp id Meta reports for a recipient, which may differ from what was typed (`input`):
 * - Brazil: old accounts lack the mobile 9th digit, so `55 AA 9XXXXXXXX` answers `55 AA XXXXXXXX`;
 * - Mexico: mobile ids carry the legacy `1`, so `52 XXXXXXXXXX` answers `521 XXXXXXXXXX`;
 * - Argentina: mobile ids carry `9`, so `54 XXXXXXXXXX` answers `549 XXXXXXXXXX`.
 */
export function waIdFor(digits: string): string {
  if (/^55\d{2}9\d{8}$/.test(digits)) return digits.slice(0, 4) + digits.slice(5);
  if (/^52\d{10}$/.test(digits)) return `521${digits.slice(2)}`;
  if (/^54\d{10}$/.test(digits)) return `549${digits.slice(2)}`;
  return digits;
}

/** The legacy ids above, already in WhatsApp's form, are kept as they are (Meta never refuses them). */
const LEGACY_FORMS = /^(55\d{10}|521\d{10}|549\d{10})$/;

/** The number's digits if the parser finds it valid (`strict`) or at least of a possible length. */
const read = (text: string, strict: boolean, country?: CountryCode) => {
  const parsed = parsePhoneNumberFromString(text, country);
  const ok = strict ? parsed?.isValid() : parsed?.isPossible();
  return ok && parsed ? parsed.number.slice(1) : null;
};

/**
 * `to` as Meta reads it (send-messages page: "+" recommended; `+ - ( )`, dots and spaces tolerated;
 * without "+", the business number's country code is prepended). The simulator's reading:
 * - with "+": the digits are the number, if its length is possible for its country;
 * - without "+": the digits as they are when they already make a possible international number
 *   (`16505551234`, Meta's own examples), else the business number's country code is prepended to
 *   the national number (a leading trunk `0` dropped: `0612345678` from a +212 number is
 *   `212612345678`);
 * - `00` international prefixes, letters, or a length no country allows: null (Meta answers
 *   `(#100) Invalid parameter`).
 * A number that is possible but on no phone is accepted, then fails with 131026, as at Meta.
 */
export function normalizeRecipient(to: string, businessNumber: string): string | null {
  const trimmed = to.trim();
  if (!/^\+?[\d\s\-().]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 5 || digits.length > 15) return null;
  if (trimmed.startsWith("+")) return LEGACY_FORMS.test(digits) ? digits : read(`+${digits}`, false);
  if (digits.startsWith("00")) return null;
  if (LEGACY_FORMS.test(digits)) return digits;
  const country = parsePhoneNumberFromString(`+${businessNumber.replace(/\D/g, "")}`)?.country;
  const national = (strict: boolean) => (country ? read(digits, strict, country) : null);
  // A trunk 0 means a national number (0612345678 from Morocco); otherwise a valid international
  // number wins over a valid national one, then the same with lengths that are merely possible.
  if (digits.startsWith("0")) return national(false);
  return read(`+${digits}`, true) ?? national(true) ?? read(`+${digits}`, false) ?? national(false);
}
