import { describe, expect, it } from "vitest";
import { firstStrongDirection } from "./text-direction";

describe("firstStrongDirection: the first strong letter decides, as dir=auto does", () => {
  it.each([
    ["CV : أرسلت سيرتي الذاتية أمس", "ltr"],
    ["مرحبا، I sent my CV", "rtl"],
    ["Bonjour, je suis Youssef", "ltr"],
    ["« Très bien » merci", "ltr"],
    ["12 : شكرا", "rtl"],
    ["שלום", "rtl"],
    ["Привет", "ltr"],
    ["https://linkojob.ma مرحبا", "ltr"],
  ] as const)("%s → %s", (text, direction) => {
    expect(firstStrongDirection(text)).toBe(direction);
  });

  it("has no opinion on text without letters", () => {
    expect(firstStrongDirection("👍 12")).toBeNull();
    expect(firstStrongDirection("")).toBeNull();
    expect(firstStrongDirection("+212 6 12 34 56 78")).toBeNull();
  });
});
