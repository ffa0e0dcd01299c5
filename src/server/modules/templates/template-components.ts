import type {
  TemplateButtonDraft,
  TemplateContentDraft,
  TemplateHeaderDraft,
  TemplateParameterFormat,
} from "../../../contracts/template-rules";
import { variableNames } from "../../../contracts/template-rules";

type Component = Record<string, unknown>;

/** Meta's `example` of a text: `{body_text: [[…]]}` / `{header_text: […]}`, or the named form. */
function exampleOf(
  part: "header" | "body",
  text: string,
  examples: Record<string, string>,
  format: TemplateParameterFormat,
): Component | undefined {
  const names = variableNames(text, format);
  if (names.length === 0) return undefined;
  if (format === "NAMED") {
    return {
      [`${part}_text_named_params`]: names.map((name) => ({
        param_name: name,
        example: examples[name] ?? "",
      })),
    };
  }
  const values = names.map((name) => examples[name] ?? "");
  return part === "body" ? { body_text: [values] } : { header_text: values };
}

function headerComponent(header: TemplateHeaderDraft, format: TemplateParameterFormat): Component {
  if (header.format === "TEXT") {
    const example = exampleOf("header", header.text, header.examples, format);
    return { type: "HEADER", format: "TEXT", text: header.text, ...(example ? { example } : {}) };
  }
  return { type: "HEADER", format: header.format, example: { header_handle: [header.mediaHandle] } };
}

function buttonOf(button: TemplateButtonDraft): Component {
  switch (button.type) {
    case "QUICK_REPLY":
      return { type: "QUICK_REPLY", text: button.text };
    case "URL": {
      const dynamic = button.url.includes("{{1}}");
      return {
        type: "URL",
        text: button.text,
        url: button.url,
        // Meta wants the whole link as it would be sent, not the variable's value alone.
        ...(dynamic ? { example: [button.url.replace("{{1}}", button.example ?? "")] } : {}),
      };
    }
    case "PHONE_NUMBER":
      return {
        type: "PHONE_NUMBER",
        text: button.text,
        phone_number: button.phoneNumber.replace(/[\s.-]/g, ""),
      };
    case "COPY_CODE":
      return { type: "COPY_CODE", example: button.example };
  }
}

/** One language's content as Meta's components (HEADER, BODY, FOOTER, BUTTONS) with their examples. */
export function toMetaComponents(
  content: TemplateContentDraft,
  format: TemplateParameterFormat,
): Component[] {
  const components: Component[] = [];
  if (content.header) components.push(headerComponent(content.header, format));
  const example = exampleOf("body", content.body.text, content.body.examples, format);
  components.push({ type: "BODY", text: content.body.text, ...(example ? { example } : {}) });
  if (content.footer) components.push({ type: "FOOTER", text: content.footer });
  if (content.buttons.length > 0)
    components.push({ type: "BUTTONS", buttons: content.buttons.map(buttonOf) });
  return components;
}

const str = (value: unknown) => (typeof value === "string" ? value : "");
const obj = (value: unknown): Component =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Component) : {};

/** The examples of a text, keyed by variable, read back from Meta's `example`. */
function examplesOf(
  part: "header" | "body",
  text: string,
  example: Component,
  format: TemplateParameterFormat,
): Record<string, string> {
  const names = variableNames(text, format);
  const out: Record<string, string> = {};
  const named = example[`${part}_text_named_params`];
  if (Array.isArray(named)) {
    for (const entry of named) out[str(obj(entry).param_name)] = str(obj(entry).example);
    return out;
  }
  const positional = example[`${part}_text`];
  const values = Array.isArray(positional) ? (Array.isArray(positional[0]) ? positional[0] : positional) : [];
  names.forEach((name, i) => {
    out[name] = str(values[i]);
  });
  return out;
}

/**
 * Meta's components as the studio's form reads them, or null when they hold what the form does
 * not write (carousels, OTP or flow buttons, location headers…).
 */
export function contentOf(
  components: Component[],
  format: TemplateParameterFormat,
): TemplateContentDraft | null {
  let header: TemplateHeaderDraft | null = null;
  let body: TemplateContentDraft["body"] | null = null;
  let footer: string | null = null;
  const buttons: TemplateButtonDraft[] = [];
  for (const component of components) {
    const example = obj(component.example);
    switch (component.type) {
      case "HEADER": {
        const kind = str(component.format) || "TEXT";
        if (kind === "TEXT") {
          const text = str(component.text);
          header = { format: "TEXT", text, examples: examplesOf("header", text, example, format) };
        } else if (kind === "IMAGE" || kind === "VIDEO" || kind === "DOCUMENT") {
          const handles = example.header_handle;
          header = { format: kind, mediaHandle: Array.isArray(handles) ? str(handles[0]) : "" };
        } else return null;
        break;
      }
      case "BODY": {
        const text = str(component.text);
        body = { text, examples: examplesOf("body", text, example, format) };
        break;
      }
      case "FOOTER":
        footer = str(component.text);
        break;
      case "BUTTONS":
        for (const raw of Array.isArray(component.buttons) ? component.buttons : []) {
          const button = obj(raw);
          const text = str(button.text);
          if (button.type === "QUICK_REPLY") buttons.push({ type: "QUICK_REPLY", text });
          else if (button.type === "URL") {
            const url = str(button.url);
            const sample = Array.isArray(button.example) ? str(button.example[0]) : "";
            const prefix = url.split("{{1}}")[0] ?? "";
            buttons.push({
              type: "URL",
              text,
              url,
              ...(url.includes("{{1}}")
                ? { example: sample.startsWith(prefix) ? sample.slice(prefix.length) : sample }
                : {}),
            });
          } else if (button.type === "PHONE_NUMBER")
            buttons.push({ type: "PHONE_NUMBER", text, phoneNumber: str(button.phone_number) });
          else if (button.type === "COPY_CODE")
            buttons.push({
              type: "COPY_CODE",
              example: Array.isArray(button.example) ? str(button.example[0]) : str(button.example),
            });
          else return null;
        }
        break;
      default:
        return null;
    }
  }
  return body ? { header, body, footer, buttons } : null;
}
