import type { SimContext } from "../context";
import { MetaError } from "../errors";
import type { Template, TemplateButton, TemplateComponent } from "../state";
import { missing } from "./validate-send";
import { variablesOf } from "./validate-template";

/**
 * The checks Meta runs when a template is created or edited, each failing with Meta's code 100,
 * its subcode and the words Meta shows (`error_user_title`, `error_user_msg`). Written apart from
 * the product's own rules (`contracts/template-rules.ts`) so the two can disagree as Meta and a
 * client do.
 */
export function templateError(subcode: number | undefined, title: string, message: string): MetaError {
  return new MetaError(100, {
    ...(subcode !== undefined ? { subcode } : {}),
    details: message,
    message: "(#100) Invalid parameter",
    userTitle: title,
    userMessage: message,
  });
}

const LIMITS = { body: 1024, header: 60, footer: 60, buttonText: 25, url: 2000, buttons: 10 };
const length = (text: string | undefined) => [...(text ?? "")].length;
const tooLong = (what: string, max: number) =>
  templateError(
    2388040,
    "Message template character limit exceeded",
    `The ${what} is longer than ${max} characters. Shorten it and try again.`,
  );

/** Meta's observed ratio: at least two words around each variable, plus one. */
function wordsOutside(text: string): number {
  return text
    .replace(/\{\{[^{}]*\}\}/g, " ")
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function exampleValues(component: TemplateComponent, key: string): unknown[] {
  const example = component.example ?? {};
  const value = example[key];
  if (!Array.isArray(value)) return [];
  return Array.isArray(value[0]) ? (value[0] as unknown[]) : value;
}

function checkVariables(component: TemplateComponent, format: Template["parameterFormat"]): void {
  const names = variablesOf(component.text);
  if (names.length === 0) return;
  const label = component.type === "HEADER" ? "header" : "body";
  if (format === "POSITIONAL") {
    const distinct = [...new Set(names)].sort((a, b) => Number(a) - Number(b));
    if (distinct.some((n, i) => n !== String(i + 1))) {
      throw templateError(
        2388043,
        "Variables aren't in sequential order",
        `The ${label} variables must be numbered {{1}}, {{2}} and so on, without gaps.`,
      );
    }
    const values = exampleValues(component, label === "header" ? "header_text" : "body_text");
    if (values.length < distinct.length) {
      throw templateError(
        2388043,
        "Sample values missing",
        `Add a sample value for each variable of the ${label} (${distinct.length} expected, ${values.length} given).`,
      );
    }
    return;
  }
  if (names.some((n) => !/^[a-z_][a-z0-9_]*$/.test(n))) {
    throw templateError(
      2388043,
      "Variable names are incorrect",
      `The ${label} variables must be lowercase letters, digits and underscores for NAMED templates.`,
    );
  }
  const given = exampleValues(component, `${label}_text_named_params`) as { param_name?: string }[];
  const named = new Set(given.map((p) => p.param_name));
  const lacking = names.filter((n) => !named.has(n));
  if (lacking.length > 0) {
    throw templateError(
      2388043,
      "Sample values missing",
      `Add a sample value for ${lacking.map((n) => `{{${n}}}`).join(", ")} in the ${label}.`,
    );
  }
}

function checkBody(body: TemplateComponent, format: Template["parameterFormat"]): void {
  const text = body.text ?? "";
  if (length(text) > LIMITS.body) throw tooLong("body text", LIMITS.body);
  const variables = [...text.matchAll(/\{\{[^{}]*\}\}/g)];
  if (variables.length === 0) return;
  const first = variables[0] as RegExpMatchArray;
  const last = variables[variables.length - 1] as RegExpMatchArray;
  if (
    text.slice(0, first.index).trim() === "" ||
    /^[\s\p{P}]*$/u.test(text.slice((last.index ?? 0) + last[0].length))
  ) {
    throw templateError(
      2388299,
      "Variables can't be at the start or end of the template",
      "Variables can't be at the start or end of the message template. Add text before the first variable and after the last one.",
    );
  }
  for (let i = 1; i < variables.length; i++) {
    const before = variables[i - 1] as RegExpMatchArray;
    const between = text.slice((before.index ?? 0) + before[0].length, variables[i]?.index);
    if (!/[\p{L}\p{N}]/u.test(between)) {
      throw templateError(
        2388072,
        "Message body format is incorrect",
        "Variables can't be next to each other: add words between them.",
      );
    }
  }
  const distinct = new Set(variables.map((v) => v[0])).size;
  if (wordsOutside(text) < 2 * distinct + 1) {
    throw templateError(
      2388293,
      "Too many variables for the message length",
      "This template contains too many variable parameters relative to the message length. Decrease the number of variables or increase the message length.",
    );
  }
  checkVariables(body, format);
}

function checkHeader(ctx: SimContext, header: TemplateComponent, format: Template["parameterFormat"]): void {
  const kind = header.format ?? "TEXT";
  if (kind === "TEXT") {
    const text = header.text ?? "";
    if (!text.trim())
      throw templateError(2388047, "Message header format is incorrect", "The header has no text.");
    if (length(text) > LIMITS.header) throw tooLong("header text", LIMITS.header);
    if (/[\n\r*_~`]/.test(text.replace(/\{\{[^{}]*\}\}/g, "")) || /\p{Extended_Pictographic}/u.test(text)) {
      throw templateError(
        2388047,
        "Message header format is incorrect",
        "The header can't contain new lines, emojis or formatting characters.",
      );
    }
    if (new Set(variablesOf(text)).size > 1) {
      throw templateError(
        2388047,
        "Message header format is incorrect",
        "The header can contain one variable at most.",
      );
    }
    checkVariables(header, format);
    return;
  }
  if (kind === "LOCATION") return;
  const handles = (header.example?.header_handle as unknown[] | undefined) ?? [];
  const handle = handles[0];
  if (typeof handle !== "string" || !handle) {
    throw templateError(
      2388047,
      "Message header format is incorrect",
      `A ${kind.toLowerCase()} header needs a sample: upload one and give its handle in example.header_handle.`,
    );
  }
  if (!/^https?:\/\//.test(handle) && !ctx.state.uploads.some((u) => u.handle === handle)) {
    throw templateError(
      2388047,
      "Message header format is incorrect",
      "The header sample's handle is not valid.",
    );
  }
}

function checkFooter(footer: TemplateComponent): void {
  const text = footer.text ?? "";
  if (length(text) > LIMITS.footer) throw tooLong("footer text", LIMITS.footer);
  if (/[\n\r]/.test(text) || variablesOf(text).length > 0) {
    throw templateError(
      2388073,
      "Message footer format is incorrect",
      "The footer can't contain variables or new lines.",
    );
  }
}

function checkButtons(buttons: TemplateButton[]): void {
  if (buttons.length > LIMITS.buttons) {
    throw templateError(
      undefined,
      "Too many buttons",
      `A template can have ${LIMITS.buttons} buttons at most.`,
    );
  }
  const count = (type: string) => buttons.filter((b) => b.type === type).length;
  if (count("URL") > 2 || count("PHONE_NUMBER") > 1 || count("COPY_CODE") > 1) {
    throw templateError(
      undefined,
      "Too many buttons of one type",
      "A template can have 2 website buttons, 1 phone button and 1 copy-code button at most.",
    );
  }
  for (const button of buttons) {
    if (button.type !== "COPY_CODE" && length(button.text) > LIMITS.buttonText)
      throw tooLong("button text", LIMITS.buttonText);
    if (button.type === "URL") {
      const url = button.url ?? "";
      if (length(url) > LIMITS.url) throw tooLong("button URL", LIMITS.url);
      const variables = variablesOf(url);
      if (variables.length > 1 || (variables.length === 1 && !url.endsWith("{{1}}"))) {
        throw templateError(
          2388043,
          "Website button variable is incorrect",
          "A website button's URL can have one variable, {{1}}, at its end.",
        );
      }
      if (variables.length === 1 && !Array.isArray(button.example)) {
        throw templateError(2388043, "Sample values missing", "Add a sample URL for the website button.");
      }
    }
  }
}

/** Meta's checks of a template's components at creation or edit. */
export function checkComponents(
  ctx: SimContext,
  value: unknown,
  format: Template["parameterFormat"],
): TemplateComponent[] {
  if (!Array.isArray(value) || value.length === 0) throw missing("components");
  const components = value as TemplateComponent[];
  const body = components.find((c) => c.type === "BODY");
  if (!body?.text)
    throw templateError(2388072, "Message body format is incorrect", "A template needs a BODY with text.");
  checkBody(body, format);
  const header = components.find((c) => c.type === "HEADER");
  if (header) checkHeader(ctx, header, format);
  const footer = components.find((c) => c.type === "FOOTER");
  if (footer) checkFooter(footer);
  checkButtons(components.find((c) => c.type === "BUTTONS")?.buttons ?? []);
  return components;
}
