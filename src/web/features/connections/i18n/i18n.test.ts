import { describe, expect, it } from "vitest";
import { CONNECTIONS_CATALOGUES } from "./index";

/** Every string of a catalogue, functions called with sample arguments. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") return [String(value("Salma", "3"))];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("connections catalogues", () => {
  it("write French typography: no-break spaces before : ; ? ! and inside « », curly apostrophes", () => {
    for (const text of strings(CONNECTIONS_CATALOGUES.fr)) {
      expect(text, text).not.toMatch(/ [:;?!»]/);
      expect(text, text).not.toMatch(/« /);
      expect(text, text).not.toMatch(/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/);
      expect(text, text).not.toMatch(/\d+ h\b/);
    }
  });

  it("have no empty strings in any language", () => {
    for (const catalogue of Object.values(CONNECTIONS_CATALOGUES)) {
      for (const text of strings(catalogue)) expect(text.trim().length).toBeGreaterThan(0);
    }
  });
});
