import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors";
import { normalisePhone } from "./phone";

/** The error `normalisePhone` throws for `input`, or a failure when it accepts it. */
function refusal(input: string, country = "MA", field?: string): AppError {
  try {
    normalisePhone(input, country, field);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`"${input}" was accepted`);
}

describe("normalisePhone: a phone as recruiters type it, in E.164", () => {
  it.each([
    ["national, unformatted", "0612345678"],
    ["national, French grouping", "06 12 34 56 78"],
    ["dots", "06.12.34.56.78"],
    ["dashes", "06-12-34-56-78"],
    ["slashes", "06/12/34/56/78"],
    ["parentheses around the trunk prefix", "(06) 12 34 56 78"],
    ["other grouping", "0612 345 678"],
    ["surrounding spaces and a line break", "  0612345678\n"],
    ["international", "+212612345678"],
    ["international, grouped", "+212 6 12 34 56 78"],
    ["international with the national 0 in brackets", "+212 (0) 6 12 34 56 78"],
    ["international dialling prefix 00", "00212612345678"],
    ["00, grouped", "00 212 6 12 34 56 78"],
    ["Arabic-Indic digits", "٠٦١٢٣٤٥٦٧٨"],
    ["Arabic-Indic digits, grouped", "٠٦ ١٢ ٣٤ ٥٦ ٧٨"],
    ["Arabic-Indic digits, international", "+٢١٢٦١٢٣٤٥٦٧٨"],
    ["Eastern Arabic-Indic (Persian) digits", "۰۶۱۲۳۴۵۶۷۸"],
    ["digits of two scripts", "06١٢٣٤٥٦٧٨"],
    ["full-width digits", "０６１２３４５６７８"],
    ["no-break spaces", "06\u00a012\u00a034\u00a056\u00a078"],
    ["narrow no-break spaces (French typography)", "06\u202f12\u202f34\u202f56\u202f78"],
    ["thin space after the country code", "+212\u2009612345678"],
    ["left-to-right marks from right-to-left text", "\u200e06\u200e12345678\u200e"],
    ["directional isolates around the number", "\u2066+212 6 12 34 56 78\u2069"],
  ])("reads %s (%j)", (_, typed) => {
    expect(normalisePhone(typed, "MA")).toBe("+212612345678");
  });

  it("reads the 07 mobile range and a foreign number given with its code", () => {
    expect(normalisePhone("07 00 11 22 33", "MA")).toBe("+212700112233");
    expect(normalisePhone("+33 6 12 34 56 78", "MA")).toBe("+33612345678");
    expect(normalisePhone("0033612345678", "MA")).toBe("+33612345678");
  });

  it("reads a number without a code with the client's country, whatever its case", () => {
    expect(normalisePhone("06 12 34 56 78", "fr")).toBe("+33612345678");
    expect(normalisePhone("06 12 34 56 78", "ma")).toBe("+212612345678");
  });

  it.each([
    ["too short", "06 11 22"],
    ["too short, international", "+21261234567"],
  ])("refuses %s (%j) as too short, quoting what was typed and the country assumed", (_, typed) => {
    expect(refusal(typed).message).toBe(
      `body.to: "${typed}" is not a valid phone number: too short (country MA when no code is given)`,
    );
  });

  it.each([
    ["one digit missing in a known range", "061234567"],
    ["too long", "06123456789"],
    ["too long, international", "+2126123456789"],
    ["a range no number has", "0512345678"],
    ["two numbers in one cell", "06 12 34 56 78 / 06 99 88 77 66"],
    ["a country code no country has", "+999612345678"],
    ["letters", "abc"],
    ["a lone plus", "+"],
    ["nothing", ""],
  ])("refuses %s (%j), quoting what was typed and the country assumed", (_, typed) => {
    const error = refusal(typed);
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe(
      `body.to: "${typed}" is not a valid phone number (country MA when no code is given)`,
    );
  });

  it("names the field it was given, so a campaign row or a search says which input is wrong", () => {
    expect(refusal("0612", "MA", "recipients.3.phone").details).toEqual([
      {
        field: "recipients.3.phone",
        message: `"0612" is not a valid phone number: too short (country MA when no code is given)`,
      },
    ]);
  });
});

const LATIN = "0123456789";
const ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";
const EASTERN_ARABIC_INDIC = "۰۱۲۳۴۵۶۷۸۹";
const digitScripts = [LATIN, ARABIC_INDIC, EASTERN_ARABIC_INDIC];
const separators = ["", "", " ", ".", "-", "\u00a0", "\u202f"];

/** A Moroccan mobile number, national significant part: 6, a digit other than 8, seven digits. */
const mobile = fc
  .tuple(
    fc.constantFrom(..."01234579"),
    fc.string({ unit: fc.constantFrom(...LATIN), minLength: 7, maxLength: 7 }),
  )
  .map(([second, rest]) => `6${second}${rest}`);

/** One way of writing it: a prefix, digits grouped by random separators, in one script or several. */
const written = (nationalNumber: string) =>
  fc
    .record({
      prefix: fc.constantFrom("0", "+212", "+212 ", "00212", "00 212 ", "+212 (0) "),
      gaps: fc.array(fc.constantFrom(...separators), {
        minLength: nationalNumber.length - 1,
        maxLength: nationalNumber.length - 1,
      }),
      scripts: fc.array(fc.constantFrom(...digitScripts), {
        minLength: nationalNumber.length + 5,
        maxLength: nationalNumber.length + 5,
      }),
      padding: fc.constantFrom("", " ", "\t", "\u200e"),
    })
    .map(({ prefix, gaps, scripts, padding }) => {
      const grouped = [...nationalNumber].map((digit, i) => digit + (gaps[i] ?? "")).join("");
      let position = 0;
      const inScripts = `${prefix}${grouped}`.replace(/\d/g, (d) => scripts[position++]![Number(d)]!);
      return `${padding}${inScripts}${padding}`;
    });

describe("normalisePhone: every way of writing one number", () => {
  it("gives the same E.164 number, +212 and the nine digits", () => {
    fc.assert(
      fc.property(
        mobile.chain((nationalNumber) => fc.tuple(fc.constant(nationalNumber), written(nationalNumber))),
        ([nationalNumber, typed]) => {
          expect(normalisePhone(typed, "MA")).toBe(`+212${nationalNumber}`);
        },
      ),
    );
  });

  it("refuses the number with one digit dropped or one added, however it is written", () => {
    const wrongLength = mobile.chain((nationalNumber) =>
      fc.oneof(fc.constant(nationalNumber.slice(0, -1)), fc.constant(`${nationalNumber}0`)),
    );
    fc.assert(
      fc.property(wrongLength.chain(written), (typed) => {
        expect(() => normalisePhone(typed, "MA")).toThrow(/is not a valid phone number/);
      }),
    );
  });
});
