import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * The inbox search's conditions, on text folded by `lj_fold` (migration `0027_search_accent_folded`:
 * `unaccent`, then Arabic harakat and tatweel dropped, hamza'd alefs made plain, then lower case), so
 * "diplome" finds "Diplôme", "ecole" "École" and "محمد" "مُحَمَّد". The search is folded by the
 * database too (`lj_fold` is IMMUTABLE: folded once, at planning), so both sides fold alike.
 *
 * Three characters or more: `like '%…%'`, which the trigram indexes on the folded expressions answer.
 * One or two: a word that starts with them (at the start, or after a space or a punctuation mark),
 * written as a regular expression pg_trgm still reads a trigram from (`' ab'`): a two-letter
 * "contains" has no trigram and would read every message of the client.
 */
export const MIN_CONTAINS_SEARCH = 3;

/** Whether a search is long enough to match inside words (else: words that start with it). */
export const searchesInside = (search: string) => [...search.trim()].length >= MIN_CONTAINS_SEARCH;

/**
 * What may come before a word a short search finds. Spelled out (not `[[:punct:]]` or `\W`): pg_trgm
 * gives up on such classes and the index would not be used.
 */
const WORD_START = "(^|[ \t\r\n'’\"«»(\\[{/\\\\._,;:!?*+#@&=|<>~-])";

/** `document` (folded with `lj_fold`: `messages.search_text`, `contacts.name_folded`) matches the search. */
export function foldedMatch(document: SQL | AnyColumn, search: string): SQL {
  const folded = sql`lj_fold(${search.trim()})`;
  if (searchesInside(search)) {
    const escaped = sql`replace(replace(replace(${folded}, ${"\\"}, ${"\\\\"}), ${"%"}, ${"\\%"}), ${"_"}, ${"\\_"})`;
    return sql`${document} like ('%' || ${escaped} || '%')`;
  }
  // Every character but letters, digits and spaces taken literally (a backslash before it).
  const escaped = sql`regexp_replace(${folded}, ${"([^[:alnum:][:space:]])"}, ${"\\\\\\1"}, 'g')`;
  return sql`${document} ~ (${WORD_START} || ${escaped})`;
}

/** A WhatsApp username as typed with its "@" (as the dashboard shows it) or without. */
export const withoutAt = (search: string) => search.trim().replace(/^@/u, "") || search;
