// The rules Meta applies to a template before and after it is submitted, written once for the
// server and the dashboard. Free of zod, like constants.ts.
//
// How to use it:
// - `validateTemplateDraft(draft)` lists every problem of a draft as `{ field, code, message }`:
//   `field` is a dotted path into the draft (`translations.0.body.text`, `translations.1.buttons.2.url`),
//   `code` is one of TEMPLATE_PROBLEM_CODES (stable: the dashboard translates it, with `params`),
//   `message` is English for the API. The dashboard runs it as the user types; the server runs it
//   before submitting and answers 400 `validation_failed` with these problems in `details`, each
//   `field` prefixed with `body.` like every other validation error of the API.
// - `templateEditRefusal(...)` says whether Meta would take an edit now (status, 1 per 24 h and 10
//   per 30 days on an approved template, locked category); the server answers 409 `conflict` with
//   `details.reason` set to the code.
// - `templateAvailability(status)` tells a picker whether a template can be sent, and why not.
// - Meta's rejection reasons (TEMPLATE_REJECTION_REASONS) and the creation error subcodes
//   (`templateRuleOfMetaSubcode`) are codes the dashboard explains.

/** Categories Meta bills by. The studio writes MARKETING and UTILITY; AUTHENTICATION is Meta's fixed one-time-code layout. */
export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** The languages the studio writes, as Meta codes them (`en` and `en_US` are two distinct Meta languages). */
export const TEMPLATE_LANGUAGES = ["fr", "ar", "en", "en_US"] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const TEMPLATE_PARAMETER_FORMATS = ["POSITIONAL", "NAMED"] as const;
export type TemplateParameterFormat = (typeof TEMPLATE_PARAMETER_FORMATS)[number];

export const TEMPLATE_HEADER_FORMATS = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT"] as const;
export type TemplateHeaderFormat = (typeof TEMPLATE_HEADER_FORMATS)[number];
export const TEMPLATE_MEDIA_HEADER_FORMATS = ["IMAGE", "VIDEO", "DOCUMENT"] as const;
export type TemplateMediaHeaderFormat = (typeof TEMPLATE_MEDIA_HEADER_FORMATS)[number];

export const TEMPLATE_BUTTON_TYPES = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE"] as const;
export type TemplateButtonType = (typeof TEMPLATE_BUTTON_TYPES)[number];

/** Meta's limits (characters are counted as Unicode code points, see `textLength`). */
export const TEMPLATE_LIMITS = {
  nameMax: 512,
  bodyMax: 1024,
  headerTextMax: 60,
  headerVariablesMax: 1,
  footerMax: 60,
  buttonsMax: 10,
  buttonTextMax: 25,
  urlButtonsMax: 2,
  phoneButtonsMax: 1,
  copyCodeButtonsMax: 1,
  urlMax: 2000,
  phoneMax: 20,
  copyCodeExampleMax: 15,
  exampleMax: 1024,
  /** Variables in a body at most (Meta's cap per template). */
  bodyVariablesMax: 100,
  /** Approved templates: at most one edit per 24 hours and ten per 30 days. */
  editsPerDay: 1,
  editsPerMonth: 10,
} as const;

/** A text header (at most one variable) or a media header whose sample was uploaded for a handle. */
export type TemplateHeaderDraft =
  | { format: "TEXT"; text: string; examples: Record<string, string> }
  | {
      format: TemplateMediaHeaderFormat;
      /** The handle `POST /api/templates/media` returned for the sample file (Meta's resumable upload). */
      mediaHandle: string;
    };

export type TemplateButtonDraft =
  | { type: "QUICK_REPLY"; text: string }
  /** `url` may end with one variable, always `{{1}}`; `example` is that variable's sample value. */
  | { type: "URL"; text: string; url: string; example?: string }
  /** `phoneNumber` in international form, `+212661234567`. */
  | { type: "PHONE_NUMBER"; text: string; phoneNumber: string }
  /** Meta writes the button's label itself; `example` is a sample code (≤ 15 characters). */
  | { type: "COPY_CODE"; example: string };

