// The rules Meta applies to the interactive messages a recruiter sends in the 24-hour window (reply
// buttons, lists, a button that opens a web page) and to a location, written once for the server and the dashboard. Free of zod, like
// template-rules.ts.
//
// - `validateInteractive(draft)` / `validateLocation(draft)` list every problem as
//   `{ field, code, message, params? }`: `field` is a dotted path into the draft (`buttons.1.title`,
//   `sections.0.rows.3.description`), `code` one of INTERACTIVE_PROBLEM_CODES (stable: the dashboard
//   translates it), `message` English for the API. The server answers 400 `validation_failed` with
//   them in `details`, each field prefixed with `body.interactive.` (or `body.location.`).
// - `interactiveContent(draft)` is the message as stored and shown: every option with an id (the one
//   given, else `option_1`, `option_2`… in order), texts trimmed.

// Characters as Meta counts them (code points), as template-rules' `textLength`: repeated so the
// inbox's first load does not carry the template rules.
const textLength = (text: string) => [...text].length;

/** Meta's limits, in characters as Meta counts them (code points). */
export const INTERACTIVE_LIMITS = {
  buttonsMax: 3,
  buttonTitleMax: 20,
  buttonIdMax: 256,
  /** The text above reply buttons; a list's may be longer. */
  buttonBodyMax: 1024,
  listBodyMax: 4096,
  listButtonMax: 20,
  sectionsMax: 10,
  /** Rows of a list in total, across its sections. */
  rowsMax: 10,
  sectionTitleMax: 24,
  rowTitleMax: 24,
  rowDescriptionMax: 72,
  rowIdMax: 200,
  /** The bold line above the text and the grey one below it, on every kind. */
  headerMax: 60,
  footerMax: 60,
  /** The label of a button that opens a web page (`cta_url`). */
  linkButtonMax: 20,
  linkUrlMax: 2000,
  locationTextMax: 1000,
} as const;

export interface InteractiveOptionDraft {
  /** What the candidate's answer carries back; `option_<n>` when not given. */
  id?: string;
  title: string;
}

export interface InteractiveRowDraft extends InteractiveOptionDraft {
  description?: string;
}

/** What every kind may carry around its text. */
interface InteractiveFrame {
  header?: string;
  footer?: string;
}

export type InteractiveDraft = InteractiveFrame &
  (
    | { type: "button"; body: string; buttons: InteractiveOptionDraft[] }
    | {
        /** One button that opens `url`; the candidate sees only `displayText`. */
        type: "cta_url";
        body: string;
        displayText: string;
        url: string;
      }
    | {
        type: "list";
        body: string;
        /** The label of the button that opens the list. */
        button: string;
        /** A title is needed on each section once there are several. */
        sections: { title?: string; rows: InteractiveRowDraft[] }[];
      }
  );

