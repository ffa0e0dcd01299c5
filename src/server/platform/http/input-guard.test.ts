import { describe, expect, it } from "vitest";
import { findUnstorable, MAX_INPUT_DEPTH } from "./input-guard";

describe("findUnstorable", () => {
  it("passes text a person types: accents, Arabic, emoji (surrogate pairs), bidi controls", () => {
    const body = { name: "Salma Idrissi", note: "مرحبا 👋🏽 élève", rtl: "\u202Etxt.exe", tags: ["😀", ""] };
    expect(findUnstorable(body, "body")).toBeNull();
  });

  it("names the field holding a NUL or half of a surrogate pair, however nested", () => {
    expect(findUnstorable({ name: "a\u0000b" }, "body")).toEqual([
      "body.name",
      "must not contain a NUL character",
    ]);
    expect(findUnstorable({ recipients: [{ name: "x\ud800" }] }, "body")?.[0]).toBe("body.recipients.0.name");
    expect(findUnstorable({ q: "\udc00x" }, "querystring")?.[0]).toBe("querystring.q");
    expect(findUnstorable({ "bad\u0000key": 1 }, "body")?.[1]).toMatch(/key that must not contain a NUL/);
  });

  it("refuses input nested deeper than the limit without exhausting the stack", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorable({ data: deep }, "body")?.[1]).toBe(
      `is nested deeper than ${MAX_INPUT_DEPTH} levels`,
    );
    let shallow: unknown = "leaf";
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) shallow = [shallow];
    expect(findUnstorable(shallow, "body")).toBeNull();
  });

  it("leaves bodies kept as bytes alone", () => {
    expect(findUnstorable(Buffer.from([0, 0xd8, 0]), "body")).toBeNull();
  });
});