/** One language of a template: Meta stores each as its own template, all under the draft's name. */
export interface TemplateContentDraft {
  header: TemplateHeaderDraft | null;
  /** `examples` gives one sample value per variable, keyed by its name (`"1"`, `"first_name"`). */
  body: { text: string; examples: Record<string, string> };
  footer: string | null;
  buttons: TemplateButtonDraft[];
}

export interface TemplateTranslationDraft extends TemplateContentDraft {
  language: TemplateLanguage;
}

export interface TemplateDraft {
  name: string;
  category: TemplateCategory;
  /** POSITIONAL: `{{1}}`, `{{2}}`…; NAMED: `{{first_name}}`. One format for every translation. */
  parameterFormat: TemplateParameterFormat;
  translations: TemplateTranslationDraft[];
}

export const TEMPLATE_PROBLEM_CODES = [
  "name_required",
  "name_format",
  "name_too_long",
  "category_unsupported",
  "translations_required",
  "language_unsupported",
  "language_duplicate",
  "header_text_required",
  "header_text_too_long",
  "header_text_format",
  "header_too_many_variables",
  "header_media_required",
  "body_required",
  "body_too_long",
  "variable_malformed",
  "variable_name_format",
  "variables_not_sequential",
  "variable_at_edge",
  "variables_adjacent",
  "too_many_variables",
  "example_required",
  "example_format",
  "footer_too_long",
  "footer_format",
  "buttons_too_many",
  "buttons_type_limit",
  "quick_replies_not_grouped",
  "button_text_required",
  "button_text_too_long",
  "button_text_duplicate",
  "url_format",
  "url_too_long",
  "url_variable_position",
  "url_example_required",
  "phone_format",
  "copy_code_example_required",
  "copy_code_example_too_long",
] as const;
export type TemplateProblemCode = (typeof TEMPLATE_PROBLEM_CODES)[number];

export interface TemplateProblem {
  /** Dotted path into the draft: `name`, `translations.0.body.text`, `translations.0.buttons.1.url`. */
  field: string;
  code: TemplateProblemCode;
  /** English, for the API; the dashboard words `code` itself (with `params`). */
  message: string;
  /** Figures the message quotes (a limit, a variable's name, a count), for the dashboard's words. */
  params?: Record<string, string | number>;
}

const NAME = /^[a-z0-9_]+$/;
/** Any double-brace token, valid or not: `{{1}}`, `{{ name }}`, `{{Bad-Name}}`. */
const BRACES = /\{\{([^{}]*)\}\}/g;
const POSITIONAL_NAME = /^[1-9][0-9]*$/;
const NAMED_NAME = /^[a-z_][a-z0-9_]*$/;
const EMOJI = /\p{Extended_Pictographic}/u;
const PHONE = /^\+[1-9][0-9]{6,18}$/;

/** Characters as Meta counts them (code points: an emoji or an Arabic letter is one). */
export function textLength(text: string): number {
  return [...text].length;
}

/** Whether a name is a valid variable name in this format (`1` positional, `first_name` named). */
export function isVariableName(name: string, format: TemplateParameterFormat): boolean {
  return format === "NAMED" ? NAMED_NAME.test(name) : POSITIONAL_NAME.test(name);
}

/**
 * The variables of a text in order of appearance, repeats kept, each with where it stands. Every
 * `{{…}}` token counts, well-formed or not, so malformed ones can be reported.
 */
export function variablesIn(text: string): { name: string; raw: string; index: number }[] {
  return Array.from(text.matchAll(new RegExp(BRACES.source, "g")), (match) => ({
    name: (match[1] as string).trim(),
    raw: match[0],
    index: match.index ?? 0,
  }));
}

