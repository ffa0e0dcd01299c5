import { spawnSync } from "node:child_process";
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

describe("npm run client:create", () => {
  it("refuses a weak OWNER_PASSWORD before touching the database, and says why", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/server/cli/create-client.ts",
        "--name",
        "Acme",
        "--owner-email",
        "rh@acme.ma",
        "--owner-name",
        "Rim",
      ],
      {
        env: { ...process.env, OWNER_PASSWORD: "password123", DATABASE_URL: "" },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("OWNER_PASSWORD is too easy to guess: This is a commonly used password.");
  }, 60_000);
});
