import type { TemplateSendInput } from "../../../../contracts/messages";
import {
  isBlankValue,
  placeholderNames,
  renderPlaceholders,
} from "../../../../contracts/template-placeholders";
import { validationFailed } from "../../../platform/errors";
import type { TemplateRow } from "../../templates/templates.repository";

type Component = {
  type?: string;
  format?: string;
  text?: string;
  buttons?: { type?: string; text?: string; url?: string }[];
};
type Parameter = { name?: string; text: string };

/** Checks the values for one text component and returns them in Meta's order, or throws naming the field. */
function checkValues(text: string, given: Parameter[] = [], named: boolean, field: string): Parameter[] {
  const expected = placeholderNames(text, named);
  if (given.length !== expected.length) {
    throw validationFailed(
      field,
      `this template needs ${expected.length} value(s) here, ${given.length} given`,
    );
  }
  given.forEach((p, i) => {
    if (isBlankValue(p.text)) throw validationFailed(`${field}.${i}`, "must not be empty");
  });
  if (named) {
    const missing = expected.filter((name) => !given.some((p) => p.name === name));
    if (missing.length > 0) throw validationFailed(field, `missing value for {{${missing.join("}}, {{")}}}`);
    return expected.map((name) => given.find((p) => p.name === name)!);
  }
  return given;
}

function fill(text: string, values: Parameter[], named: boolean): string {
  return renderPlaceholders(text, named, (name) =>
    named ? values.find((v) => v.name === name)?.text : values[Number(name) - 1]?.text,
  );
}

const textParams = (values: Parameter[], named: boolean) =>
  values.map((v) => ({ type: "text", text: v.text, ...(named && v.name ? { parameter_name: v.name } : {}) }));

/**
 * Checks what the recruiter filled in against the stored template (the same rules Meta applies:
 * value count 132000, names for NAMED templates, header media) and builds Meta's `components`
 * with the text the candidate will read.
 *
 * @throws a validation error naming the field, before anything is sent.
 */
export function composeTemplate(template: TemplateRow, input: TemplateSendInput) {
  const named = template.parameterFormat === "NAMED";
  const components = template.components as Component[];
  const meta: Record<string, unknown>[] = [];
  const rendered: string[] = [];

  const header = components.find((c) => c.type === "HEADER");
  if (header?.format === "TEXT" && header.text) {
    const values = checkValues(header.text, input.headerText, named, "body.template.headerText");
    if (values.length > 0) meta.push({ type: "header", parameters: textParams(values, named) });
    rendered.push(fill(header.text, values, named));
  } else if (header?.format && ["IMAGE", "VIDEO", "DOCUMENT"].includes(header.format)) {
    const kind = header.format.toLowerCase();
    if (!input.headerMedia?.link) {
      throw validationFailed(
        "body.template.headerMedia",
        `this template's header needs a ${kind} (an https link)`,
      );
    }
    const media = {
      link: input.headerMedia.link,
      ...(kind === "document" && input.headerMedia.filename ? { filename: input.headerMedia.filename } : {}),
    };
    meta.push({ type: "header", parameters: [{ type: kind, [kind]: media }] });
  }

  const body = components.find((c) => c.type === "BODY");
  if (body?.text) {
    const values = checkValues(body.text, input.body, named, "body.template.body");
    if (values.length > 0) meta.push({ type: "body", parameters: textParams(values, named) });
    rendered.push(fill(body.text, values, named));
  }
  const footer = components.find((c) => c.type === "FOOTER");
  if (footer?.text) rendered.push(footer.text);

  const buttons = components.find((c) => c.type === "BUTTONS")?.buttons ?? [];
  buttons.forEach((button, index) => {
    const given = input.buttons?.find((b) => b.index === index);
    if (button.type === "URL" && button.url && placeholderNames(button.url, false).length > 0) {
      if (!given)
        throw validationFailed(
          `body.template.buttons.${index}`,
          `the button "${button.text}" needs its link's end`,
        );
      meta.push({
        type: "button",
        sub_type: "url",
        index: String(index),
        parameters: [{ type: "text", text: given.value }],
      });
    } else if (button.type === "QUICK_REPLY" && given) {
      meta.push({
        type: "button",
        sub_type: "quick_reply",
        index: String(index),
        parameters: [{ type: "payload", payload: given.value }],
      });
    } else if (button.type === "COPY_CODE" && given) {
      meta.push({
        type: "button",
        sub_type: "copy_code",
        index: String(index),
        parameters: [{ type: "coupon_code", coupon_code: given.value }],
      });
    }
  });
  return { components: meta, rendered: rendered.join("\n\n") };
}