/** The distinct variable names of a text, in the order a form asks for their examples. */
export function variableNames(text: string, format: TemplateParameterFormat): string[] {
  const names = [...new Set(variablesIn(text).map((v) => v.name))].filter((n) => isVariableName(n, format));
  return format === "POSITIONAL" ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

/** Words of a text outside its variables, as Meta counts length against variables. */
function wordsOutsideVariables(text: string): number {
  return text
    .replace(new RegExp(BRACES.source, "g"), " ")
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/**
 * The fewest words (outside variables) a body with `variables` distinct variables needs. Meta
 * does not publish its ratio; refusals (2388293) are observed below 2 words per variable plus one.
 */
export function minimumWordsFor(variables: number): number {
  return variables === 0 ? 0 : 2 * variables + 1;
}

function problem(
  field: string,
  code: TemplateProblemCode,
  message: string,
  params?: TemplateProblem["params"],
): TemplateProblem {
  return params ? { field, code, message, params } : { field, code, message };
}

/** A sample value Meta refuses: blank, or with a new line, a tab or more than 4 spaces in a row. */
export function isBadExample(value: string): boolean {
  return value.trim() === "" || /[\n\t]| {5,}/.test(value);
}

/** Checks a text's variables: well-formed, in the draft's format, sequential, each with an example. */
function checkVariables(
  field: string,
  text: string,
  examples: Record<string, string>,
  format: TemplateParameterFormat,
  problems: TemplateProblem[],
): string[] {
  const found = variablesIn(text);
  for (const v of found) {
    if (!POSITIONAL_NAME.test(v.name) && !NAMED_NAME.test(v.name)) {
      problems.push(
        problem(field, "variable_malformed", `${v.raw} is not a variable: write {{1}} or {{first_name}}`, {
          variable: v.raw,
        }),
      );
    } else if (v.raw !== `{{${v.name}}}` || !isVariableName(v.name, format)) {
      problems.push(
        problem(
          field,
          "variable_name_format",
          format === "NAMED"
            ? `${v.raw}: named variables are lowercase letters, digits and underscores, like {{first_name}}`
            : `${v.raw}: positional variables are numbers, like {{1}}`,
          { variable: v.raw },
        ),
      );
    }
  }
  const stray = text.replace(new RegExp(BRACES.source, "g"), "");
  if (stray.includes("{{") || stray.includes("}}")) {
    problems.push(problem(field, "variable_malformed", "Unbalanced braces: write variables as {{1}}"));
  }
  const names = variableNames(text, format);
  if (format === "POSITIONAL" && names.some((name, i) => name !== String(i + 1))) {
    problems.push(
      problem(
        field,
        "variables_not_sequential",
        `Positional variables must be numbered {{1}} to {{${names.length}}} without gaps`,
        { count: names.length },
      ),
    );
  }
  const examplesField = `${field.replace(/\.text$/, "")}.examples`;
  for (const name of names) {
    const example = examples[name];
    if (example === undefined || example.trim() === "") {
      problems.push(
        problem(`${examplesField}.${name}`, "example_required", `Give a sample value for {{${name}}}`, {
          variable: name,
        }),
      );
    } else if (isBadExample(example) || textLength(example) > TEMPLATE_LIMITS.exampleMax) {
      problems.push(
        problem(
          `${examplesField}.${name}`,
          "example_format",
          `The sample for {{${name}}} can't hold a new line, a tab or more than 4 spaces in a row`,
          { variable: name },
        ),
      );
    }
  }
  return names;
}

function checkBody(
  field: string,
  body: TemplateContentDraft["body"],
  format: TemplateParameterFormat,
  problems: TemplateProblem[],
): void {
  const text = body.text;
  if (text.trim() === "") {
    problems.push(problem(field, "body_required", "The message needs a text"));
    return;
  }
  if (textLength(text) > TEMPLATE_LIMITS.bodyMax) {
    problems.push(
      problem(field, "body_too_long", `The text is longer than ${TEMPLATE_LIMITS.bodyMax} characters`, {
        max: TEMPLATE_LIMITS.bodyMax,
        length: textLength(text),
      }),
    );
  }
  const names = checkVariables(field, text, body.examples, format, problems);
  const found = variablesIn(text);
  if (found.length === 0) return;
  // Meta reads a variable followed only by punctuation as the end of the text.
  const first = found[0] as { index: number };
  const last = found[found.length - 1] as { index: number; raw: string };
  if (
    text.slice(0, first.index).trim() === "" ||
    /^[\s\p{P}]*$/u.test(text.slice(last.index + last.raw.length))
  ) {
    problems.push(
      problem(field, "variable_at_edge", "The text can't start or end with a variable: add words around it"),
    );
  }
  for (let i = 1; i < found.length; i++) {
    const before = found[i - 1] as { index: number; raw: string };
    const current = found[i] as { index: number; raw: string };
    if (!/[\p{L}\p{N}]/u.test(text.slice(before.index + before.raw.length, current.index))) {
      problems.push(
        problem(field, "variables_adjacent", `${before.raw} and ${current.raw} need words between them`, {
          first: before.raw,
          second: current.raw,
        }),
      );
    }
  }
  const distinct = Math.max(names.length, new Set(found.map((v) => v.name)).size);
  const minimum = minimumWordsFor(distinct);
  if (distinct > TEMPLATE_LIMITS.bodyVariablesMax || wordsOutsideVariables(text) < minimum) {
    problems.push(
      problem(
        field,
        "too_many_variables",
        `Too many variables for the length of the text: ${distinct} variables need at least ${minimum} other words`,
        { variables: distinct, minimumWords: minimum },
      ),
    );
  }
}

function checkHeader(
  field: string,
  header: TemplateHeaderDraft,
  format: TemplateParameterFormat,
  problems: TemplateProblem[],
): void {
  if (header.format !== "TEXT") {
    if (header.mediaHandle.trim() === "")
      problems.push(
        problem(`${field}.mediaHandle`, "header_media_required", "Upload a sample file for the header"),
      );
    return;
  }
  const textField = `${field}.text`;
  const text = header.text;
  if (text.trim() === "") {
    problems.push(problem(textField, "header_text_required", "The header needs a text (or no header)"));
    return;
  }
  if (textLength(text) > TEMPLATE_LIMITS.headerTextMax) {
    problems.push(
      problem(
        textField,
        "header_text_too_long",
        `The header is longer than ${TEMPLATE_LIMITS.headerTextMax} characters`,
        { max: TEMPLATE_LIMITS.headerTextMax, length: textLength(text) },
      ),
    );
  }
  if (/[\n\r]/.test(text) || EMOJI.test(text) || /[*_~`]/.test(text.replace(BRACES, ""))) {
    problems.push(
      problem(
        textField,
        "header_text_format",
        "The header can't hold new lines, emojis or formatting characters (* _ ~ `)",
      ),
    );
  }
  const variables = new Set(variablesIn(text).map((v) => v.name));
  if (variables.size > TEMPLATE_LIMITS.headerVariablesMax) {
    problems.push(
      problem(textField, "header_too_many_variables", "The header can hold one variable at most", {
        max: TEMPLATE_LIMITS.headerVariablesMax,
      }),
    );
  }
  checkVariables(textField, text, header.examples, format, problems);
}

