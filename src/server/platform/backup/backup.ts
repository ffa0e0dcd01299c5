import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative, sep } from "node:path";
import pg from "pg";

/**
 * Backups of a live deployment: the database as a `pg_dump` custom-format archive and the media
 * folder as files, in one folder with a manifest of every file's size and SHA-256. A restore
 * checks the manifest before touching anything, and goes only into an empty database.
 */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** The migrations the database had applied: the code restoring must know at least these. */
  migrationsApplied: number;
  files: { path: string; bytes: number; sha256: string }[];
}

export class BackupError extends Error {}

const DUMP = "database.dump";
const MEDIA = "media";
const MANIFEST = "manifest.json";

interface Tools {
  /** Folder of pg_dump and pg_restore (their major version at least the server's); PATH when absent. */
  pgBinDir?: string | undefined;
}

function run(tool: string, args: string[], { pgBinDir }: Tools): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgBinDir ? join(pgBinDir, tool) : tool, args, {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (error) => reject(new BackupError(`${tool}: ${error.message}`)));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

async function query<T>(databaseUrl: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Writes a backup into a new folder `linkojob-<time>` under `outDir`; returns the folder. */
export async function createBackup(options: {
  databaseUrl: string;
  mediaDir: string;
  outDir: string;
  tools?: Tools;
  now?: Date;
}): Promise<{ dir: string; manifest: BackupManifest }> {
  const createdAt = (options.now ?? new Date()).toISOString();
  const dir = join(options.outDir, `linkojob-${createdAt.replace(/[:.]/g, "-")}`);
  mkdirSync(options.outDir, { recursive: true });
  mkdirSync(dir); // fails if it exists: a backup is never written over another
  await run(
    "pg_dump",
    ["--format=custom", `--file=${join(dir, DUMP)}`, options.databaseUrl],
    options.tools ?? {},
  );
  if (existsSync(options.mediaDir)) cpSync(options.mediaDir, join(dir, MEDIA), { recursive: true });
  const [applied] = await query<{ n: number }>(
    options.databaseUrl,
    "SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations",
  ).catch(() => [{ n: 0 }]);
  const files = [];
  for (const path of filesUnder(dir)) {
    const full = join(dir, path);
    files.push({ path, bytes: statSync(full).size, sha256: await sha256(full) });
  }
  const manifest: BackupManifest = { format: 1, createdAt, migrationsApplied: applied?.n ?? 0, files };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest };
}

/** Reads the manifest and checks every file against it: none missing, changed or added. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  const manifestFile = join(dir, MANIFEST);
  if (!existsSync(manifestFile)) throw new BackupError(`${dir}: no ${MANIFEST}, not a backup`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as BackupManifest;
  if (manifest.format !== 1) throw new BackupError(`${dir}: unknown backup format ${manifest.format}`);
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const file of manifest.files) {
    const full = join(dir, file.path);
    if (!existsSync(full)) problems.push(`${file.path}: missing`);
    else if ((await sha256(full)) !== file.sha256) problems.push(`${file.path}: checksum differs`);
  }
  for (const path of filesUnder(dir))
    if (path !== MANIFEST && !listed.has(path)) problems.push(`${path}: not in the manifest`);
  if (!manifest.files.some((f) => f.path === DUMP)) problems.push(`${DUMP}: not in the manifest`);
  if (problems.length > 0)
    throw new BackupError(`${dir} does not match its manifest:\n  ${problems.join("\n  ")}`);
  return manifest;
}

/**
 * Restores a verified backup into an empty database (created beforehand, e.g. `createdb`) and
 * puts its media files back (existing files are kept). Nothing is touched if the check fails.
 */
export async function restoreBackup(options: {
  dir: string;
  databaseUrl: string;
  mediaDir: string;
  tools?: Tools;
}): Promise<BackupManifest> {
  const manifest = await verifyBackup(options.dir);
  const [tables] = await query<{ n: number }>(
    options.databaseUrl,
    "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
  );
  if ((tables?.n ?? 0) > 0)
    throw new BackupError(
      `the target database is not empty (${tables?.n} tables): restore into a new database, then point DATABASE_URL at it`,
    );
  await run(
    "pg_restore",
    [
      "--no-owner",
      "--no-privileges",
      "--exit-on-error",
      "--single-transaction",
      `--dbname=${options.databaseUrl}`,
      join(options.dir, DUMP),
    ],
    options.tools ?? {},
  );
  const media = join(options.dir, MEDIA);
  if (existsSync(media)) {
    mkdirSync(options.mediaDir, { recursive: true });
    cpSync(media, options.mediaDir, { recursive: true, force: false });
  }
  return manifest;
}
