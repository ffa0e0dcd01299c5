import { randomUUID } from "node:crypto";

/** The OpenAPI 3.0 subset the API's zod schemas produce. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

export interface OpenApiParameter {
  in: "path" | "query" | "header";
  name: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** A value the API must answer with a 4xx (or take as it is), never a 5xx. */
export interface HostileValue {
  name: string;
  /** In a JSON body; DEEP stands for the 10,000-deep array, spliced into the text. */
  json: unknown;
  /** Percent-encoded, in a path or query. */
  url: string;
  /**
   * NUL and lone surrogates have no place in any text: a 400 naming the field. (A lone surrogate
   * cannot be percent-encoded as UTF-8, so only a JSON body carries one as such.)
   */
  refusedIn: { json: boolean; url: boolean };
}

export const DEEP = "\u0001deep\u0001";
const DEPTH = 10_000;
const deepJson = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;

const accepted = { json: false, url: false };

export const hostileValues: HostileValue[] = [
  { name: "empty", json: "", url: "", refusedIn: accepted },
  { name: "huge", json: "x".repeat(200_000), url: "x".repeat(8_000), refusedIn: accepted },
  { name: "wrong type", json: { not: ["a", "string"] }, url: "-1e999", refusedIn: accepted },
  { name: "NUL", json: "a\u0000b", url: "a%00b", refusedIn: { json: true, url: true } },
  { name: "lone surrogate", json: "a\ud800b", url: "a%ED%A0%80b", refusedIn: { json: true, url: false } },
  { name: "RTL override", json: "\u202Etxt.exe", url: "%E2%80%AEtxt.exe", refusedIn: accepted },
  { name: "10k-deep JSON", json: DEEP, url: "[".repeat(DEPTH), refusedIn: accepted },
];

/** JSON text of a body, with the deep array spliced in where DEEP stands. */
export function jsonText(body: unknown): string {
  return JSON.stringify(body).replaceAll(JSON.stringify(DEEP), deepJson);
}

/** A valid-looking value for a schema: required properties only, ids from `ids` by field name. */
export function example(schema: JsonSchema, ids: Record<string, string>, name = ""): unknown {
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return example(choice.find((s) => s.type !== "null") ?? choice[0]!, ids, name);
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case "object":
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, example(schema.properties?.[key] ?? {}, ids, key)]),
      );
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () =>
        example(schema.items ?? {}, ids, name),
      );
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    default:
      return exampleString(schema, ids, name);
  }
}

function exampleString(schema: JsonSchema, ids: Record<string, string>, name: string): string {
  if (ids[name]) return ids[name];
  if (schema.format === "uuid") return randomUUID();
  if (schema.format === "email") return `fuzz-${randomUUID().slice(0, 8)}@example.test`;
  if (schema.format === "uri") return "https://example.test/file.pdf";
  if (schema.pattern === "^\\d{6}$") return "123456";
  if (name === "phone" || name === "to") return "0612345678";
  return "Fuzz value".padEnd(schema.minLength ?? 1, "x");
}

/**
 * The property paths to try: every property of the schema at the top, and below it the properties
 * of the objects the baseline body holds (an optional object it lacks would only add values that
 * fail for its absence of siblings, never reaching further).
 */
export function propertyPaths(schema: JsonSchema, body: unknown, prefix: string[] = []): string[][] {
  if (schema.type === "array" && schema.items) {
    return Array.isArray(body) && body.length > 0
      ? propertyPaths(schema.items, body[0], [...prefix, "0"])
      : [];
  }
  const present = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => [
    [...prefix, key],
    ...(key in present ? propertyPaths(property, present[key], [...prefix, key]) : []),
  ]);
}

/** A copy of `body` with `value` at `path`, intermediate objects made from the schema's examples. */
export function withValueAt(
  body: unknown,
  schema: JsonSchema,
  path: string[],
  value: unknown,
  ids: Record<string, string>,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const isArray = schema.type === "array";
  const childSchema = (isArray ? schema.items : schema.properties?.[head]) ?? {};
  const container: Record<string, unknown> | unknown[] = isArray
    ? [...((Array.isArray(body) ? body : []) as unknown[])]
    : { ...((body && typeof body === "object" ? body : {}) as Record<string, unknown>) };
  const current = (container as Record<string, unknown>)[head] ?? example(childSchema, ids, head);
  (container as Record<string, unknown>)[head] = withValueAt(current, childSchema, rest, value, ids);
  return container;
}
