const URL_PATTERN = /\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+\.\S+/giu;
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/gu;
const LTR_LETTER = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/gu;

/**
 * The direction of a message by majority of letters, ignoring URLs, e-mails and digits: `dir="auto"`
 * follows the first strong letter, so `CV : أرسلت سيرتي الذاتية` would come out left-to-right.
 * Returns "auto" when there are no letters (emoji, numbers), letting the browser decide.
 */
export function textDirection(text: string): "rtl" | "ltr" | "auto" {
  const letters = text.replace(URL_PATTERN, " ");
  const rtl = letters.match(RTL_LETTER)?.length ?? 0;
  const ltr = letters.match(LTR_LETTER)?.length ?? 0;
  if (rtl === 0 && ltr === 0) return "auto";
  return rtl > ltr ? "rtl" : "ltr";
}
