// Display groups per country, for numbers stored in E.164; others are shown as stored.
const GROUPS: [RegExp, string][] = [
  [/^\+212(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/u, "+212 $1 $2 $3 $4 $5"],
  [/^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/u, "+33 $1 $2 $3 $4 $5"],
  [/^\+213(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/u, "+213 $1 $2 $3 $4 $5"],
  [/^\+216(\d{2})(\d{3})(\d{3})$/u, "+216 $1 $2 $3"],
  [/^\+1(\d{3})(\d{3})(\d{4})$/u, "+1 $1 $2 $3"],
];

/** `+212612345678` → `+212 6 12 34 56 78`, as people read Moroccan (and a few other) numbers. */
export function formatPhone(phone: string): string {
  for (const [pattern, replacement] of GROUPS) {
    if (pattern.test(phone)) return phone.replace(pattern, replacement);
  }
  return phone;
}

/** Numbers shorter than this, as typed, could be any number's middle: no candidate is looked up. */
export const MIN_LOOKUP_DIGITS = 8;

/**
 * Whether a number as typed (06…, +212 6…, 00212…) is this stored E.164 number: the typed digits,
 * without their trunk or international prefix, end it. The server's search only narrows the list.
 */
export function isSameNumber(typed: string, stored: string | null): boolean {
  if (!stored) return false;
  const digits = typed.replace(/\D/g, "").replace(/^00|^0/, "");
  return digits.length >= MIN_LOOKUP_DIGITS && stored.replace(/\D/g, "").endsWith(digits);
}
