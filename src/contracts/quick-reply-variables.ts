// Quick replies' variables, `{{prenom}}`, `{{poste}}`, `{{recruteur}}`: one rule, read by the
// server (refusing unknown ones) and by the dashboard (the settings preview, the composer filling
// them in). Free of zod, like constants.ts.

/** Each variable's token name and what fills it. */
export const QUICK_REPLY_VARIABLES = {
  /** The candidate's first name (the first word of the contact's name). */
  prenom: "firstName",
  /** The job the conversation is about. */
  poste: "job",
  /** The name of the recruiter who sends it. */
  recruteur: "recruiterName",
} as const;
export type QuickReplyVariable = keyof typeof QUICK_REPLY_VARIABLES;
export const QUICK_REPLY_VARIABLE_NAMES = Object.keys(QUICK_REPLY_VARIABLES) as QuickReplyVariable[];

/** What a conversation knows; a missing value leaves its token in the text, for the recruiter to fill. */
export interface QuickReplyValues {
  firstName?: string | null;
  job?: string | null;
  recruiterName?: string | null;
}

/** `{{ name }}`, spaces tolerated; a fresh pattern per use (a global RegExp keeps `lastIndex`). */
const token = () => /\{\{\s*([\p{L}_][\p{L}\p{N}_]*)\s*\}\}/gu;

/** The token as written in a body, e.g. `{{prenom}}`. */
export const variableToken = (name: QuickReplyVariable) => `{{${name}}}`;

/** The tokens of a body that are no variable (a typo such as `{{prénom}}`), each once. */
export function unknownVariables(body: string): string[] {
  const names = Array.from(body.matchAll(token()), (match) => match[1] as string);
  return [...new Set(names.filter((name) => !(name in QUICK_REPLY_VARIABLES)))];
}

/** The candidate's first name from what the contact is called: its first word, if any. */
export function firstNameOf(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** A piece of a filled-in body: plain text, a value put in, or a token still waiting for one. */
export interface QuickReplyRun {
  text: string;
  kind: "text" | "value" | "missing";
}

/** The body cut into runs, so a preview can highlight values and the tokens left to fill. */
export function quickReplyRuns(body: string, values: QuickReplyValues): QuickReplyRun[] {
  const runs: QuickReplyRun[] = [];
  let from = 0;
  for (const match of body.matchAll(token())) {
    const at = match.index ?? 0;
    if (at > from) runs.push({ text: body.slice(from, at), kind: "text" });
    const name = match[1] as string;
    const field = QUICK_REPLY_VARIABLES[name as QuickReplyVariable];
    const value = field ? values[field]?.trim() : undefined;
    if (value) runs.push({ text: value, kind: "value" });
    else runs.push({ text: field ? variableToken(name as QuickReplyVariable) : match[0], kind: "missing" });
    from = at + match[0].length;
  }
  if (from < body.length) runs.push({ text: body.slice(from), kind: "text" });
  return runs;
}

/** The body with every known value put in; tokens without a value stay as `{{poste}}`. */
export function fillQuickReply(body: string, values: QuickReplyValues): string {
  return quickReplyRuns(body, values)
    .map((run) => run.text)
    .join("");
}

/**
 * The quick replies matching what follows `/`: by shortcut first (prefix), then by title or
 * shortcut anywhere, case- and accent-insensitive.
 */
export function matchQuickReplies<T extends { shortcut: string; title: string }>(
  replies: readonly T[],
  query: string,
): T[] {
  const q = fold(query);
  if (!q) return [...replies];
  const starts = replies.filter((reply) => fold(reply.shortcut).startsWith(q));
  const contains = replies.filter(
    (reply) => !starts.includes(reply) && (fold(reply.shortcut).includes(q) || fold(reply.title).includes(q)),
  );
  return [...starts, ...contains];
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();

/**
 * The `/query` being typed at the cursor: `/` at the start of the text or after a space, then no
 * space before the cursor. Null when the cursor is in no such word.
 */
export function slashQueryAt(text: string, cursor: number): { start: number; query: string } | null {
  const before = text.slice(0, cursor);
  const match = /(^|\s)\/([^\s/]*)$/u.exec(before);
  if (!match) return null;
  return { start: before.length - match[2]!.length - 1, query: match[2]! };
}
