import { describe, expect, it } from "vitest";
import { initials } from "./Avatar";

describe("initials", () => {
  it("takes letters from the first and last words, skipping punctuation", () => {
    expect(initials("Salma Bennani")).toBe("SB");
    expect(initials("Atlas Recrutement (démo)")).toBe("AR");
    expect(initials("Youssef")).toBe("Y");
    expect(initials("سلمى بناني")).toBe("سب");
    expect(initials("  ")).toBe("?");
  });
});
