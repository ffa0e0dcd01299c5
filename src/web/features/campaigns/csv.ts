import type { CampaignDraft } from "../../../contracts/campaigns";

export type Recipient = CampaignDraft["recipients"][number];

/** A variable the template needs from each row: where it goes and the CSV column that gives it. */
export interface CsvVariable {
  part: "header" | "body" | "button";
  /** `1`, `first_name`, or a URL button's index. */
  name: string;
  /** The column header recruiters write: `1`, `first_name`, `header.1`, `button.0`. */
  column: string;
}

/** Why a line of the file was left out, to be shown next to its line number. */
export type LineProblem =
  | { kind: "columns"; expected: number; found: number }
  | { kind: "noPhone" }
  | { kind: "emptyValue"; column: string }
  | { kind: "duplicate"; firstLine: number }
  | { kind: "unclosedQuote" };

/** A problem with the whole file (its header), which stops every row. */
export type FileProblem =
  | { kind: "empty" }
  | { kind: "missingColumns"; columns: string[] }
  | { kind: "unknownColumns"; columns: string[] }
  | { kind: "tooMany"; max: number };

export interface ParsedRow {
  /** 1-based line of the file, as a spreadsheet shows it. */
  line: number;
  recipient: Recipient;
}

export interface CsvResult {
  separator: "," | ";" | "\t";
  hasHeader: boolean;
  rows: ParsedRow[];
  errors: { line: number; problem: LineProblem }[];
  fileErrors: FileProblem[];
}

/** The server takes at most this many recipients per campaign. */
export const MAX_RECIPIENTS = 5000;

const PHONE_HEADERS = new Set([
  "phone",
  "telephone",
  "téléphone",
  "tel",
  "tél",
  "numero",
  "numéro",
  "mobile",
  "هاتف",
  "الهاتف",
]);
const NAME_HEADERS = new Set(["name", "nom", "prenom", "prénom", "nom complet", "full name", "الاسم", "اسم"]);

/** The header line recruiters should write for a template: `phone,name,1,2,3`. */
export function expectedHeader(variables: readonly CsvVariable[]): string[] {
  return ["phone", "name", ...variables.map((variable) => variable.column)];
}

/** The separator of the first line outside quotes: `;` (French Excel), tab, else `,`. */
function detectSeparator(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (char === "," || char === ";" || char === "\t")) counts[char] += 1;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","]) return "\t";
  return ",";
}

interface RawLine {
  line: number;
  cells: string[];
  unclosed: boolean;
}

/** RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks. */
function records(text: string, separator: string): RawLine[] {
  const out: RawLine[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const push = () => {
    cells.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n") line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell.trim() === "") {
      cell = "";
      quoted = true;
      touched = true;
    } else if (char === separator) {
      push();
      touched = true;
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      push();
      if (touched || cells.some((value) => value.trim() !== ""))
        out.push({ line: start, cells, unclosed: false });
      cells = [];
      touched = false;
      line++;
      start = line;
    } else {
      cell += char;
      if (char.trim() !== "") touched = true;
    }
  }
  push();
  if (touched || cells.some((value) => value.trim() !== ""))
    out.push({ line: start, cells, unclosed: quoted });
  return out;
}

const normaliseHeader = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/^\{\{|\}\}$/g, "");

/** The digits that identify a Moroccan-or-other number for spotting duplicates (`06…`, `+2126…`, `002126…`). */
function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, "").replace(/^00/, "");
  return digits.length >= 9 ? digits.slice(-9) : digits;
}

/**
 * Reads a recipients file: `phone,name,<one column per variable>` with `,` `;` or tab, quoted
 * fields, an optional header row (without it the columns are taken in the template's order).
 * Lines that cannot be sent are reported with their number and left out; phone validity is the
 * server's call (it knows the client's country), so a malformed number still goes to the estimate.
 */
