import type { ContactLanguage } from "../../../../contracts/contact-language";
import type { TemplateSendInput } from "../../../../contracts/messages";
import {
  fillPlaceholders,
  isBlankValue,
  type PlaceholderRun,
  placeholderNames,
  withoutPlaceholders,
} from "../../../../contracts/template-placeholders";
import type { TemplateResponse } from "../api";

interface Component {
  type?: string;
  format?: string;
  text?: string;
  buttons?: { type?: string; text?: string; url?: string }[];
}

/** One value the recruiter fills in. `key` is unique in the template (`body.1`, `header.job_title`, `button.0`). */
export interface TemplateField {
  key: string;
  part: "header" | "body" | "button" | "headerMedia";
  /** `1`, `first_name`; the button's index for a URL suffix; the media kind for a header file. */
  name: string;
  /** The template's own example, shown as a hint. */
  example: string | null;
  /** For a URL button: the link before the variable part. */
  prefix?: string;
}

export type MediaKind = "image" | "video" | "document";

/** A template read for sending: its texts, variables and buttons. */
export interface TemplateShape {
  named: boolean;
  headerText: string | null;
  headerMedia: MediaKind | null;
  body: string;
  footer: string | null;
  buttons: { type: string; text: string; url: string | null }[];
  fields: TemplateField[];
}

function examples(
  component: Record<string, unknown> | undefined,
  part: "header" | "body",
): Map<string, string> {
  const found = new Map<string, string>();
  const example = component?.example as Record<string, unknown> | undefined;
  if (!example) return found;
  const named = example[`${part}_text_named_params`];
  if (Array.isArray(named)) {
    for (const item of named as { param_name?: string; example?: string }[]) {
      if (item.param_name && item.example) found.set(item.param_name, item.example);
    }
  }
  const positional = example[`${part}_text`];
  const list =
    part === "body" ? (positional as unknown[][] | undefined)?.[0] : (positional as unknown[] | undefined);
  if (Array.isArray(list)) {
    for (const [index, value] of list.entries()) found.set(String(index + 1), String(value));
  }
  return found;
}

/** Reads Meta's components into the texts and the fields to fill, in the order the candidate reads them. */
export function templateShape(
  template: Pick<TemplateResponse, "parameterFormat" | "components">,
): TemplateShape {
  const named = template.parameterFormat === "NAMED";
  const raw = template.components as Record<string, unknown>[];
  const find = (type: string) => raw.find((c) => (c as Component).type === type);
  const header = find("HEADER") as (Component & Record<string, unknown>) | undefined;
  const body = find("BODY") as (Component & Record<string, unknown>) | undefined;
  const footer = find("FOOTER") as Component | undefined;
  const buttons = ((find("BUTTONS") as Component | undefined)?.buttons ?? []).map((button) => ({
    type: button.type ?? "QUICK_REPLY",
    text: button.text ?? "",
    url: button.url ?? null,
  }));

  const fields: TemplateField[] = [];
  const headerText = header?.format === "TEXT" ? (header.text ?? null) : null;
  const headerMedia =
    header?.format && ["IMAGE", "VIDEO", "DOCUMENT"].includes(header.format)
      ? (header.format.toLowerCase() as MediaKind)
      : null;
  if (headerMedia) fields.push({ key: "headerMedia", part: "headerMedia", name: headerMedia, example: null });
  if (headerText) {
    const hints = examples(header, "header");
    for (const name of placeholderNames(headerText, named)) {
      fields.push({ key: `header.${name}`, part: "header", name, example: hints.get(name) ?? null });
    }
  }
  const bodyText = body?.text ?? "";
  const bodyHints = examples(body, "body");
  for (const name of placeholderNames(bodyText, named)) {
    fields.push({ key: `body.${name}`, part: "body", name, example: bodyHints.get(name) ?? null });
  }
  buttons.forEach((button, index) => {
    if (button.type === "URL" && button.url && placeholderNames(button.url, false).length > 0) {
      fields.push({
        key: `button.${index}`,
        part: "button",
        name: String(index),
        example: null,
        prefix: withoutPlaceholders(button.url, false),
      });
    }
  });
  return { named, headerText, headerMedia, body: bodyText, footer: footer?.text ?? null, buttons, fields };
}

/** A text with its variables replaced; unfilled ones stay as `{{name}}` runs the preview highlights. */
export function fillRuns(text: string, named: boolean, value: (name: string) => string): PlaceholderRun[] {
  return fillPlaceholders(text, named, (name) => value(name).trim());
}

/** Whether every field has a value (a header file needs an https link). */
export function missingFields(shape: TemplateShape, values: Record<string, string>): TemplateField[] {
  return shape.fields.filter((field) => {
    const value = (values[field.key] ?? "").trim();
    if (isBlankValue(value)) return true;
    return field.part === "headerMedia" && !/^https:\/\/\S+$/u.test(value);
  });
}

/** What the server expects for the template, built from the filled fields. */
export function buildTemplateInput(
  template: TemplateResponse,
  shape: TemplateShape,
  values: Record<string, string>,
): TemplateSendInput {
  const value = (key: string) => (values[key] ?? "").trim();
  const params = (part: "header" | "body") =>
    shape.fields
      .filter((field) => field.part === part)
      .map((field) =>
        shape.named ? { name: field.name, text: value(field.key) } : { text: value(field.key) },
      );
  const input: TemplateSendInput = { name: template.name, language: template.language };
  const header = params("header");
  if (header.length > 0) input.headerText = header;
  const body = params("body");
  if (body.length > 0) input.body = body;
  if (shape.headerMedia) input.headerMedia = { kind: shape.headerMedia, link: value("headerMedia") };
  const buttons = shape.fields
    .filter((field) => field.part === "button")
    .map((field) => ({ index: Number(field.name), subType: "url" as const, value: value(field.key) }));
  if (buttons.length > 0) input.buttons = buttons;
  return input;
}

const GREETING =
  /(?:bonjour|bonsoir|salut|hello|hi|dear|cher|chère|salam|مرحبا|أهلا|السلام عليكم)[\s,،]*\{\{([a-z0-9_]+)\}\}/iu;
const NAME_KEYS = new Set(["first_name", "firstname", "prenom", "candidate_name"]);

/**
 * Values pre-filled from the candidate: their first name in the variable right after a greeting
 * (`Bonjour {{1}}`) or in a named `{{first_name}}`; other variables are the recruiter's to fill.
 */
export function prefill(shape: TemplateShape, candidateName: string | null): Record<string, string> {
  const values: Record<string, string> = {};
  const first = candidateName?.trim().split(/\s+/u)[0];
  if (!first) return values;
  const field = firstNameField(shape);
  if (field) values[field.key] = first;
  return values;
}

/** The body variable that holds the candidate's first name: right after a greeting, or named so. */
export function firstNameField(shape: TemplateShape): TemplateField | undefined {
  const greeted = GREETING.exec(shape.body)?.[1];
  return shape.fields.find(
    (item) => item.part === "body" && (item.name === greeted || NAME_KEYS.has(item.name)),
  );
}

/** The templates' language code that is this candidate's language (`fr`, or a variant: `en_US`), if any. */
export function languageFor(languages: string[], candidate: ContactLanguage | null): string | null {
  if (!candidate) return null;
  return (
    languages.find((code) => code === candidate) ??
    languages.find((code) => code.split(/[_-]/u)[0]?.toLowerCase() === candidate) ??
    null
  );
}