function checkFooter(field: string, footer: string, problems: TemplateProblem[]): void {
  if (textLength(footer) > TEMPLATE_LIMITS.footerMax) {
    problems.push(
      problem(field, "footer_too_long", `The footer is longer than ${TEMPLATE_LIMITS.footerMax} characters`, {
        max: TEMPLATE_LIMITS.footerMax,
        length: textLength(footer),
      }),
    );
  }
  if (/[\n\r]/.test(footer) || variablesIn(footer).length > 0) {
    problems.push(problem(field, "footer_format", "The footer can't hold variables or new lines"));
  }
}

function checkButtonText(field: string, text: string, problems: TemplateProblem[]): void {
  if (text.trim() === "") problems.push(problem(field, "button_text_required", "The button needs a label"));
  else if (textLength(text) > TEMPLATE_LIMITS.buttonTextMax) {
    problems.push(
      problem(
        field,
        "button_text_too_long",
        `A button's label is ${TEMPLATE_LIMITS.buttonTextMax} characters at most`,
        { max: TEMPLATE_LIMITS.buttonTextMax, length: textLength(text) },
      ),
    );
  }
}

function checkUrlButton(
  field: string,
  button: Extract<TemplateButtonDraft, { type: "URL" }>,
  problems: TemplateProblem[],
): void {
  const url = button.url.trim();
  const variables = variablesIn(url);
  const fixed = url.replace(new RegExp(BRACES.source, "g"), "x");
  let parsed: URL | null = null;
  try {
    parsed = new URL(fixed);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    problems.push(problem(`${field}.url`, "url_format", "The link must be a web address (https://…)"));
  }
  if (textLength(url) > TEMPLATE_LIMITS.urlMax) {
    problems.push(
      problem(
        `${field}.url`,
        "url_too_long",
        `The link is longer than ${TEMPLATE_LIMITS.urlMax} characters`,
        {
          max: TEMPLATE_LIMITS.urlMax,
        },
      ),
    );
  }
  if (variables.length > 1 || (variables.length === 1 && !url.endsWith("{{1}}"))) {
    problems.push(
      problem(`${field}.url`, "url_variable_position", "A link holds one variable, {{1}}, at its very end"),
    );
  } else if (variables.length === 1) {
    const example = button.example ?? "";
    if (example.trim() === "")
      problems.push(
        problem(`${field}.example`, "url_example_required", "Give a sample value for the link's {{1}}"),
      );
    else if (isBadExample(example) || /\s/.test(example))
      problems.push(
        problem(`${field}.example`, "example_format", "The link's sample value can't hold spaces", {
          variable: "1",
        }),
      );
  }
}

