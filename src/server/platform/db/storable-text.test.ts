import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayNeedStorableJson, storableJson, storableText } from "./storable-text";

/** What PostgreSQL accepts in text and jsonb: no NUL, and UTF-8 that says the same (no lone surrogate). */
const isStorable = (text: string) => !text.includes("\0") && Buffer.from(text).toString() === text;

/** Strings of the code units that matter here: NUL, both halves of a pair, and ordinary characters. */
const codeUnits = fc
  .array(fc.constantFrom("a", "é", "م", "\0", "\ud83d", "\udc4d", "\ud800", "\udfff"), { maxLength: 12 })
  .map((units) => units.join(""));

describe("storable text", () => {
  it("removes NUL and replaces lone surrogates, keeping pairs and everything else", () => {
    expect(storableText("a\u0000b")).toBe("ab");
    expect(storableText("x\ud800y")).toBe("x\ufffdy");
    expect(storableText("\udc00")).toBe("\ufffd");
    expect(storableText("\ud83d\udc4d مرحبا é")).toBe("\ud83d\udc4d مرحبا é");
    expect(storableText("\ud83d\ud83d\udc4d")).toBe("\ufffd\ud83d\udc4d");
  });

  it("makes any string storable, and leaves a storable one as it is", () => {
    fc.assert(
      fc.property(codeUnits, (text) => {
        const stored = storableText(text);
        expect(isStorable(stored)).toBe(true);
        if (isStorable(text)) expect(stored).toBe(text);
      }),
    );
  });

  it("reaches every string and key of parsed JSON, leaving other values alone", () => {
    const parsed = JSON.parse('{"a\\u0000":["\\ud800",{"b":"\\u0000c"}],"n":1,"t":true,"z":null}');
    expect(storableJson(parsed)).toEqual({ a: ["\ufffd", { b: "c" }], n: 1, t: true, z: null });
  });

  it("tells which JSON texts may need it: escaped NUL or surrogates only", () => {
    expect(mayNeedStorableJson('{"a":"\\u0000"}')).toBe(true);
    expect(mayNeedStorableJson('{"a":"\\uD83D\\uDC4D"}')).toBe(true);
    expect(mayNeedStorableJson('{"a":"\\u00e9 \\u0645"}')).toBe(false);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = JSON.stringify(value);
        if (!mayNeedStorableJson(json)) expect(storableJson(JSON.parse(json))).toEqual(JSON.parse(json));
      }),
    );
  });
});
