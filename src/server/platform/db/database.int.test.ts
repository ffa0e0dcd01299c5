import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testBackend } from "../../../../test/support/test-database";
import { demoAccount, seedDemoAccount } from "../../modules/accounts/demo-seed";
import { findUserIdByEmail, provisionClient } from "../../modules/accounts/provisioning.repository";
import { type Db, openDatabase, type SqlResult } from "./client";
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

  describe("a brief transaction (the opening statement with BEGIN, the closing one with COMMIT)", () => {
    const setUp = () =>
      database.query(
        "CREATE TABLE IF NOT EXISTS brief_probe (id int PRIMARY KEY, note text); TRUNCATE brief_probe; INSERT INTO brief_probe VALUES (1, 'one'), (2, 'two')",
      );
    const notes = async () =>
      (await database.query("SELECT id, note FROM brief_probe ORDER BY id")).rows.map(
        (r) => `${r.id}:${r.note}`,
      );

    it("hands the opening's rows to the work and commits the work with the closing statement", async () => {
      await setUp();
      const value = await database.briefTransaction(
        "UPDATE brief_probe SET note = 'opened' WHERE id = 1 RETURNING id, note",
        async (tx, opened) => {
          expect(opened.rows).toEqual([{ id: 1, note: "opened" }]);
          await tx.execute(sql`INSERT INTO brief_probe VALUES (3, ${"in the work"})`);
          return { value: "done", closing: "UPDATE brief_probe SET note = 'closed' WHERE id = 2" };
        },
      );
      expect(value).toBe("done");
      expect(await notes()).toEqual(["1:opened", "2:closed", "3:in the work"]);
    });

    it("undoes everything when the work fails, and when the closing statement fails", async () => {
      await setUp();
      await expect(
        database.briefTransaction("UPDATE brief_probe SET note = 'opened' WHERE id = 1", async (tx) => {
          await tx.execute(sql`INSERT INTO brief_probe VALUES (3, 'in the work')`);
          throw new Error("the work fails");
        }),
      ).rejects.toThrow("the work fails");
      expect(await notes()).toEqual(["1:one", "2:two"]);

      await expect(
        database.briefTransaction("UPDATE brief_probe SET note = 'opened' WHERE id = 1", async () => ({
          value: null,
          closing: "INSERT INTO brief_probe VALUES (2, 'a duplicate key')",
        })),
      ).rejects.toThrow(/duplicate key/);
      expect(await notes()).toEqual(["1:one", "2:two"]);
      // The connection went back to the pool usable.
      expect(
        await database.briefTransaction("SELECT 1 AS one", async (_tx, opened) => ({ value: opened.rows })),
      ).toEqual([{ one: 1 }]);
    });

    it("refuses a nested transaction, which would end the brief one early", async () => {
      await setUp();
      await expect(
        database.briefTransaction("SELECT 1", async (tx) => {
          await tx.transaction(async () => {});
          return { value: null };
        }),
      ).rejects.toThrow(/cannot nest/);
    });
  });

  describe.skipIf(testBackend !== "postgres")("a connection cut while a transaction holds it", () => {
    // What a PostgreSQL restart or failover does to every connection in use. The client emits an
    // 'error' event; unheard, it would crash the whole process instead of failing one transaction.
    const cutWhileHeld = async (tx: Db) => {
      const { rows } = (await tx.execute(sql`SELECT pg_backend_pid() AS pid`)) as unknown as SqlResult;
      await database.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the socket closes between two statements
      await tx.execute(sql`SELECT 1`);
    };

    it("fails that transaction only, and the pool goes on with new connections", async () => {
      await expect(database.db.transaction(cutWhileHeld)).rejects.toThrow();
      await expect(
        database.briefTransaction("SELECT 1", async (tx) => {
          await cutWhileHeld(tx);
          return { value: null };
        }),
      ).rejects.toThrow();
      expect((await database.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });
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
