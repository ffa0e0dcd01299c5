import type { SimContext } from "../context";
import { MetaError } from "../errors";
import type { Template, TemplateComponent } from "../state";
import { invalid, missing, validateMedia } from "./validate-send";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Variable names in a template text: `{{1}}` → "1", `{{first_name}}` → "first_name". */
export function variablesOf(text: string | undefined): string[] {
  return [...(text ?? "").matchAll(/\{\{\s*([a-z0-9_]+)\s*\}\}/gi)].map((m) => m[1] ?? "");
}

function countError(component: string, got: number, expected: number): MetaError {
  return new MetaError(132000, {
    details: `${component}: number of localizable_params (${got}) does not match the expected number of params (${expected})`,
  });
}

/** Finds the approved template a send names, or throws 132001/132015/132016 as Meta does. */
export function findSendableTemplate(ctx: SimContext, wabaId: string, template: Obj): Template {
  const name = template.name;
  if (typeof name !== "string" || !name) throw missing("template['name']");
  const language = isObj(template.language) ? template.language.code : undefined;
  if (typeof language !== "string" || !language) throw missing("template['language']['code']");
  const found = ctx.state.templates.find(
    (t) => t.wabaId === wabaId && t.name === name && t.language === language,
  );
  if (!found || !["APPROVED", "PAUSED", "DISABLED"].includes(found.status)) {
    throw new MetaError(132001, { details: `template name (${name}) does not exist in ${language}` });
  }
  if (found.status === "PAUSED")
    throw new MetaError(132015, { details: `Template ${name} is paused due to low quality.` });
  if (found.status === "DISABLED")
    throw new MetaError(132016, { details: `Template ${name} has been disabled.` });
  return found;
}

/** Parameters of a send, by component: header/body lists and buttons by index. */
interface GivenParams {
  header: Obj[] | null;
  body: Obj[] | null;
  buttons: Map<number, { subType: string; parameters: Obj[] }>;
}

function collect(components: unknown): GivenParams {
  const given: GivenParams = { header: null, body: null, buttons: new Map() };
  if (components === undefined) return given;
  if (!Array.isArray(components)) throw invalid("template['components'] must be an array.");
  for (const [i, c] of components.entries()) {
    if (!isObj(c)) throw invalid(`template['components'][${i}] must be an object.`);
    const type = String(c.type ?? "").toLowerCase();
    const parameters = Array.isArray(c.parameters) ? c.parameters.filter(isObj) : [];
    if (type === "header") given.header = parameters;
    else if (type === "body") given.body = parameters;
    else if (type === "button") {
      const index = Number(c.index);
      if (!Number.isInteger(index)) throw missing(`template['components'][${i}]['index']`);
      given.buttons.set(index, { subType: String(c.sub_type ?? "").toLowerCase(), parameters });
    } else throw invalid(`template['components'][${i}]['type'] "${String(c.type)}" is not valid.`);
  }
  return given;
}

/** Checks a text-bearing component's values against its variables (positional or named). */
function checkTextParams(
  label: string,
  component: TemplateComponent | undefined,
  given: Obj[] | null,
  named: boolean,
): void {
  const expected = variablesOf(component?.text);
  const values = given ?? [];
  if (values.length !== expected.length) throw countError(label, values.length, expected.length);
  for (const value of values) {
    const type = String(value.type ?? "");
    if (!["text", "currency", "date_time"].includes(type)) {
      throw new MetaError(132012, {
        details: `${label}: Format mismatch, expected TEXT, received ${type.toUpperCase()}`,
      });
    }
    if (named) {
      if (typeof value.parameter_name !== "string") {
        throw new MetaError(132012, {
          details: `${label}: parameter_name is required for templates with NAMED parameters`,
        });
      }
      if (!expected.includes(value.parameter_name)) {
        throw new MetaError(132000, {
          details: `${label}: parameter name (${value.parameter_name}) is not in the template`,
        });
      }
    }
    if (type === "text") {
      if (typeof value.text !== "string" || value.text === "") throw missing(`${label} parameter text`);
      // From v23 Meta reports template parameter problems as 132018.
      if (/[\n\t]| {5,}/.test(value.text)) {
        throw new MetaError(132018, {
          details: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces",
        });
      }
    }
  }
}