function checkButtons(field: string, buttons: TemplateButtonDraft[], problems: TemplateProblem[]): void {
  if (buttons.length > TEMPLATE_LIMITS.buttonsMax) {
    problems.push(
      problem(field, "buttons_too_many", `${TEMPLATE_LIMITS.buttonsMax} buttons at most`, {
        max: TEMPLATE_LIMITS.buttonsMax,
      }),
    );
  }
  const limits: [TemplateButtonType, number][] = [
    ["URL", TEMPLATE_LIMITS.urlButtonsMax],
    ["PHONE_NUMBER", TEMPLATE_LIMITS.phoneButtonsMax],
    ["COPY_CODE", TEMPLATE_LIMITS.copyCodeButtonsMax],
  ];
  for (const [type, max] of limits) {
    if (buttons.filter((b) => b.type === type).length > max) {
      problems.push(
        problem(field, "buttons_type_limit", `${max} ${type} button${max > 1 ? "s" : ""} at most`, {
          type,
          max,
        }),
      );
    }
  }
  // Quick replies stand together, before or after the other buttons.
  const kinds = buttons.map((b) => b.type === "QUICK_REPLY");
  const switches = kinds.filter((kind, i) => i > 0 && kind !== kinds[i - 1]).length;
  if (switches > 1) {
    problems.push(
      problem(
        field,
        "quick_replies_not_grouped",
        "Quick replies must stand together, before or after the other buttons",
      ),
    );
  }
  const labels = new Set<string>();
  buttons.forEach((button, i) => {
    const at = `${field}.${i}`;
    if (button.type !== "COPY_CODE") {
      checkButtonText(`${at}.text`, button.text, problems);
      const label = button.text.trim().toLowerCase();
      if (label && labels.has(label))
        problems.push(
          problem(`${at}.text`, "button_text_duplicate", "Two buttons can't have the same label"),
        );
      labels.add(label);
    }
    if (button.type === "URL") checkUrlButton(at, button, problems);
    if (button.type === "PHONE_NUMBER" && !PHONE.test(button.phoneNumber.replace(/[\s.-]/g, ""))) {
      problems.push(
        problem(
          `${at}.phoneNumber`,
          "phone_format",
          "Write the number in international form, like +212661234567",
        ),
      );
    }
    if (button.type === "COPY_CODE") {
      if (button.example.trim() === "")
        problems.push(problem(`${at}.example`, "copy_code_example_required", "Give a sample code"));
      else if (textLength(button.example) > TEMPLATE_LIMITS.copyCodeExampleMax)
        problems.push(
          problem(
            `${at}.example`,
            "copy_code_example_too_long",
            `A code is ${TEMPLATE_LIMITS.copyCodeExampleMax} characters at most`,
            { max: TEMPLATE_LIMITS.copyCodeExampleMax },
          ),
        );
    }
  });
}

