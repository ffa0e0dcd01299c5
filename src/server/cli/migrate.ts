import { loadConfig } from "../platform/config";
import { openDatabase } from "../platform/db/client";
import { applyMigrations, migrationStatus } from "../platform/db/migrate";

// `npm run db:migrate`: the production release step (sandbox migrates by itself at start).
const config = loadConfig();
const database = await openDatabase(config);
try {
  await applyMigrations(database);
  const status = await migrationStatus(database);
  console.log(`migrations applied: ${status.applied}/${status.known} (${config.db.kind})`);
} finally {
  await database.close();
}
