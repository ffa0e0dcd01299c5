import {
  type TemplateContentDraft,
  type TemplateDraft,
  type TemplateLanguage,
  type TemplateParameterFormat,
  type TemplateProblem,
  variableNames,
} from "../../../../contracts/template-rules";
import type { TemplateResponse } from "../../../../contracts/templates";
import type { TemplateShape } from "../../inbox/model/templates";

/** The languages the studio writes, in the order it offers them. */
export const STUDIO_LANGUAGES = ["fr", "ar", "en"] as const satisfies readonly TemplateLanguage[];

export function emptyContent(): TemplateContentDraft {
  return { header: null, body: { text: "", examples: {} }, footer: null, buttons: [] };
}

/** Whether nothing has been written in a language yet (it can start from another's text). */
export function isBlank(content: TemplateContentDraft): boolean {
  return content.body.text.trim() === "" && content.header === null && content.buttons.length === 0;
}

/** Only the samples of the variables still in the text are sent. */
function keepUsed(examples: Record<string, string>, text: string, format: TemplateParameterFormat) {
  const used = new Set(variableNames(text, format));
  return Object.fromEntries(Object.entries(examples).filter(([name]) => used.has(name)));
}

/** A language's content as submitted: samples of removed variables and an empty footer dropped. */
export function cleanContent(
  content: TemplateContentDraft,
  format: TemplateParameterFormat,
): TemplateContentDraft {
  const header =
    content.header?.format === "TEXT"
      ? { ...content.header, examples: keepUsed(content.header.examples, content.header.text, format) }
      : content.header;
  return {
    header,
    body: { text: content.body.text, examples: keepUsed(content.body.examples, content.body.text, format) },
    footer: content.footer?.trim() ? content.footer : null,
    buttons: content.buttons.map((button) =>
      button.type === "URL" && !button.url.includes("{{")
        ? { type: "URL" as const, text: button.text, url: button.url }
        : button,
    ),
  };
}

/**
 * A language's content read as the inbox reads a template, for the same WhatsApp bubble. `copyCode`
 * is the label Meta writes on a copy-code button.
 */
export function contentShape(
  content: TemplateContentDraft,
  format: TemplateParameterFormat,
  copyCode: string,
): TemplateShape {
  const header = content.header;
  return {
    named: format === "NAMED",
    headerText: header?.format === "TEXT" ? header.text : null,
    headerMedia: header && header.format !== "TEXT" ? (header.format.toLowerCase() as "image") : null,
    body: content.body.text,
    footer: content.footer?.trim() ? content.footer : null,
    buttons: content.buttons.map((button) => ({
      type: button.type,
      text: button.type === "COPY_CODE" ? copyCode : button.text,
      url: button.type === "URL" ? button.url : null,
    })),
    fields: [],
  };
}

/** The sample a variable shows in the preview (a header's or the body's). */
export function sampleOf(content: TemplateContentDraft, part: "header" | "body", name: string): string {
  if (part === "header")
    return content.header?.format === "TEXT" ? (content.header.examples[name] ?? "") : "";
  return content.body.examples[name] ?? "";
}

/** The next positional variable of a language: one more than the highest in its header and body. */
export function nextPositional(content: TemplateContentDraft): string {
  const texts = [content.body.text, content.header?.format === "TEXT" ? content.header.text : ""];
  const highest = Math.max(0, ...texts.flatMap((text) => variableNames(text, "POSITIONAL").map(Number)));
  return String(highest + 1);
}

/** Puts `{{name}}` at the caret (or over the selection), with spaces where words would touch it. */
export function insertAt(
  text: string,
  start: number,
  end: number,
  name: string,
): { text: string; caret: number } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  // A space after, unless punctuation or a space follows already: the next word typed stays apart.
  const token = `${before && !/\s$/u.test(before) ? " " : ""}{{${name}}}${/^[\s.,;:!?،؟]/u.test(after) ? "" : " "}`;
  return { text: before + token + after, caret: before.length + token.length };
}

/** A stored template opened in the editor: its one language, or null when the form can't read it. */
export function draftOf(template: TemplateResponse): TemplateDraft | null {
  if (!template.content) return null;
  const language = template.language as TemplateLanguage;
  return {
    name: template.name,
    category: template.category as TemplateDraft["category"],
    parameterFormat: template.parameterFormat,
    translations: [{ language, ...template.content }],
  };
}

/** A problem's field path from the server: `body.translations.0.name` → `translations.0.name`. */
export function fromServerField(field: string): string {
  return field.startsWith("body.") ? field.slice("body.".length) : field;
}

/**
 * An edit's problems from the server are about `content.…` (one language): they become the
 * form's `translations.0.…`, as the editor shows the one language at index 0.
 */
export function editProblemField(field: string): string {
  const path = fromServerField(field);
  return path.startsWith("content.") ? `translations.0.${path.slice("content.".length)}` : path;
}

/** Reads a 400's `details` as the rules' problems, when they are. */
export function problemsOf(details: unknown): TemplateProblem[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (item): item is TemplateProblem =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as { field?: unknown }).field === "string" &&
      typeof (item as { code?: unknown }).code === "string",
  );
}

/** The problems at a field, or below it (`translations.0.buttons` holds its buttons' problems when asked). */
export function problemsAt(
  problems: readonly TemplateProblem[],
  field: string,
  below = false,
): TemplateProblem[] {
  return problems.filter(
    (problem) => problem.field === field || (below && problem.field.startsWith(`${field}.`)),
  );
}
