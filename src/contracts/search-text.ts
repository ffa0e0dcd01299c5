// The inbox search's folding, in the browser and the API's snippets: the same as the database's
// `lj_fold` (migration `0027_search_accent_folded`), so what the search found is what is highlighted.
// Accents go (NFD, marks dropped, as `unaccent` does for Latin letters, with its ligatures), case goes,
// and in Arabic the harakat and tatweel go and hamza'd alefs (أ إ آ ٱ) become alef, ى ya, ؤ waw, ئ ya.

const LETTERS: Record<string, string> = {
  "\u0623": "\u0627",
  "\u0625": "\u0627",
  "\u0622": "\u0627",
  "\u0671": "\u0627",
  "\u0649": "\u064A",
  "\u0624": "\u0648",
  "\u0626": "\u064A",
  œ: "oe",
  Œ: "oe",
  æ: "ae",
  Æ: "ae",
  ß: "ss",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
};
const DROPPED = /^[\u0640\u064B-\u065F\u0670]$/u;
const MARKS = /\p{M}/gu;

function foldCharacter(character: string): string {
  if (DROPPED.test(character)) return "";
  return LETTERS[character] ?? character.normalize("NFD").replace(MARKS, "").toLowerCase();
}

/** The folded text, and where each of its UTF-16 units comes from in the text (start and end). */
function foldWithOrigins(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const character of text) {
    const end = index + character.length;
    const part = foldCharacter(character);
    for (let unit = 0; unit < part.length; unit += 1) {
      starts.push(index);
      ends.push(end);
    }
    folded += part;
    index = end;
  }
  return { folded, starts, ends };
}

/** A text as the search compares it. */
export const foldForSearch = (text: string) => foldWithOrigins(text).folded;

/** Below this many characters a search only matches words that start with it (as the API does). */
const MIN_INSIDE = 3;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Where a search matches a text (accents, case and harakat aside): [start, end) ranges of the text. */
export function searchMatches(text: string, search: string): [number, number][] {
  const needle = foldForSearch(search.trim());
  if (!needle) return [];
  const wordStartOnly = [...search.trim()].length < MIN_INSIDE;
  const { folded, starts, ends } = foldWithOrigins(text);
  const ranges: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = folded.indexOf(needle, from);
    if (at === -1) break;
    const before = at > 0 ? folded.slice(at - 1, at) : "";
    if (!wordStartOnly || !WORD_CHARACTER.test(before)) {
      ranges.push([starts[at]!, ends[at + needle.length - 1]!]);
      from = at + needle.length;
    } else {
      from = at + 1;
    }
  }
  return ranges;
}

export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

/**
 * A short piece of a text around its first match, cut at words, with its matches marked: what a
 * search result shows (the whole text when it is short). Undefined when the search does not match.
 */
export function searchSnippet(text: string, search: string, length = 90): SnippetPart[] | undefined {
  const ranges = searchMatches(text, search);
  const first = ranges[0];
  if (!first) return undefined;
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    start = Math.max(0, first[0] - Math.floor(length / 3));
    if (start > 0) {
      const space = text.lastIndexOf(" ", first[0] - 1);
      start = space >= start ? space + 1 : start;
    }
    end = Math.min(text.length, Math.max(start + length, first[1]));
    const space = text.indexOf(" ", end);
    if (end < text.length && space !== -1 && space - end < 15) end = space;
  }
  const parts: SnippetPart[] = [];
  const push = (from: number, to: number, isMatch: boolean) => {
    if (to > from) parts.push({ text: text.slice(from, to), isMatch });
  };
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    push(at, Math.max(at, from), false);
    push(Math.max(at, from), Math.min(to, end), true);
    at = Math.min(to, end);
  }
  push(at, end, false);
  if (start > 0) parts.unshift({ text: "…", isMatch: false });
  if (end < text.length) parts.push({ text: "…", isMatch: false });
  return parts;
}
