import { describe, expect, it } from "vitest";
import { INBOX_CATALOGUES } from "./index";

/** Every string of a catalogue, functions called with sample arguments. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") return [String(value("Salma", "3")), String(value(3, "3"))];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("inbox catalogues", () => {
  it("write French typography: no-break spaces before : ; ? ! and inside « », curly apostrophes", () => {
    for (const text of strings(INBOX_CATALOGUES.fr)) {
      expect(text, text).not.toMatch(/ [:;?!»]/);
      expect(text, text).not.toMatch(/« /);
      expect(text, text).not.toMatch(/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/);
      expect(text, text).not.toMatch(/\d+ (h|min|Ko|Mo|MAD)\b/);
    }
  });

  it("have no empty strings in any language", () => {
    for (const catalogue of Object.values(INBOX_CATALOGUES)) {
      for (const text of strings(catalogue)) expect(text.trim().length).toBeGreaterThan(0);
    }
  });

  it("have the same keys in every language", () => {
    const keys = (value: unknown, prefix = ""): string[] =>
      value && typeof value === "object"
        ? Object.entries(value).flatMap(([key, child]) => keys(child, `${prefix}${key}.`))
        : [prefix];
    const french = keys(INBOX_CATALOGUES.fr).sort();
    expect(keys(INBOX_CATALOGUES.en).sort()).toEqual(french);
    expect(keys(INBOX_CATALOGUES.ar).sort()).toEqual(french);
  });
});
