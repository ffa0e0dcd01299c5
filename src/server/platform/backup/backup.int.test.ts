import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMessage } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { testBackend } from "../../../../test/support/test-database";
import { BackupError, createBackup, restoreBackup, verifyBackup } from "./backup";

const onPglite = testBackend !== "postgres";
const work = mkdtempSync(join(tmpdir(), "lj-backup-"));
const created: string[] = [];
let app: TestApp;

function urlOf(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function emptyDatabase(): Promise<string> {
  const name = `lj_restore_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer(process.env.TEST_DATABASE_URL!, `CREATE DATABASE ${name}`);
  created.push(name);
  return urlOf(name);
}

/**
 * Rows per table of the product's data and its migrations (pg-boss's own tables are in the dump too,
 * but the source app's queue keeps writing them while the test runs).
 */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = await onServer<{ t: string }>(
    url,
    "SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname IN ('public', 'drizzle') ORDER BY 1",
  );
  const counts: Record<string, number> = {};
  for (const { t } of tables) {
    const [row] = await onServer<{ n: number }>(url, `SELECT count(*)::int AS n FROM ${t}`);
    counts[t] = row!.n;
  }
  return counts;
}

const messagesAsJson = (url: string) =>
  onServer<{ m: string }>(url, "SELECT to_jsonb(m)::text AS m FROM messages m ORDER BY id");

beforeAll(async () => {
  if (onPglite) return;
  app = await createTestApp();
});

afterAll(async () => {
  await app?.close();
  for (const name of created)
    await onServer(process.env.TEST_DATABASE_URL!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(work, { recursive: true, force: true });
});

describe("npm run backup / npm run restore", () => {
  it.skipIf(onPglite)(
    "restores a filled database and its media into a fresh one, row for row and byte for byte (skipped on PGlite: pg_dump needs a PostgreSQL server)",
    async () => {
      for (const body of ["Bonjour", "مرحبا، هل الوظيفة متاحة؟", "CV ci-joint 📎", "x".repeat(5000)])
        await buildMessage(app, { body });
      const mediaDir = join(work, "media");
      mkdirSync(join(mediaDir, "client-a"), { recursive: true });
      writeFileSync(join(mediaDir, "client-a", "cv.pdf"), randomBytes(300_000));
      writeFileSync(join(mediaDir, "photo.jpg"), randomBytes(12_345));

      const source = app.database.url!;
      const { dir, manifest } = await createBackup({
        databaseUrl: source,
        mediaDir,
        outDir: join(work, "out"),
      });
      expect(manifest.files.map((f) => f.path)).toEqual([
        "database.dump",
        "media/client-a/cv.pdf",
        "media/photo.jpg",
      ]);
      expect(manifest.migrationsApplied).toBeGreaterThan(0);

      const target = await emptyDatabase();
      const restoredMedia = join(work, "restored-media");
      await restoreBackup({ dir, databaseUrl: target, mediaDir: restoredMedia });

      const counts = await rowCounts(source);
      expect(counts["public.messages"]).toBeGreaterThanOrEqual(4);
      expect(await rowCounts(target)).toEqual(counts);
      const messages = await messagesAsJson(source);
      expect(messages.some((m) => m.m.includes("مرحبا"))).toBe(true);
      expect(await messagesAsJson(target)).toEqual(messages);
      for (const file of ["client-a/cv.pdf", "photo.jpg"])
        expect(readFileSync(join(restoredMedia, file)).equals(readFileSync(join(mediaDir, file)))).toBe(true);

      // Into a database that is not empty: refused.
      await expect(restoreBackup({ dir, databaseUrl: source, mediaDir: restoredMedia })).rejects.toThrow(
        /not empty/,
      );
    },
  );

  it.skipIf(onPglite)(
    "refuses a backup that does not match its manifest, before touching the database (skipped on PGlite)",
    async () => {
      const mediaDir = join(work, "media-2");
      mkdirSync(mediaDir, { recursive: true });
      writeFileSync(join(mediaDir, "a.bin"), randomBytes(1000));
      const { dir } = await createBackup({
        databaseUrl: app.database.url!,
        mediaDir,
        outDir: join(work, "out-2"),
      });
      await verifyBackup(dir);
      const dump = join(dir, "database.dump");
      const bytes = readFileSync(dump);
      bytes[bytes.length - 10] = (bytes[bytes.length - 10]! + 1) % 256;
      writeFileSync(dump, bytes);
      writeFileSync(join(dir, "media", "extra.bin"), "x");

      const target = await emptyDatabase();
      const refused = restoreBackup({ dir, databaseUrl: target, mediaDir: join(work, "restored-2") });
      await expect(refused).rejects.toBeInstanceOf(BackupError);
      await expect(refused).rejects.toThrow(
        /database.dump: checksum differs[\s\S]*media\/extra.bin: not in the manifest/,
      );
      expect(await rowCounts(target)).toEqual({});
    },
  );
});