export interface LocationDraft {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export const INTERACTIVE_PROBLEM_CODES = [
  "body_required",
  "body_too_long",
  "buttons_required",
  "buttons_too_many",
  "button_title_required",
  "button_title_too_long",
  "button_title_duplicate",
  "option_id_too_long",
  "option_id_duplicate",
  "list_button_required",
  "list_button_too_long",
  "sections_required",
  "sections_too_many",
  "section_title_required",
  "section_title_too_long",
  "rows_required",
  "rows_too_many",
  "row_title_required",
  "row_title_too_long",
  "row_description_too_long",
  "header_too_long",
  "footer_too_long",
  "link_button_required",
  "link_button_too_long",
  "url_required",
  "url_invalid",
  "latitude_out_of_range",
  "longitude_out_of_range",
  "location_name_too_long",
  "location_address_too_long",
] as const;
export type InteractiveProblemCode = (typeof INTERACTIVE_PROBLEM_CODES)[number];

export interface InteractiveProblem {
  field: string;
  code: InteractiveProblemCode;
  message: string;
  params?: { max?: number };
}

const blank = (text: string | undefined) => !text || text.trim() === "";

/** An address the candidate's phone can open: http(s), a host, no spaces. */
function isWebAddress(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}
const over = (text: string | undefined, max: number) => textLength((text ?? "").trim()) > max;

/** Every problem Meta would refuse the reply buttons or list for, in the order of the draft. */
export function validateInteractive(draft: InteractiveDraft): InteractiveProblem[] {
  const L = INTERACTIVE_LIMITS;
  const problems: InteractiveProblem[] = [];
  const add = (field: string, code: InteractiveProblemCode, message: string, max?: number) =>
    problems.push({ field, code, message, ...(max !== undefined ? { params: { max } } : {}) });
  const bodyMax = draft.type === "list" ? L.listBodyMax : L.buttonBodyMax;
  if (over(draft.header, L.headerMax))
    add("header", "header_too_long", `the header is at most ${L.headerMax} characters`, L.headerMax);
  if (blank(draft.body)) add("body", "body_required", "the message needs a text");
  else if (over(draft.body, bodyMax))
    add("body", "body_too_long", `the text is at most ${bodyMax} characters`, bodyMax);
  if (over(draft.footer, L.footerMax))
    add("footer", "footer_too_long", `the footer is at most ${L.footerMax} characters`, L.footerMax);

  if (draft.type === "cta_url") {
    if (blank(draft.displayText)) add("displayText", "link_button_required", "the button needs a label");
    else if (over(draft.displayText, L.linkButtonMax))
      add(
        "displayText",
        "link_button_too_long",
        `the button label is at most ${L.linkButtonMax} characters`,
        L.linkButtonMax,
      );
    if (blank(draft.url)) add("url", "url_required", "the button needs the address of a web page");
    else if (!isWebAddress(draft.url.trim()) || over(draft.url, L.linkUrlMax))
      add("url", "url_invalid", "the address is a web page's, starting with https:// or http://");
    return problems;
  }

  const ids = new Map<string, string>();
  const checkId = (field: string, id: string | undefined, max: number) => {
    if (id === undefined || id === "") return;
    if (textLength(id) > max) add(field, "option_id_too_long", `an id is at most ${max} characters`, max);
    else if (ids.has(id)) add(field, "option_id_duplicate", `the id "${id}" is already used`);
    ids.set(id, field);
  };

  if (draft.type === "button") {
    if (draft.buttons.length === 0) add("buttons", "buttons_required", "give at least one button");
    if (draft.buttons.length > L.buttonsMax)
      add("buttons", "buttons_too_many", `at most ${L.buttonsMax} buttons`, L.buttonsMax);
    const titles = new Set<string>();
    draft.buttons.forEach((b, i) => {
      const field = `buttons.${i}`;
      if (blank(b.title)) add(`${field}.title`, "button_title_required", "a button needs a title");
      else if (over(b.title, L.buttonTitleMax))
        add(
          `${field}.title`,
          "button_title_too_long",
          `a button title is at most ${L.buttonTitleMax} characters`,
          L.buttonTitleMax,
        );
      else if (titles.has(b.title.trim()))
        add(`${field}.title`, "button_title_duplicate", "two buttons have the same title");
      titles.add(b.title.trim());
      checkId(`${field}.id`, b.id, L.buttonIdMax);
    });
    return problems;
  }

  if (blank(draft.button)) add("button", "list_button_required", "the list needs a button label");
  else if (over(draft.button, L.listButtonMax))
    add(
      "button",
      "list_button_too_long",
      `the button label is at most ${L.listButtonMax} characters`,
      L.listButtonMax,
    );
  if (draft.sections.length === 0) add("sections", "sections_required", "give at least one row");
  if (draft.sections.length > L.sectionsMax)
    add("sections", "sections_too_many", `at most ${L.sectionsMax} sections`, L.sectionsMax);
  let rows = 0;
  draft.sections.forEach((s, i) => {
    const field = `sections.${i}`;
    if (draft.sections.length > 1 && blank(s.title))
      add(`${field}.title`, "section_title_required", "each section needs a title when there are several");
    else if (over(s.title, L.sectionTitleMax))
      add(
        `${field}.title`,
        "section_title_too_long",
        `a section title is at most ${L.sectionTitleMax} characters`,
        L.sectionTitleMax,
      );
    if (s.rows.length === 0) add(`${field}.rows`, "rows_required", "a section needs at least one row");
    s.rows.forEach((r, j) => {
      const rowField = `${field}.rows.${j}`;
      rows++;
      if (blank(r.title)) add(`${rowField}.title`, "row_title_required", "a row needs a title");
      else if (over(r.title, L.rowTitleMax))
        add(
          `${rowField}.title`,
          "row_title_too_long",
          `a row title is at most ${L.rowTitleMax} characters`,
          L.rowTitleMax,
        );
      if (over(r.description, L.rowDescriptionMax))
        add(
          `${rowField}.description`,
          "row_description_too_long",
          `a row description is at most ${L.rowDescriptionMax} characters`,
          L.rowDescriptionMax,
        );
      checkId(`${rowField}.id`, r.id, L.rowIdMax);
    });
  });
  if (rows > L.rowsMax)
    add("sections", "rows_too_many", `at most ${L.rowsMax} rows in all sections together`, L.rowsMax);
  return problems;
}

/** Every problem of a location: coordinates on the globe, name and address within Meta's length. */
export function validateLocation(draft: LocationDraft): InteractiveProblem[] {
  const problems: InteractiveProblem[] = [];
  if (!Number.isFinite(draft.latitude) || Math.abs(draft.latitude) > 90)
    problems.push({
      field: "latitude",
      code: "latitude_out_of_range",
      message: "the latitude is a number between -90 and 90",
    });
  if (!Number.isFinite(draft.longitude) || Math.abs(draft.longitude) > 180)
    problems.push({
      field: "longitude",
      code: "longitude_out_of_range",
      message: "the longitude is a number between -180 and 180",
    });
  const max = INTERACTIVE_LIMITS.locationTextMax;
  if (over(draft.name, max))
    problems.push({
      field: "name",
      code: "location_name_too_long",
      message: `the name is at most ${max} characters`,
      params: { max },
    });
  if (over(draft.address, max))
    problems.push({
      field: "address",
      code: "location_address_too_long",
      message: `the address is at most ${max} characters`,
      params: { max },
    });
  return problems;
}

export interface InteractiveOption {
  id: string;
  title: string;
  description: string | null;
}

/** A sent question as stored and shown: its options in order, a list's label and sections. */
export interface InteractiveContentFields {
  kind: "button" | "list" | "cta_url";
  header: string | null;
  body: string;
  footer: string | null;
  /** `cta_url`: the page its one option (the button's label) opens. */
  url: string | null;
  /** The buttons, or a list's rows across its sections, in order. */
  options: InteractiveOption[];
  /** A list: the label of the button that opens it. */
  listButton: string | null;
  /** A list's sections: each title and how many of `options`, in order, it holds. */
  sections: { title: string | null; size: number }[];
}

/** The draft as stored (checked first with `validateInteractive`): ids filled in, texts trimmed. */
export function interactiveContent(draft: InteractiveDraft): InteractiveContentFields {
  const given = new Set(
    (draft.type === "button"
      ? draft.buttons
      : draft.type === "list"
        ? draft.sections.flatMap((s) => s.rows)
        : []
    )
      .map((o) => o.id)
      .filter((id): id is string => Boolean(id)),
  );
  let n = 0;
  const idOf = (id: string | undefined) => {
    if (id) return id;
    let made: string;
    do made = `option_${++n}`;
    while (given.has(made));
    return made;
  };
  const frame = {
    header: draft.header?.trim() || null,
    body: draft.body.trim(),
    footer: draft.footer?.trim() || null,
    url: null,
    listButton: null,
    sections: [],
  };
  if (draft.type === "button") {
    return {
      ...frame,
      kind: "button",
      options: draft.buttons.map((b) => ({ id: idOf(b.id), title: b.title.trim(), description: null })),
    };
  }
  if (draft.type === "cta_url") {
    return {
      ...frame,
      kind: "cta_url",
      options: [{ id: "link", title: draft.displayText.trim(), description: null }],
      url: draft.url.trim(),
    };
  }
  return {
    ...frame,
    kind: "list",
    options: draft.sections.flatMap((s) =>
      s.rows.map((r) => ({
        id: idOf(r.id),
        title: r.title.trim(),
        description: r.description?.trim() || null,
      })),
    ),
    listButton: draft.button.trim(),
    sections: draft.sections.map((s) => ({ title: s.title?.trim() || null, size: s.rows.length })),
  };
}
