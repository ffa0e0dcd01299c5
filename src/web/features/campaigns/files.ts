import Papa from "papaparse";
import readXlsxFile from "read-excel-file/universal";

/** A file of candidates as read: its header row and its data rows, every cell as text. */
export interface Table {
  headers: string[];
  rows: string[][];
  /** The separator Papa Parse detected (`;` for French Excel), for CSV files. */
  delimiter: string | null;
  encoding: "utf-8" | "windows-1252" | null;
}

/** Windows-1252's characters at 0x80–0x9F, where Latin-1 has control codes (undefined bytes stay). */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Windows-1252 decoded the same everywhere (some runtimes read the label as plain Latin-1). */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes)
    text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/**
 * The text of a CSV file: UTF-8 (its BOM dropped) when the bytes are valid UTF-8, else Windows-1252,
 * what Excel on a French or Arabic Windows writes when it saves "CSV (separator: semicolon)".
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

const cellText = (value: unknown): string =>
  value === null || value === undefined
    ? ""
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : String(value).trim();

/** Rows with at least one cell, each as long as the header. */
function tableOf(grid: unknown[][], extra: Pick<Table, "delimiter" | "encoding">): Table {
  const filled = grid.map((row) => row.map(cellText)).filter((row) => row.some((cell) => cell !== ""));
  const [headers = [], ...rows] = filled;
  return {
    headers: headers.map((header, index) => header || `#${index + 1}`),
    rows: rows.map((row) => headers.map((_, index) => row[index] ?? "")),
    ...extra,
  };
}

/** A pasted or uploaded CSV, by Papa Parse: separator detected (`,` `;` tab `|`), quotes, line breaks. */
export function parseCsvText(text: string, encoding: Table["encoding"] = null): Table {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  return tableOf(result.data, { delimiter: result.meta.delimiter, encoding });
}

const isExcel = (name: string) => /\.(xlsx|xlsm)$/i.test(name);

/** A recipients file: an Excel workbook's first sheet, or a CSV in whatever encoding Excel saved it. */
export async function readTableFile(name: string, bytes: ArrayBuffer): Promise<Table> {
  if (isExcel(name)) {
    const [sheet] = await readXlsxFile(bytes);
    return tableOf((sheet?.data ?? []) as unknown[][], { delimiter: null, encoding: null });
  }
  const { text, encoding } = decodeText(new Uint8Array(bytes));
  return parseCsvText(text, encoding);
}
