import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/test-database";
import { demoAccount, seedDemoAccount } from "../../modules/accounts/demo-seed";
import { findUserIdByEmail, provisionClient } from "../../modules/accounts/provisioning.repository";
import { openDatabase } from "./client";
import { applyMigrations, migrationStatus } from "./migrate";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("database", () => {
  it("keeps the audit log append-only", async () => {
    const { client } = await provisionClient(database.db, {
      name: "Audit Co",
      owner: { email: "audit-owner@example.test", name: "O", password: "long-enough-password" },
    });
    await expect(
      database.query("UPDATE audit_log SET action = 'x' WHERE client_id = $1", [client.id]),
    ).rejects.toThrow(/append-only/);
    await expect(database.query("DELETE FROM audit_log WHERE client_id = $1", [client.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it("has every migration applied in the test template", async () => {
    const status = await migrationStatus(database);
    expect(status.applied).toBe(status.known);
  });
});

describe("sandbox data folder", () => {
  it("migrates on first start, seeds the demo account once, and keeps it across restarts", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "lj-sandbox-"));
    try {
      const first = await openDatabase({ db: { kind: "pglite", dataDir } });
      await applyMigrations(first);
      expect(await seedDemoAccount(first.db)).toEqual({ created: true });
      const ownerId = await findUserIdByEmail(first.db, demoAccount.owner.email);
      await first.close();

      const second = await openDatabase({ db: { kind: "pglite", dataDir } });
      await applyMigrations(second);
      expect(await seedDemoAccount(second.db)).toEqual({ created: false });
      expect(await findUserIdByEmail(second.db, demoAccount.owner.email)).toBe(ownerId);
      const { rows } = await second.query("SELECT count(*)::int AS n FROM clients");
      expect(rows[0]?.n).toBe(1);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