/** Every problem of one language's content; `field` is the path of that content in its draft. */
export function validateTemplateContent(
  content: TemplateContentDraft,
  parameterFormat: TemplateParameterFormat,
  field = "",
): TemplateProblem[] {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const problems: TemplateProblem[] = [];
  if (content.header) checkHeader(at("header"), content.header, parameterFormat, problems);
  checkBody(at("body.text"), content.body, parameterFormat, problems);
  if (content.footer !== null && content.footer !== "") checkFooter(at("footer"), content.footer, problems);
  checkButtons(at("buttons"), content.buttons, problems);
  return problems;
}

/** Every problem of a draft, in the order of the form; empty when Meta's known rules are met. */
export function validateTemplateDraft(draft: TemplateDraft): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const name = draft.name;
  if (name === "") problems.push(problem("name", "name_required", "The template needs a name"));
  else if (!NAME.test(name))
    problems.push(
      problem("name", "name_format", "Names hold only lowercase letters, digits and underscores"),
    );
  if (name.length > TEMPLATE_LIMITS.nameMax)
    problems.push(
      problem("name", "name_too_long", `Names are ${TEMPLATE_LIMITS.nameMax} characters at most`, {
        max: TEMPLATE_LIMITS.nameMax,
      }),
    );
  if (draft.category === "AUTHENTICATION") {
    problems.push(
      problem(
        "category",
        "category_unsupported",
        "Authentication templates (one-time codes) have a layout fixed by Meta and are not written here",
      ),
    );
  }
  if (draft.translations.length === 0)
    problems.push(
      problem("translations", "translations_required", "Write the template in one language at least"),
    );
  const seen = new Set<string>();
  draft.translations.forEach((translation, i) => {
    const field = `translations.${i}`;
    if (!(TEMPLATE_LANGUAGES as readonly string[]).includes(translation.language)) {
      problems.push(
        problem(
          `${field}.language`,
          "language_unsupported",
          `${translation.language} is not a language here`,
          {
            language: translation.language,
          },
        ),
      );
    } else if (seen.has(translation.language)) {
      problems.push(
        problem(`${field}.language`, "language_duplicate", `${translation.language} is written twice`, {
          language: translation.language,
        }),
      );
    }
    seen.add(translation.language);
    problems.push(...validateTemplateContent(translation, draft.parameterFormat, field));
  });
  return problems;
}

// ── After submission ──────────────────────────────────────────────────────────────────────────

