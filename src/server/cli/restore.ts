import { resolve } from "node:path";
import { BackupError, restoreBackup } from "../platform/backup/backup";
import { loadConfig } from "../platform/config";

// `npm run restore -- <backup folder>`: checks every file against the manifest, then restores the
// database into DATABASE_URL (which must be empty: create a new one) and the media into MEDIA_DIR.
// Then `npm run db:migrate` if the code is newer than the backup, and start.
const config = loadConfig();
const dir = process.argv[2];
if (config.db.kind !== "postgres" || !dir) {
  console.error("usage: DATABASE_URL=<an empty database> npm run restore -- <backup folder>");
  process.exit(2);
}
try {
  const manifest = await restoreBackup({
    dir: resolve(dir),
    databaseUrl: config.db.url,
    mediaDir: config.mediaDir,
    tools: { pgBinDir: process.env.PG_BIN_DIR },
  });
  console.log(
    `restored the backup of ${manifest.createdAt}: ${manifest.files.length} files checked, ${manifest.migrationsApplied} migrations in it`,
  );
} catch (error) {
  console.error(error instanceof BackupError ? `restore: ${error.message}` : error);
  process.exit(1);
}
