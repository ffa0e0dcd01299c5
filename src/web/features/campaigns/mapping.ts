import type { Table } from "./files";
import type { BulkTemplate, Recipient } from "./template";

/** Where a target (the phone, the name, a variable) takes its value: a column of the file, or a text. */
export type Source = { header: string } | { text: string } | null;
/** By target: `phone`, `name`, then each variable's column key (`1`, `first_name`, `header.1`, `button.0`). */
export type Mapping = Record<string, Source>;
export interface SavedEntry {
  target: string;
  header?: string;
  text?: string;
}

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s_.\-'’]+/g, " ")
    .trim();

/** Header names recruiters write, in French, English and Arabic, for what a campaign needs. */
const KNOWN: Record<"phone" | "name" | "job" | "city" | "date" | "time", string[]> = {
  phone: [
    "phone",
    "telephone",
    "tel",
    "mobile",
    "gsm",
    "portable",
    "numero",
    "numero de telephone",
    "phone number",
    "whatsapp",
    "هاتف",
    "الهاتف",
    "رقم الهاتف",
    "الرقم",
    "جوال",
  ],
  name: [
    "prenom",
    "first name",
    "firstname",
    "name",
    "nom",
    "nom complet",
    "full name",
    "candidat",
    "candidate",
    "الاسم",
    "اسم",
    "الاسم الشخصي",
  ],
  job: [
    "poste",
    "job",
    "job title",
    "metier",
    "fonction",
    "offre",
    "position",
    "role",
    "الوظيفة",
    "المنصب",
    "وظيفة",
  ],
  city: ["ville", "city", "lieu", "localisation", "location", "region", "المدينة", "مدينة"],
  date: ["date", "jour", "day", "التاريخ"],
  time: ["heure", "time", "horaire", "الساعة", "الوقت"],
};
/** The first name first: `prenom` beats `nom` for the name. */
const NAME_ORDER = KNOWN.name;

function findHeader(headers: string[], names: string[], taken: Set<string> = new Set()): string | null {
  for (const wanted of names) {
    const found = headers.find((header) => fold(header) === fold(wanted) && !taken.has(header));
    if (found) return found;
  }
  return null;
}

/** What a variable is likely about, from its name (`first_name`) or the words just before it. */
function topicOf(bulk: BulkTemplate, column: string): keyof typeof KNOWN | null {
  const variable = bulk.variables.find((item) => item.column === column);
  if (!variable) return null;
  const name = fold(variable.name);
  if (/first name|prenom|name|nom/.test(name)) return "name";
  if (/job|poste|title|role/.test(name)) return "job";
  if (/city|ville|lieu/.test(name)) return "city";
  if (/date|jour/.test(name)) return "date";
  if (/time|heure/.test(name)) return "time";
  const text = bulk.shape.body ?? "";
  const before = fold(text.split(`{{${variable.name}}}`)[0]?.slice(-24) ?? "");
  if (/(bonjour|hello|hi|dear|cher|chere|salam|مرحبا|السلام)\s*$/.test(before)) return "name";
  if (/( a| in| at| en| au|في)\s*$/.test(before) && variable.part === "body") return "city";
  if (/(de|of|as|comme|poste)\s*$/.test(before)) return "job";
  return null;
}

/**
 * A first mapping for a file: the client's saved one where its headers are in the file, else guessed
 * from common header names and what each variable is about; a variable left over takes the next
 * column not used yet. The name's column may also feed a variable (the first name, once for both).
 */
export function guessMapping(bulk: BulkTemplate, headers: string[], saved: SavedEntry[] = []): Mapping {
  const mapping: Mapping = {};
  const targets = ["phone", "name", ...bulk.variables.map((variable) => variable.column)];
  for (const entry of saved) {
    if (!targets.includes(entry.target)) continue;
    if (entry.header !== undefined && headers.includes(entry.header))
      mapping[entry.target] = { header: entry.header };
    else if (entry.text !== undefined && entry.target !== "phone")
      mapping[entry.target] = { text: entry.text };
  }
  const used = new Set<string>();
  const note = (source: Source) => source && "header" in source && used.add(source.header);
  if (!mapping.phone) {
    const phone = findHeader(headers, KNOWN.phone);
    mapping.phone = phone ? { header: phone } : headers[0] ? { header: headers[0] } : null;
  }
  note(mapping.phone);
  if (!mapping.name) {
    const name = findHeader(headers, NAME_ORDER, used);
    mapping.name = name ? { header: name } : null;
  }
  note(mapping.name);
  for (const variable of bulk.variables) {
    if (mapping[variable.column]) {
      note(mapping[variable.column]!);
      continue;
    }
    const exact = findHeader(headers, [variable.column, variable.name, `{{${variable.name}}}`], used);
    const topic = topicOf(bulk, variable.column);
    const byTopic =
      topic === "name"
        ? (mapping.name ?? null)
        : topic
          ? (() => {
              const found = findHeader(headers, KNOWN[topic], used);
              return found ? { header: found } : null;
            })()
          : null;
    mapping[variable.column] = exact ? { header: exact } : byTopic;
    note(mapping[variable.column]!);
  }
  // Variables still without a source take the columns no one uses, in the file's order.
  const free = headers.filter((header) => !used.has(header));
  for (const variable of bulk.variables) {
    if (mapping[variable.column]) continue;
    const next = free.shift();
    mapping[variable.column] = next ? { header: next } : null;
  }
  return mapping;
}

/** The mapping as the server keeps it. */
export function savedEntries(mapping: Mapping): SavedEntry[] {
  return Object.entries(mapping).flatMap(([target, source]): SavedEntry[] =>
    !source ? [] : "header" in source ? [{ target, header: source.header }] : [{ target, text: source.text }],
  );
}

/** The targets without a source (the send waits for them). */
export function unmapped(bulk: BulkTemplate, mapping: Mapping): string[] {
  return ["phone", ...bulk.variables.map((variable) => variable.column)].filter((target) => !mapping[target]);
}

/** Every row of the file as a recipient, none left out here: the server judges each and says why. */
export function recipientsOf(bulk: BulkTemplate, table: Table, mapping: Mapping): Recipient[] {
  const at = (row: string[], source: Source | undefined) => {
    if (!source) return "";
    if ("text" in source) return source.text;
    const index = table.headers.indexOf(source.header);
    return index === -1 ? "" : (row[index] ?? "").trim();
  };
  const positional = (name: string) => /^\d+$/.test(name);
  return table.rows.map((row) => {
    const recipient: Recipient = { phone: at(row, mapping.phone).slice(0, 40) };
    const name = at(row, mapping.name);
    if (name) recipient.name = name.slice(0, 120);
    const values = (part: "body" | "header") =>
      bulk.variables
        .filter((variable) => variable.part === part)
        .map((variable) => {
          const text = at(row, mapping[variable.column]).slice(0, 1024);
          return positional(variable.name) ? { text } : { name: variable.name, text };
        });
    const body = values("body");
    if (body.length > 0) recipient.body = body;
    const header = values("header");
    if (header.length > 0) recipient.headerText = header;
    const buttons = bulk.variables.filter((variable) => variable.part === "button");
    if (buttons.length > 0)
      recipient.buttons = buttons.map((variable) => ({
        index: Number(variable.name),
        subType: "url" as const,
        value: at(row, mapping[variable.column]).slice(0, 2000),
      }));
    return recipient;
  });
}
