import { describe, expect, it } from "vitest";
import { passwordWeakness, personalWords } from "./password-strength";

describe("password strength", () => {
  it("refuses the most common passwords and keyboard rows, saying why", async () => {
    expect(await passwordWeakness("password123")).toBe(
      "too easy to guess: This is a commonly used password. Add more words that are less common.",
    );
    expect(await passwordWeakness("azertyuiop")).toMatch(/^too easy to guess: Straight rows of keys/);
    expect(await passwordWeakness("motdepasse123")).toMatch(/^too easy to guess: /);
  });

  it("refuses a password built on the person's own name or e-mail", async () => {
    const person = { email: "salma.bennani@atlas-rh.ma", name: "Salma Bennani" };
    // The e-mail is long enough, and no dictionary knows it: only the person's own words catch it.
    expect(await passwordWeakness(person.email)).toBeNull();
    expect(await passwordWeakness(person.email, personalWords(person))).toMatch(
      /^too easy to guess: There should not be any personal or page related data\./,
    );
  });

  it("accepts passphrases and random strings", async () => {
    expect(await passwordWeakness("correct-horse-battery")).toBeNull();
    expect(await passwordWeakness("Tr0ub4dor&3xyz")).toBeNull();
  });
});