export function parseRecipientsCsv(input: string, variables: readonly CsvVariable[]): CsvResult {
  const text = input.replace(/^\uFEFF/, "");
  const separator = detectSeparator(text);
  const lines = records(text, separator);
  const result: CsvResult = { separator, hasHeader: false, rows: [], errors: [], fileErrors: [] };
  if (lines.length === 0) {
    result.fileErrors.push({ kind: "empty" });
    return result;
  }

  const first = (lines[0] as RawLine).cells.map(normaliseHeader);
  // A first cell with a phone's worth of digits is data: the file has no header row.
  const hasHeader = (first[0] ?? "").replace(/\D/g, "").length < 6;
  result.hasHeader = hasHeader;
  // Column index for phone, name and each variable.
  let phoneAt = 0;
  let nameAt: number | null = 1;
  const variableAt = new Map<string, number>();
  let width = 2 + variables.length;
  if (hasHeader) {
    width = first.length;
    phoneAt = first.findIndex((cell) => PHONE_HEADERS.has(cell));
    if (phoneAt === -1) phoneAt = 0;
    const foundName = first.findIndex((cell) => NAME_HEADERS.has(cell));
    nameAt = foundName === -1 ? null : foundName;
    const missing: string[] = [];
    for (const variable of variables) {
      const column = variable.column.toLowerCase();
      const at = first.findIndex(
        (cell, index) =>
          index !== phoneAt &&
          index !== nameAt &&
          (cell === column || (variable.part === "body" && cell === `body.${column}`)),
      );
      if (at === -1) missing.push(variable.column);
      else variableAt.set(variable.column, at);
    }
    const used = new Set([phoneAt, ...(nameAt === null ? [] : [nameAt]), ...variableAt.values()]);
    const unknown = first.filter((cell, index) => !used.has(index) && cell !== "");
    if (missing.length > 0) result.fileErrors.push({ kind: "missingColumns", columns: missing });
    if (unknown.length > 0 && missing.length > 0)
      result.fileErrors.push({ kind: "unknownColumns", columns: unknown });
    if (missing.length > 0) return result;
  } else {
    for (const [index, variable] of variables.entries()) variableAt.set(variable.column, 2 + index);
  }

  const seen = new Map<string, number>();
  for (const raw of hasHeader ? lines.slice(1) : lines) {
    const fail = (problem: LineProblem) => result.errors.push({ line: raw.line, problem });
    if (raw.unclosed) {
      fail({ kind: "unclosedQuote" });
      continue;
    }
    // Trailing empty cells (a spreadsheet's extra separators) do not count.
    const cells = [...raw.cells];
    while (cells.length > width && (cells[cells.length - 1] ?? "").trim() === "") cells.pop();
    if (cells.length !== width) {
      fail({ kind: "columns", expected: width, found: cells.length });
      continue;
    }
    const cell = (index: number) => (cells[index] ?? "").trim();
    const phone = cell(phoneAt);
    if (!phone) {
      fail({ kind: "noPhone" });
      continue;
    }
    const empty = variables.find((variable) => !cell(variableAt.get(variable.column) ?? -1));
    if (empty) {
      fail({ kind: "emptyValue", column: empty.column });
      continue;
    }
    const key = phoneKey(phone);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      fail({ kind: "duplicate", firstLine });
      continue;
    }
    seen.set(key, raw.line);

    const named = (part: CsvVariable["part"]) =>
      variables
        .filter((variable) => variable.part === part)
        .map((variable) => ({ variable, text: cell(variableAt.get(variable.column) ?? -1) }));
    const recipient: Recipient = { phone };
    const name = nameAt === null ? "" : cell(nameAt);
    if (name) recipient.name = name.slice(0, 120);
    const body = named("body");
    if (body.length > 0) {
      recipient.body = body.map(({ variable, text }) =>
        /^\d+$/.test(variable.name) ? { text } : { name: variable.name, text },
      );
    }
    const header = named("header");
    if (header.length > 0) {
      recipient.headerText = header.map(({ variable, text }) =>
        /^\d+$/.test(variable.name) ? { text } : { name: variable.name, text },
      );
    }
    const buttons = named("button");
    if (buttons.length > 0) {
      recipient.buttons = buttons.map(({ variable, text }) => ({
        index: Number(variable.name),
        subType: "url" as const,
        value: text,
      }));
    }
    result.rows.push({ line: raw.line, recipient });
  }
  if (result.rows.length > MAX_RECIPIENTS) result.fileErrors.push({ kind: "tooMany", max: MAX_RECIPIENTS });
  return result;
}
