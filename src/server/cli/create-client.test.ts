import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

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