/** Statuses Meta reports (webhook `event` and the list's `status`). */
export const TEMPLATE_STATUSES = [
  "PENDING",
  "APPROVED",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "FLAGGED",
  "IN_APPEAL",
  "LIMIT_EXCEEDED",
  "LOCKED",
  "ARCHIVED",
  "PENDING_DELETION",
  "DELETED",
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** Why Meta rejected a template (`reason` of a REJECTED status update); the dashboard explains each. */
export const TEMPLATE_REJECTION_REASONS = [
  "INVALID_FORMAT",
  "TAG_CONTENT_MISMATCH",
  "INCORRECT_CATEGORY",
  "PROMOTIONAL",
  "ABUSIVE_CONTENT",
  "SCAM",
  "CATEGORY_NOT_AVAILABLE",
] as const;
export type TemplateRejectionReason = (typeof TEMPLATE_REJECTION_REASONS)[number];

/** Why Meta paused or disabled a template (`other_info.title`): quality pauses and pacing. */
export const TEMPLATE_PAUSE_REASONS = [
  "FIRST_PAUSE",
  "SECOND_PAUSE",
  "RATE_LIMITING_PAUSE",
  "UNPAUSE",
  "DISABLED",
] as const;

export const TEMPLATE_QUALITY_SCORES = ["GREEN", "YELLOW", "RED", "UNKNOWN"] as const;

/** What a picker shows for a template: only `sendable` (and `paced`, held back by Meta at times) can be sent. */
export type TemplateAvailability =
  | "sendable"
  | "paced"
  | "pending"
  | "rejected"
  | "paused"
  | "disabled"
  | "unavailable";

export function templateAvailability(
  status: string,
  statusReason: string | null = null,
): TemplateAvailability {
  switch (status) {
    case "APPROVED":
      return statusReason === "RATE_LIMITING_PAUSE" ? "paced" : "sendable";
    case "PENDING":
    case "IN_APPEAL":
      return "pending";
    case "REJECTED":
      return "rejected";
    case "PAUSED":
      return statusReason === "RATE_LIMITING_PAUSE" ? "paced" : "paused";
    case "DISABLED":
      return "disabled";
    default:
      return "unavailable";
  }
}

/** Statuses in which Meta takes an edit. */
export const TEMPLATE_EDITABLE_STATUSES: readonly string[] = ["APPROVED", "REJECTED", "PAUSED"];

export const TEMPLATE_EDIT_REFUSALS = [
  "status_not_editable",
  "edited_today",
  "edit_limit_month",
  "category_locked",
] as const;
export type TemplateEditRefusal = (typeof TEMPLATE_EDIT_REFUSALS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether Meta would take an edit now, or why not. `approvedEdits` are the times of the edits made
 * while the template was approved (the ones Meta counts).
 */
export function templateEditRefusal(
  template: { status: string; category: string },
  approvedEdits: readonly (string | Date)[],
  now: Date,
  newCategory?: string,
): TemplateEditRefusal | null {
  if (!TEMPLATE_EDITABLE_STATUSES.includes(template.status)) return "status_not_editable";
  if (template.status !== "APPROVED") return null;
  if (newCategory !== undefined && newCategory !== template.category) return "category_locked";
  const ages = approvedEdits.map((at) => now.getTime() - new Date(at).getTime());
  if (ages.filter((age) => age < DAY_MS).length >= TEMPLATE_LIMITS.editsPerDay) return "edited_today";
  if (ages.filter((age) => age < 30 * DAY_MS).length >= TEMPLATE_LIMITS.editsPerMonth)
    return "edit_limit_month";
  return null;
}

/** When the next edit of an approved template is allowed, or null if now (or never, for other statuses). */
export function nextEditAllowedAt(approvedEdits: readonly (string | Date)[], now: Date): Date | null {
  const times = approvedEdits.map((at) => new Date(at).getTime()).sort((a, b) => b - a);
  const inDay = times.filter((t) => now.getTime() - t < DAY_MS);
  const inMonth = times.filter((t) => now.getTime() - t < 30 * DAY_MS);
  const candidates: number[] = [];
  if (inDay.length >= TEMPLATE_LIMITS.editsPerDay) candidates.push((inDay.at(-1) as number) + DAY_MS);
  if (inMonth.length >= TEMPLATE_LIMITS.editsPerMonth)
    candidates.push((inMonth.at(-1) as number) + 30 * DAY_MS);
  return candidates.length > 0 ? new Date(Math.max(...candidates)) : null;
}

/** Meta's creation error subcodes, as the rule they enforce (null: no rule of ours matches). */
const META_SUBCODE_RULES: Record<number, string> = {
  2388024: "duplicate_name_language",
  2388023: "name_being_deleted",
  2388019: "template_count_limit",
  2388040: "text_too_long",
  2388042: "name_format",
  2388043: "variables_or_examples",
  2388047: "header_format",
  2388072: "body_format",
  2388073: "footer_format",
  2388293: "too_many_variables",
  2388299: "variable_at_edge",
  2388025: "status_not_editable",
  2388026: "category_locked",
  /** The simulator's subcode for Meta's edit limits (1 per 24 h, 10 per 30 days); Meta's own is unconfirmed. */
  2388127: "edit_limit",
  2593002: "template_not_found",
};

/** The stable code of the rule behind a Meta creation/edit error subcode, for the dashboard to explain. */
export function templateRuleOfMetaSubcode(subcode: number | null | undefined): string | null {
  return (subcode !== null && subcode !== undefined && META_SUBCODE_RULES[subcode]) || null;
}
