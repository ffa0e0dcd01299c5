import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { seedDemoAccount } from "./modules/accounts/demo-seed";
import type { Config } from "./platform/config";
import { type Database, openDatabase } from "./platform/db/client";
import { applyMigrations } from "./platform/db/migrate";

/**
 * The sandbox's first start, on a new data folder, prepares its database in a child process that
 * exits when done. PostgreSQL's creation (initdb), the migrations and the demo account's password
 * hashing grow PGlite's WebAssembly memory and the allocator's arenas, and a process never gives
 * that memory back: prepared in the server's own process, a first start idled about 100 MB above
 * any later one (BENCHMARKS.md, "Memory"). A folder that has a database is migrated in the server's
 * process as before (no migration or an added one: little work, and no second start-up to wait for).
 */
const PREPARE_ARGUMENT = "--prepare-sandbox-database";

/** This process is the child that prepares the database. */
export const isPreparationRun = (): boolean => process.argv.includes(PREPARE_ARGUMENT);

/** A data folder with no database yet: PGlite writes PostgreSQL's `PG_VERSION` when it creates one. */
export function needsPreparation(config: Config): boolean {
  return config.db.kind === "pglite" && !existsSync(join(config.db.dataDir, "PG_VERSION"));
}

export interface Prepared {
  /** The demo account was created now (null: the sandbox starts without one). */
  demoCreated: boolean | null;
}

/** Migrates the sandbox's database and seeds the demo account if asked: idempotent. */
export async function prepareSandboxDatabase(database: Database, config: Config): Promise<Prepared> {
  await applyMigrations(database);
  const seeded = config.sandboxDemoSeed ? await seedDemoAccount(database.db) : null;
  return { demoCreated: seeded ? seeded.created : null };
}

/** The child's part: prepare, tell the parent what was done, exit. */
export async function runPreparation(config: Config): Promise<void> {
  const database = await openDatabase(config);
  const prepared = await prepareSandboxDatabase(database, config).finally(() => database.close());
  await new Promise<void>((resolve, reject) =>
    process.send!(prepared, (error: Error | null) => (error ? reject(error) : resolve())),
  );
  process.exit(0);
}

/** Runs this same entry point (with its loader flags, `tsx` in development) as the preparing child. */
export function prepareInChildProcess(): Promise<Prepared> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, [PREPARE_ARGUMENT], { stdio: "inherit" });
    let prepared: Prepared | undefined;
    child.on("message", (message) => {
      prepared = message as Prepared;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0 && prepared) resolve(prepared);
      else reject(new Error(`preparing the sandbox's database failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
