import { DEFAULT_GRAPH_VERSION, graphVersionStanding } from "../contracts/graph-versions";
import { type BuiltApp, buildApp } from "./app";
import { demoAccount } from "./modules/accounts/demo-seed";
import { type Config, ConfigError, loadConfig } from "./platform/config";
import { loadOrCreateSandboxIntegrationSecrets } from "./platform/crypto/sandbox-secrets";
import { openDatabase } from "./platform/db/client";
import { newEventsOrigin } from "./platform/events/committed-events";
import { listenWorkerEndpoints } from "./platform/http/worker-endpoints";
import { createLogger, type Logger } from "./platform/logger";
import {
  isPreparationRun,
  needsPreparation,
  prepareInChildProcess,
  prepareSandboxDatabase,
  runPreparation,
} from "./sandbox-preparation";
import {
  asRole,
  isWorkerThreadRun,
  runWorkerThread,
  startWorkerThread,
  usesWorkerThread,
  type WorkerThread,
} from "./worker-thread";

/**
 * The sandbox's operator credential and single sign-on secret when none is configured: kept in the
 * data folder, the same at every start, printed beside the demo logins.
 */
function withSandboxIntegration(config: Config): Config {
  if (config.mode !== "sandbox") return config;
  const sso = config.sso;
  const hasSsoKey = Boolean(sso.hs256Secret || sso.publicKeyPem || sso.jwksUrl);
  if (config.operatorApiKey && hasSsoKey) return config;
  const secrets = loadOrCreateSandboxIntegrationSecrets(config.dataDir);
  return Object.freeze({
    ...config,
    operatorApiKey: config.operatorApiKey ?? secrets.operatorApiKey,
    sso: hasSsoKey ? sso : { ...sso, hs256Secret: secrets.ssoSecret },
  });
}

/** Months ahead, the operator hears that the configured Graph version is about to expire. */
const GRAPH_EXPIRY_WARNING_DAYS = 90;

function warnOfGraphVersionExpiry(config: Config, log: Logger): void {
  const standing = graphVersionStanding(config.meta.graphVersion, new Date());
  if (
    standing.kind === "usable" &&
    standing.daysLeft !== null &&
    standing.daysLeft <= GRAPH_EXPIRY_WARNING_DAYS
  )
    log.warn(
      { graphVersion: standing.version, expires: standing.expires, daysLeft: standing.daysLeft },
      `Graph API ${standing.version} expires on ${standing.expires}: set META_GRAPH_VERSION to ${DEFAULT_GRAPH_VERSION} or newer`,
    );
  if (standing.kind === "unknown")
    log.warn(
      { graphVersion: standing.version },
      `Graph API ${standing.version} is newer than the versions this release knows: check it against Meta's changelog`,
    );
}

async function main(): Promise<void> {
  if (isWorkerThreadRun()) return runWorkerThread();
  const config = withSandboxIntegration(loadConfig());
  if (isPreparationRun()) return runPreparation(config);
  const log = createLogger(config.log.level);
  warnOfGraphVersionExpiry(config, log);
  // Sandbox migrates at start (a new data folder in a child process that exits, to keep the server
  // light); production runs `npm run db:migrate` as a release step.
  const preparedApart =
    config.mode === "sandbox" && needsPreparation(config) ? await prepareInChildProcess() : null;
  const database = await openDatabase(config);
  const prepared =
    config.mode === "sandbox" ? (preparedApart ?? (await prepareSandboxDatabase(database, config))) : null;
  const demoCreated = prepared?.demoCreated ?? null;

  // ROLE=all on PostgreSQL: this thread is the web role, a second thread the worker. The thread
  // starts beside this thread's assembly (each loads its modules on its own core) and HTTP does not
  // wait for it: what is stored meanwhile is its first batch, so a restart answers Meta sooner.
  const onThread = usesWorkerThread(config);
  let built: BuiltApp | undefined;
  let workerThread: WorkerThread | null = null;
  const eventsOrigin = newEventsOrigin();
  const threadStarting = onThread
    ? startWorkerThread(new URL(import.meta.url), config, eventsOrigin, log, {
        onCommitted: (events) => built?.deps.committedEvents.publish(events),
        // Its deliveries and jobs are stored: the supervisor's restart takes them up again.
        onFailure: () => process.exit(1),
      })
    : null;
  built = await buildApp({
    config: onThread ? asRole(config, "web") : config,
    eventsOrigin,
    database,
    log,
    serveWeb: config.role !== "worker",
    ...(onThread && {
      wakeProcessing: () => workerThread?.wake(),
      moreMetrics: async () => (workerThread ? workerThread.metrics() : []),
    }),
  });
  if (!onThread && config.role !== "web") await built.startWorker();
  if (config.role !== "worker") await built.app.listen({ host: config.http.host, port: config.http.port });

  // A worker answers /healthz and its own /metrics on PORT, nothing else.
  const workerEndpoints =
    config.role === "worker"
      ? await listenWorkerEndpoints(built.deps.metrics, config.http.host, config.http.port)
      : null;

  if (demoCreated !== null) {
    const url = config.http.publicUrl;
    console.log(
      [
        "",
        "  LinkoJob WhatsApp is running in sandbox mode (embedded database, built-in Meta simulator).",
        `  Open ${url}`,
        `  Log in as the recruiter: ${demoAccount.recruiter.email} / ${demoAccount.recruiter.password}`,
        `  or as the owner:         ${demoAccount.owner.email} / ${demoAccount.owner.password}`,
        "",
        "  LinkoJob integration (docs/integration.md):",
        `  Operator API credential: Authorization: Bearer ${config.operatorApiKey ?? "(not set)"}`,
        config.sso.hs256Secret
          ? `  SSO signing secret (HS256): ${config.sso.hs256Secret}  (aud ${config.sso.audience}, iss ${config.sso.issuer})`
          : "  SSO: tokens are checked with the configured public key or JWKS",
        `  Then open ${url}/sso/linkojob?token=<a signed token>`,
        `  Data folder: ${config.dataDir}${demoCreated ? " (demo account created)" : ""}`,
        "",
      ].join("\n"),
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight requests and jobs");
    workerEndpoints?.close();
    await built.close();
    // A thread still starting is let start, then stopped: its first batch may be running.
    await (await threadStarting)?.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  if (threadStarting) workerThread = await threadStarting;

  // The sandbox lends LinkoJob's own numbers from the first start (the simulator's LinkoJob WABA),
  // once it is serving: the token's check is a Graph call to the simulator it mounts.
  if (config.role !== "worker" && built.simulator && config.operatorApiKey) {
    const operatorApiKey = config.operatorApiKey;
    void import("./sandbox-linkojob-numbers")
      .then(({ connectSandboxLinkojobNumbers }) =>
        connectSandboxLinkojobNumbers(built.app, operatorApiKey, log),
      )
      .catch((error: unknown) => log.warn({ err: error }, "sandbox: LinkoJob's numbers not connected"));
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