function checkHeader(header: TemplateComponent | undefined, given: Obj[] | null, named: boolean): void {
  const format = header?.format ?? "TEXT";
  if (!header || format === "TEXT") {
    checkTextParams("header", header, given, named);
    return;
  }
  const values = given ?? [];
  if (values.length !== 1) throw countError("header", values.length, 1);
  const [value] = values as [Obj];
  const type = String(value.type ?? "").toUpperCase();
  if (type !== format)
    throw new MetaError(132012, { details: `header: Format mismatch, expected ${format}, received ${type}` });
  const media = value[type.toLowerCase()];
  if (format !== "LOCATION" && isObj(media))
    validateMedia(type.toLowerCase(), media, `header['${type.toLowerCase()}']`);
}

const SUB_TYPES: Record<string, string> = {
  QUICK_REPLY: "quick_reply",
  URL: "url",
  COPY_CODE: "copy_code",
  FLOW: "flow",
  CATALOG: "catalog",
  OTP: "url",
  PHONE_NUMBER: "phone_number",
};

function checkButtons(template: Template, given: GivenParams["buttons"]): void {
  const buttons = template.components.find((c) => c.type === "BUTTONS")?.buttons ?? [];
  for (const [index, value] of given) {
    const button = buttons[index];
    if (!button)
      throw new MetaError(132000, {
        details: `button: index ${index} is out of range (${buttons.length} buttons)`,
      });
    if (SUB_TYPES[button.type] !== value.subType) {
      throw new MetaError(132012, {
        details: `button at index ${index}: expected sub_type ${SUB_TYPES[button.type]}, received ${value.subType}`,
      });
    }
  }
  buttons.forEach((button, index) => {
    const dynamic =
      (button.type === "URL" && variablesOf(button.url).length > 0) || button.type === "COPY_CODE";
    const values = given.get(index)?.parameters ?? [];
    if (dynamic && values.length !== 1) throw countError(`button at index ${index}`, values.length, 1);
  });
}

/** Validates a template send against the stored template; returns the template and hydrated text. */
export function validateTemplateSend(
  ctx: SimContext,
  wabaId: string,
  template: Obj,
): { template: Template; preview: string } {
  const found = findSendableTemplate(ctx, wabaId, template);
  const given = collect(template.components);
  const named = found.parameterFormat === "NAMED";
  const part = (type: TemplateComponent["type"]) => found.components.find((c) => c.type === type);
  checkHeader(part("HEADER"), given.header, named);
  checkTextParams("body", part("BODY"), given.body, named);
  checkButtons(found, given.buttons);
  if ([...fill(part("BODY")?.text, given.body)].length > 1024) {
    throw new MetaError(132005, {
      details: "The template body with its parameters is longer than 1024 characters.",
    });
  }
  return { template: found, preview: hydrate(found, given) };
}

function valueText(value: Obj | undefined): string {
  if (!value) return "";
  if (typeof value.text === "string") return value.text;
  for (const key of ["currency", "date_time"]) {
    const v = value[key];
    if (isObj(v) && typeof v.fallback_value === "string") return v.fallback_value;
  }
  return "";
}

function fill(text: string | undefined, values: Obj[] | null): string {
  const list = values ?? [];
  return (text ?? "").replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/gi, (_m, name: string) => {
    const byName = list.find((v) => v.parameter_name === name);
    return valueText(byName ?? list[Number(name) - 1]);
  });
}

/** The text the candidate sees: header, body and footer with parameters filled in. */
export function hydrate(template: Template, given: GivenParams): string {
  const header = template.components.find((c) => c.type === "HEADER");
  const lines = [
    header?.format === "TEXT" || (header && !header.format) ? fill(header.text, given.header) : "",
    fill(template.components.find((c) => c.type === "BODY")?.text, given.body),
    template.components.find((c) => c.type === "FOOTER")?.text ?? "",
  ];
  return lines.filter(Boolean).join("\n");
}
