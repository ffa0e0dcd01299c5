import { buildApp } from "./app";
import { demoAccount, seedDemoAccount } from "./modules/accounts/demo-seed";
import { ConfigError, loadConfig } from "./platform/config";
import { openDatabase } from "./platform/db/client";
import { applyMigrations } from "./platform/db/migrate";
import { createLogger } from "./platform/logger";

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.log.level);
  const database = await openDatabase(config);
  // Sandbox migrates at start; production runs `npm run db:migrate` as a release step.
  if (config.mode === "sandbox") await applyMigrations(database);
  const seeded =
    config.mode === "sandbox" && config.sandboxDemoSeed ? await seedDemoAccount(database.db) : null;

  const built = await buildApp({ config, database, log, serveWeb: config.role !== "worker" });
  if (config.role !== "web") await built.startWorker();
  if (config.role !== "worker") await built.app.listen({ host: config.http.host, port: config.http.port });

  if (seeded) {
    const url = config.http.publicUrl;
    console.log(
      [
        "",
        "  LinkoJob WhatsApp is running in sandbox mode (embedded database, built-in Meta simulator).",
        `  Open ${url}`,
        `  Log in as the recruiter: ${demoAccount.recruiter.email} / ${demoAccount.recruiter.password}`,
        `  or as the owner:         ${demoAccount.owner.email} / ${demoAccount.owner.password}`,
        `  Data folder: ${config.dataDir}${seeded.created ? " (demo account created)" : ""}`,
        "",
      ].join("\n"),
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight requests and jobs");
    await built.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
