import { describe, expect, it } from "vitest";
import { CAMPAIGNS_CATALOGUES } from "./index";

/** Every string of a catalogue, functions called with sample arguments. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") return [0, 1, 2, 3, 11, 100].map((n) => String(value(n, String(n), "x")));
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("campaigns catalogues", () => {
  it("write French typography: no-break spaces before : ; ? ! and inside « », curly apostrophes", () => {
    for (const text of strings(CAMPAIGNS_CATALOGUES.fr)) {
      expect(text, text).not.toMatch(/ [:;?!»]/);
      expect(text, text).not.toMatch(/« /);
      expect(text, text).not.toMatch(/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/);
      expect(text, text).not.toMatch(/\d+ h\b/);
    }
  });

  it("have no empty strings in any language", () => {
    for (const catalogue of Object.values(CAMPAIGNS_CATALOGUES)) {
      for (const text of strings(catalogue)) expect(text.trim().length).toBeGreaterThan(0);
    }
  });
});
