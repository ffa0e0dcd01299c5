import { resolve } from "node:path";
import { BackupError, createBackup } from "../platform/backup/backup";
import { loadConfig } from "../platform/config";

// `npm run backup -- <folder>`: the database (pg_dump, custom format) and the media folder, with a
// manifest of checksums, in a new folder under <folder> (default ./backups). Live mode only: the
// sandbox's data is its DATA_DIR folder (stop it and copy the folder). PG_BIN_DIR picks the
// pg_dump to use (its major version at least the server's).
const config = loadConfig();
if (config.db.kind !== "postgres") {
  console.error("backup: live mode only (DATABASE_URL). In the sandbox, stop it and copy DATA_DIR.");
  process.exit(2);
}
try {
  const { dir, manifest } = await createBackup({
    databaseUrl: config.db.url,
    mediaDir: config.mediaDir,
    outDir: resolve(process.argv[2] ?? "backups"),
    tools: { pgBinDir: process.env.PG_BIN_DIR },
  });
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `backup written: ${dir} (${manifest.files.length} files, ${bytes} bytes, ${manifest.migrationsApplied} migrations)`,
  );
} catch (error) {
  console.error(error instanceof BackupError ? `backup: ${error.message}` : error);
  process.exit(1);
}
