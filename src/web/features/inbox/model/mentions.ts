import { foldForSearch } from "../../../../contracts/search-text";

// @mentions in a note: what is being typed after an "@", the colleagues it may name, the text once
// one is picked, which picks are still in the text when it is sent, and a note cut into plain text
// and mentions for display. Pure, so the composer and the note list agree, and tested alone.

export interface Colleague {
  id: string;
  name: string;
}

/** The "@query" just before the caret (one word, no space yet), or null when not mentioning. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(before);
  if (!match) return null;
  return { start: before.length - match[2]!.length - 1, query: match[2]! };
}

/** Colleagues whose name has a word starting with the query (accents and case aside), up to `limit`. */
export function colleaguesMatching(colleagues: Colleague[], query: string, limit = 6): Colleague[] {
  const wanted = foldForSearch(query);
  return colleagues
    .filter(
      (colleague) =>
        !wanted ||
        foldForSearch(colleague.name)
          .split(/\s+/u)
          .some((w) => w.startsWith(wanted)),
    )
    .slice(0, limit);
}

/** The text with "@query" replaced by "@Name " and where the caret goes after it. */
export function insertMention(
  text: string,
  at: { start: number; query: string },
  colleague: Colleague,
): { text: string; caret: number } {
  const inserted = `@${colleague.name} `;
  const end = at.start + 1 + at.query.length;
  return { text: text.slice(0, at.start) + inserted + text.slice(end), caret: at.start + inserted.length };
}

/** The picked colleagues whose "@Name" is still in the text (one deleted by hand is not told). */
export function mentionsIn(text: string, picked: Colleague[]): string[] {
  return [...new Set(picked.filter((c) => text.includes(`@${c.name}`)).map((c) => c.id))];
}

export type NotePart = { kind: "text"; text: string } | { kind: "mention"; text: string; userId: string };

/** A note cut into its text and the "@Name" of the colleagues it mentions, longest names first. */
export function noteParts(body: string, mentioned: Colleague[]): NotePart[] {
  const names = [...mentioned].sort((a, b) => b.name.length - a.name.length);
  const parts: NotePart[] = [];
  let rest = body;
  while (rest) {
    let first: { index: number; colleague: Colleague } | null = null;
    for (const colleague of names) {
      const index = rest.indexOf(`@${colleague.name}`);
      if (index >= 0 && (!first || index < first.index)) first = { index, colleague };
    }
    if (!first) {
      parts.push({ kind: "text", text: rest });
      break;
    }
    if (first.index > 0) parts.push({ kind: "text", text: rest.slice(0, first.index) });
    const token = `@${first.colleague.name}`;
    parts.push({ kind: "mention", text: token, userId: first.colleague.id });
    rest = rest.slice(first.index + token.length);
  }
  return parts;
}
