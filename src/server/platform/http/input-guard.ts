import type { FastifyInstance } from "fastify";
import { validationFailed } from "../errors";

/** No API body is nested anywhere near this deep; a deeper one is refused before it is walked further. */
export const MAX_INPUT_DEPTH = 32;

// A NUL, or a surrogate half without its other half: PostgreSQL stores neither in text or jsonb
// (an error, or a silent U+FFFD), and no person types them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemWith(text: string): string | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  return match[0] === "\u0000"
    ? "must not contain a NUL character"
    : "must be well-formed Unicode (it holds half of a surrogate pair)";
}

/** The first field of a parsed input that cannot be stored, as `[field, problem]`. Iterative: depth costs no stack. */
export function findUnstorable(root: unknown, rootName: string): [string, string] | null {
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: rootName, depth: 0 },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value === "string") {
      const problem = problemWith(value);
      if (problem) return [path, problem];
    } else if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
      if (depth >= MAX_INPUT_DEPTH) return [path, `is nested deeper than ${MAX_INPUT_DEPTH} levels`];
      for (const [key, child] of Object.entries(value)) {
        const keyProblem = problemWith(key);
        if (keyProblem) return [path, `has a key that ${keyProblem}`];
        pending.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
      }
    }
  }
  return null;
}

/**
 * Refuses, before validation and on every route, text that the database cannot hold: one place,
 * so no field is forgotten. The 400 names the field (`body.name`, `querystring.q`), as the
 * schema validation does. Bodies kept as bytes (webhooks, uploads) are not text and pass.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const inputs: [unknown, string][] = [
      [request.params, "params"],
      [request.query, "querystring"],
      [request.body, "body"],
    ];
    for (const [value, name] of inputs) {
      const found = findUnstorable(value, name);
      if (found) throw validationFailed(...found);
    }
  });
}
