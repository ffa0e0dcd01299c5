// Which way a message's text runs, by one rule everywhere (list preview, bubble, template preview):
// the first strong letter, as HTML's `dir="auto"` decides. A French sentence quoting Arabic reads
// left to right, an Arabic one quoting a French word right to left. Free of zod, like constants.ts.

/** Letters of the scripts written right to left (Unicode bidi classes R and AL). */
const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
/** The first letter of a text (marks, digits, punctuation, emoji and spaces are weak or neutral). */
const FIRST_LETTER = /\p{L}/u;

/**
 * The direction of a text from its first strong letter, or null when it has none (digits, emoji,
 * punctuation only): the surrounding direction then applies, as with `dir="auto"`.
 */
export function firstStrongDirection(text: string): "ltr" | "rtl" | null {
  const letter = FIRST_LETTER.exec(text)?.[0];
  if (!letter) return null;
  return RTL_LETTER.test(letter) ? "rtl" : "ltr";
}
