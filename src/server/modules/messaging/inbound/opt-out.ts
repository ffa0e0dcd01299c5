/**
 * Words by which a candidate asks to stop (French, English, Arabic, Darija in Latin letters) or to
 * start again. Matched on the whole message, case, accents and punctuation aside, so that "stop"
 * inside a sentence ("je ne veux pas que ça s'arrête") is not taken as an opt-out.
 */
const STOP_WORDS = new Set([
  "stop",
  "stopp",
  "arret",
  "arreter",
  "arretez",
  "desabonner",
  "desinscrire",
  "unsubscribe",
  "وقف",
  "توقف",
  "قف",
  "wa9af",
  "wqef",
  "7bes",
  "hbes",
]);
const START_WORDS = new Set(["start", "commencer", "reprendre", "ابدأ", "ابدا", "bda"]);

export function normaliseKeyword(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      // Arabic diacritics, and the tatweel that only stretches a word (وقـــف).
      .replace(/[\u064b-\u065f\u0640]/g, "")
      .toLowerCase()
      // Any punctuation, phones' smart quotes and ellipsis (“Stop…”) and Arabic's ؟ ؛ included.
      .replace(/[\s\p{P}]+/gu, " ")
      .trim()
  );
}

/** "stop" | "start" when the whole message is one of the keywords (optionally repeated). */
export function consentKeyword(text: string): "stop" | "start" | null {
  const words = normaliseKeyword(text).split(" ").filter(Boolean);
  if (words.length === 0 || words.length > 3) return null;
  if (words.every((w) => STOP_WORDS.has(w))) return "stop";
  if (words.every((w) => START_WORDS.has(w))) return "start";
  return null;
}
