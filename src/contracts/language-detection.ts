import type { ContactLanguage } from "./contact-language";

// Which language a candidate's message is clearly written in: the server stores it on the contact
// and answers in it. Apart from the language list so that the dashboard never ships the word lists.

const ARABIC_LETTER = /[\u0620-\u064A\u0671-\u06D3\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const ENGLISH_WORDS = new Set(
  "hi hello hey the is are am i you your my we what when where how thanks thank please job apply applied interested available morning evening would could can i'm it this that for with have".split(
    " ",
  ),
);
const FRENCH_WORDS = new Set(
  "bonjour salut bonsoir le la les est je vous votre mon nous quoi quand où comment merci svp poste postuler intéressé intéressée disponible suis et pour un une des j'ai c'est ai mais pas oui".split(
    " ",
  ),
);

/**
 * The language a candidate's text is clearly written in, or null when it says too little to tell
 * ("ok", "👍", a number, Darija in Latin letters): Arabic when it has Arabic letters; English or
 * French when at least two of its words are common words of that language and they outnumber the
 * other's at least two to one. A null leaves what is known of the candidate as it was.
 */
export function detectLanguage(text: string | null | undefined): ContactLanguage | null {
  if (!text) return null;
  if (ARABIC_LETTER.test(text)) return "ar";
  const words =
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[a-zà-ÿ']+/g) ?? [];
  let english = 0;
  let french = 0;
  for (const word of words) {
    if (ENGLISH_WORDS.has(word)) english += 1;
    if (FRENCH_WORDS.has(word)) french += 1;
  }
  if (english >= 2 && english > french * 2) return "en";
  if (french >= 2 && french > english * 2) return "fr";
  return null;
}
