import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/web/i18n/locale";

/**
 * Arguments a catalogue's functions are called with, so every branch of a message is read: names
 * and formatted numbers, and counts across the plural forms (French 0/1, Arabic zero/two/few/many).
 */
const SAMPLE_ARGUMENTS: unknown[][] = [
  ["Salma", "3"],
  ...[0, 1, 2, 3, 11, 100].map((n) => [n, String(n), "x"]),
];

/** Every string of a catalogue, functions called with the sample arguments. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") return SAMPLE_ARGUMENTS.map((args) => String(value(...args)));
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** Every key path of a catalogue, `a.b.` style. */
function keys(value: unknown, prefix = ""): string[] {
  return value && typeof value === "object"
    ? Object.entries(value).flatMap(([key, child]) => keys(child, `${prefix}${key}.`))
    : [prefix];
}

/**
 * The rules every set of catalogues (the main one, each page's own) keeps: French typography, no
 * empty string, and the same keys in every language (types already catch a missing key, not an
 * extra one).
 */
export function describeCatalogues(name: string, catalogues: Record<Locale, unknown>): void {
  describe(name, () => {
    it("write French typography: no-break spaces before : ; ? ! and inside « » and before units, curly apostrophes", () => {
      for (const text of strings(catalogues.fr)) {
        expect(text, text).not.toMatch(/ [:;?!»]/);
        expect(text, text).not.toMatch(/« /);
        expect(text, text).not.toMatch(/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/);
        expect(text, text).not.toMatch(/\d+ (h|min|Ko|Mo|MAD)\b/);
      }
    });

    it("have no empty strings in any language", () => {
      for (const catalogue of Object.values(catalogues)) {
        for (const text of strings(catalogue)) expect(text.trim().length).toBeGreaterThan(0);
      }
    });

    it("have the same keys in every language", () => {
      const french = keys(catalogues.fr).sort();
      expect(keys(catalogues.en).sort()).toEqual(french);
      expect(keys(catalogues.ar).sort()).toEqual(french);
    });
  });
}
