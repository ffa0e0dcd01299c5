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

/** Meta tolerates `+`, spaces, dashes, dots and parentheses in `to`. Returns digits or null if unusable. */
export function normalizeRecipient(to: string): string | null {
  const digits = to.replace(/[\s+\-().]/g, "");
  return /^\d{8,15}$/.test(digits) ? digits : null;
}
