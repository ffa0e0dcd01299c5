// Template placeholders as Meta writes them, `{{1}}` in POSITIONAL templates and `{{first_name}}`
// in NAMED ones, read the same way by the server (checking and rendering a send) and by the
// dashboard (the form, its preview, the campaign CSV columns). Free of zod, like constants.ts.

const POSITIONAL = /\{\{(\d+)\}\}/g;
const NAMED = /\{\{([a-z_][a-z0-9_]*)\}\}/g;

/** A fresh pattern per use: a shared global RegExp carries `lastIndex` from one call to the next. */
const patternOf = (named: boolean) => new RegExp((named ? NAMED : POSITIONAL).source, "g");

/**
 * The placeholders of a text, each once, in the order a send gives their values: positional ones
 * by number (Meta fills `{{n}}` with the n-th value, wherever it stands in the text), named ones as
 * they first appear.
 */
export function placeholderNames(text: string, named: boolean): string[] {
  const names = [...new Set(Array.from(text.matchAll(patternOf(named)), (match) => match[1] as string))];
  return named ? names : names.sort((a, b) => Number(a) - Number(b));
}

/** A value Meta refuses, and that would leave a hole in the text the candidate reads. */
export function isBlankValue(text: string): boolean {
  return text.trim() === "";
}

/** A piece of a filled-in text: plain text, a value, or a placeholder still waiting for one. */
export interface PlaceholderRun {
  text: string;
  isValue: boolean;
  isMissing: boolean;
}

/** The text cut at its placeholders, each filled with its value; a blank or absent one stays `{{name}}`. */
export function fillPlaceholders(
  text: string,
  named: boolean,
  valueFor: (name: string) => string | undefined,
): PlaceholderRun[] {
  const runs: PlaceholderRun[] = [];
  let last = 0;
  for (const match of text.matchAll(patternOf(named))) {
    const index = match.index ?? 0;
    if (index > last) runs.push({ text: text.slice(last, index), isValue: false, isMissing: false });
    const value = valueFor(match[1] as string);
    runs.push(
      value === undefined || isBlankValue(value)
        ? { text: match[0], isValue: false, isMissing: true }
        : { text: value, isValue: true, isMissing: false },
    );
    last = index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), isValue: false, isMissing: false });
  return runs;
}

/** The text as the candidate reads it. */
export function renderPlaceholders(
  text: string,
  named: boolean,
  valueFor: (name: string) => string | undefined,
): string {
  return fillPlaceholders(text, named, valueFor)
    .map((run) => run.text)
    .join("");
}

/** The text without its placeholders: the fixed start of a URL button's link. */
export function withoutPlaceholders(text: string, named: boolean): string {
  return text.replace(patternOf(named), "");
}
