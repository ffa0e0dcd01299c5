import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fillPlaceholders,
  isBlankValue,
  placeholderNames,
  renderPlaceholders,
  withoutPlaceholders,
} from "./template-placeholders";

/** Text around placeholders: anything but braces, so the pieces cannot form a placeholder. */
const literal = fc.string({ maxLength: 12 }).map((text) => text.replace(/[{}]/g, ""));
const positionalName = fc.integer({ min: 1, max: 12 }).map(String);
const namedName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/);

/** A template text as pieces: literal, placeholder, literal, placeholder… */
const pieces = (name: fc.Arbitrary<string>) =>
  fc.tuple(literal, fc.array(fc.tuple(name, literal), { maxLength: 8 }));
const textOf = ([head, rest]: [string, [string, string][]]) =>
  head + rest.map(([name, tail]) => `{{${name}}}${tail}`).join("");

describe("template placeholders", () => {
  it.each([
    ["Bonjour {{1}}, poste de {{2}} à {{3}}", false, ["1", "2", "3"]],
    ["Poste de {{2}} pour {{1}}, {{2}} encore", false, ["1", "2"]],
    ["{{10}} then {{9}}", false, ["9", "10"]],
    ["Bonjour {{first_name}}, le {{date}} à {{time}} ({{first_name}})", true, ["first_name", "date", "time"]],
    ["A named template reads {{1}} as text", true, []],
    ["A positional template reads {{name}} as text", false, []],
    ["Nothing to fill", false, []],
    ["{{ 1 }} and {{Name}} are not placeholders", true, []],
  ] as const)("reads %j", (text, named, expected) => {
    expect(placeholderNames(text, named)).toEqual(expected);
  });

  it("names each positional placeholder once, by number", () => {
    fc.assert(
      fc.property(pieces(positionalName), (parts) => {
        const used = parts[1].map(([name]) => name);
        expect(placeholderNames(textOf(parts), false)).toEqual(
          [...new Set(used)].sort((a, b) => Number(a) - Number(b)),
        );
      }),
    );
  });

  it("names each named placeholder once, as they first appear", () => {
    fc.assert(
      fc.property(pieces(namedName), (parts) => {
        expect(placeholderNames(textOf(parts), true)).toEqual([...new Set(parts[1].map(([name]) => name))]);
      }),
    );
  });

  it("renders every placeholder with its value and nothing else", () => {
    fc.assert(
      fc.property(pieces(namedName), fc.boolean(), ([head, rest], named) => {
        const text = textOf([head, rest]);
        const value = (name: string) => `<${name}>`;
        const expected = named ? head + rest.map(([name, tail]) => value(name) + tail).join("") : text;
        expect(renderPlaceholders(text, named, value)).toBe(expected);
      }),
    );
  });

  it("keeps a placeholder without a value (absent or blank) as written, marked missing", () => {
    fc.assert(
      fc.property(pieces(positionalName), fc.constantFrom(undefined, "", "  "), (parts, value) => {
        const text = textOf(parts);
        const runs = fillPlaceholders(text, false, () => value);
        expect(runs.map((run) => run.text).join("")).toBe(text);
        expect(runs.filter((run) => run.isMissing)).toHaveLength(parts[1].length);
      }),
    );
  });

  it("cuts a text into plain runs and value runs", () => {
    expect(
      fillPlaceholders("Hi {{1}}, {{2}}!", false, (name) => (name === "1" ? "Sara" : undefined)),
    ).toEqual([
      { text: "Hi ", isValue: false, isMissing: false },
      { text: "Sara", isValue: true, isMissing: false },
      { text: ", ", isValue: false, isMissing: false },
      { text: "{{2}}", isValue: false, isMissing: true },
      { text: "!", isValue: false, isMissing: false },
    ]);
  });

  it("takes a value only when it shows something", () => {
    expect([" ", "\n\t", "", "x", " a "].map(isBlankValue)).toEqual([true, true, true, false, false]);
  });

  it("keeps the fixed start of a link", () => {
    expect(withoutPlaceholders("https://jobs.example/apply/{{1}}", false)).toBe(
      "https://jobs.example/apply/",
    );
  });
});
