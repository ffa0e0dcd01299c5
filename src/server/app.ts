import { createServer } from "node:http";
import cookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Simulator, SimulatorOptions } from "../simulator/index";
import type { ServerDeps } from "./deps";
import { allJobs } from "./jobs";
import { apiKeysRoutes } from "./modules/accounts/api-keys.routes";
import { registerAuthHook } from "./modules/accounts/auth.hook";
import { authRoutes } from "./modules/accounts/auth.routes";
import { clientsRoutes } from "./modules/accounts/clients.routes";
import { ssoRoutes } from "./modules/accounts/sso/sso.routes";
import { SsoVerifier } from "./modules/accounts/sso/sso-token";
import { DatabaseTokenUses, RedisTokenUses, type TokenUses } from "./modules/accounts/sso/token-uses";
import { usersRoutes } from "./modules/accounts/users.routes";
import { auditRoutes } from "./modules/audit/audit.routes";
import { automationRoutes } from "./modules/automation/automation.routes";
import { campaignsRoutes } from "./modules/campaigns/campaigns.routes";
import { registerConnectionMetrics } from "./modules/connections/connection-metrics";
import { connectionsRoutes } from "./modules/connections/connections.routes";
import { conversationsRoutes } from "./modules/conversations/conversations.routes";
import { notesRoutes } from "./modules/conversations/notes.routes";
import { pipelineRoutes } from "./modules/conversations/pipeline.routes";
import { mergeChatWordParts } from "./modules/conversations/search-compaction.repository";
import { foldConversationTallies } from "./modules/conversations/tally-fold.repository";
import { costsRoutes } from "./modules/costs/costs.routes";
import { foldRollupDeltas } from "./modules/costs/rollup-fold.repository";
import { dataRightsRoutes } from "./modules/data-rights/data-rights.routes";
import { mediaUploadRoutes } from "./modules/messaging/media/media.routes";
import { messagesRoutes } from "./modules/messaging/messages.routes";
import { operatorRoutes } from "./modules/operator/operator.routes";
import { type Resolver, systemResolver } from "./modules/outbound-webhooks/address-guard";
import { OutboundWebhookDispatcher } from "./modules/outbound-webhooks/dispatcher";
import { webhookEndpointsRoutes } from "./modules/outbound-webhooks/endpoints.routes";
import { quickRepliesRoutes } from "./modules/quick-replies/quick-replies.routes";
import { reportsRoutes } from "./modules/reports/reports.routes";
import { templatesRoutes } from "./modules/templates/templates.routes";
import { linkojobNumbersRoutes } from "./modules/virtual-numbers/linkojob-numbers.routes";
import { deliveryAcceptor } from "./modules/webhooks/accept-delivery";
import { deliverySignal, listenForDeliveries } from "./modules/webhooks/delivery-signal";
import { webhookRoutes } from "./modules/webhooks/webhook.routes";
import { webhookFastPath } from "./modules/webhooks/webhook-fast-path";
import { WebhookProcessor } from "./modules/webhooks/webhook-processor";
import {
  type AttemptCounters,
  MemoryAttemptCounters,
  RedisAttemptCounters,
} from "./platform/attempt-counters";
import type { Config } from "./platform/config";
import { loadOrCreateSandboxKeys, TokenVault } from "./platform/crypto/token-vault";
import { DatabaseAvailability } from "./platform/db/availability";
import type { Database } from "./platform/db/client";
import { DeltaFolder } from "./platform/db/delta-folder";
import { CommittedEvents } from "./platform/events/committed-events";
import { GraphClient } from "./platform/graph/graph-client";
import { registerErrorHandler } from "./platform/http/error-handler";
import { registerInputGuard } from "./platform/http/input-guard";
import {
  createMetricsRegistry,
  graphErrorCounter,
  type MoreMetrics,
  queueDepthGauge,
  registerObservability,
} from "./platform/http/observability";
import { registerOpenApi } from "./platform/http/openapi";
import { requestIdOf } from "./platform/http/request-id";
import { registerSecurity } from "./platform/http/security";
import { registerNotFound, registerStaticWeb } from "./platform/http/static-web";
import { JobQueue } from "./platform/jobs/queue";
import { createLogger, type Logger } from "./platform/logger";
import { attachRealtime, type Realtime } from "./platform/realtime/attach-realtime";
import { LiveSockets } from "./platform/realtime/live-sockets";
import { LocalMediaStorage } from "./platform/storage/media-storage";

export interface BuildOptions {
  config: Config;
  database: Database;
  log?: Logger;
  /** Serve the built dashboard from dist/web (off in API tests). */
  serveWeb?: boolean;
  /** Mount the Meta simulator at /simulator: the default in sandbox mode, never live. */
  mountSimulator?: boolean;
  /** Simulator settings (faster status delays in tests). */
  simulatorOptions?: Partial<SimulatorOptions>;
  /** How webhook endpoints' host names resolve (the system's DNS; tests play a rebinding name). */
  resolveHost?: Resolver;
  /** Where a stored delivery's wake goes when the worker is a thread of this process. */
  wakeProcessing?: () => void;
  /** Node's and the process's own metrics (off on a worker thread: the process reports them once). */
  processMetrics?: boolean;
  /** Metrics kept elsewhere in this process (a worker thread's), merged into `/metrics`. */
  moreMetrics?: MoreMetrics;
  /** The process's token for the events it hands over (`CommittedEvents`): its threads share one. */
  eventsOrigin?: string;
}

export interface BuiltApp {
  app: FastifyInstance;
  deps: ServerDeps;
  /** The worker's webhook delivery loop (tests drain it with `processPendingDeliveries`). */
  webhookProcessor: WebhookProcessor;
  /** The worker's outbound webhook sender (the client's endpoints). */
  webhookDispatcher: OutboundWebhookDispatcher;
  /** The in-process Meta simulator (sandbox mode), for the control API in tests. */
  simulator: Simulator | null;
  /** The Socket.io gateway, when this process serves HTTP (null for a worker-only process). */
  realtime: Realtime | null;
  /** The worker role: start running jobs in this process. */
  startWorker(options?: { pollingIntervalSeconds?: number }): Promise<void>;
  /** Stops taking requests and jobs, lets in-flight work finish, then closes. */
  close(): Promise<void>;
}

/** Web instances share login throttling through Redis when there is one; a worker logs no one in. */
function attemptCountersFor(config: Config, log: Logger): Promise<AttemptCounters> | AttemptCounters {
  if (!config.redisUrl || config.role === "worker") return new MemoryAttemptCounters();
  return RedisAttemptCounters.connect(config.redisUrl, log);
}

/** Token ids in Redis when there is one (web instances only: a worker signs no one on). */
function tokenUsesFor(config: Config, database: Database, log: Logger): Promise<TokenUses> | TokenUses {
  if (!config.redisUrl || config.role === "worker") return new DatabaseTokenUses(database.db);
  return RedisTokenUses.connect(config.redisUrl, database.db, log);
}

/** The one assembly of the server, used by main, the worker and the tests. */
export async function buildApp(options: BuildOptions): Promise<BuiltApp> {
  const { config, database } = options;
  const log = options.log ?? createLogger(config.log.level);
  const queue = new JobQueue<ServerDeps>(database, log.child({ component: "jobs" }), {
    connectionString: config.db.kind === "postgres" ? config.db.url : undefined,
  });
  await queue.start(allJobs);
  const metrics = createMetricsRegistry({ processMetrics: options.processMetrics ?? true });
  const graphErrors = graphErrorCounter(metrics);
  queueDepthGauge(metrics, () => queue.queueSizes());
  registerConnectionMetrics(metrics, database.db);
  const deps: ServerDeps = {
    config,
    database,
    databaseAvailability: new DatabaseAvailability(() => database.query("SELECT 1"), log),
    log,
    queue,
    metrics,
    graph: new GraphClient({
      baseUrl: config.meta.graphBaseUrl,
      version: config.meta.graphVersion,
      appId: config.meta.appId,
      appSecret: config.meta.appSecret,
      timeoutMs: config.meta.graphTimeoutMs,
      onError: (error) => graphErrors.inc({ code: String(error.code ?? "none") }),
    }),
    vault: new TokenVault(config.tokenEncryptionKeys ?? loadOrCreateSandboxKeys(config.dataDir)),
    media: new LocalMediaStorage(config.mediaDir),
    attemptCounters: await attemptCountersFor(config, log),
    committedEvents: new CommittedEvents(options.eventsOrigin),
    sockets: new LiveSockets(),
    sso: { verifier: new SsoVerifier(config.sso), tokenUses: await tokenUsesFor(config, database, log) },
    resolveHost: options.resolveHost ?? systemResolver,
  };

  const webhookProcessor = new WebhookProcessor(deps);
  const onStored =
    options.wakeProcessing ?? deliverySignal(config, database, log, () => webhookProcessor.wake());
  const acceptDelivery = deliveryAcceptor(deps, onStored);
  const webhookPost = webhookFastPath(deps, acceptDelivery);

  const app = Fastify({
    // Meta's deliveries go around Fastify's request chain; everything else goes to Fastify.
    serverFactory: (handler, options) => {
      const server = createServer(webhookPost.listener(handler));
      // What Fastify sets on the servers it creates itself (its defaults filled in by then).
      const given = options as {
        keepAliveTimeout?: number;
        requestTimeout?: number;
        connectionTimeout?: number;
      };
      server.keepAliveTimeout = given.keepAliveTimeout ?? server.keepAliveTimeout;
      server.requestTimeout = given.requestTimeout ?? server.requestTimeout;
      server.setTimeout(given.connectionTimeout ?? 0);
      return server;
    },
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.http.trustProxy,
    genReqId: (req) => requestIdOf(req.headers),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });

  registerErrorHandler(app, deps.databaseAvailability);
  registerInputGuard(app);
  await app.register(cookie);
  await registerSecurity(app, config, deps.attemptCounters);
  await registerOpenApi(app, config.http.publicUrl);
  registerAuthHook(app, deps);
  registerObservability(app, deps, options.moreMetrics);

  await app.register(authRoutes, { deps });
  await app.register(ssoRoutes, { deps });
  await app.register(usersRoutes);
  await app.register(apiKeysRoutes);
  await app.register(clientsRoutes);
  await app.register(auditRoutes);
  await app.register(connectionsRoutes);
  await app.register(linkojobNumbersRoutes);
  await app.register(templatesRoutes);
  await app.register(conversationsRoutes);
  await app.register(notesRoutes);
  await app.register(pipelineRoutes);
  await app.register(messagesRoutes);
  await app.register(mediaUploadRoutes);
  await app.register(campaignsRoutes);
  await app.register(operatorRoutes, { deps });
  await app.register(webhookEndpointsRoutes);
  await app.register(quickRepliesRoutes);
  await app.register(automationRoutes);
  const webhookDispatcher = new OutboundWebhookDispatcher(deps, { resolver: deps.resolveHost });
  const searchPartsSeen = { after: 0 };
  const deltaFolders = [
    new DeltaFolder(
      () => foldRollupDeltas(database.db),
      log.child({ component: "cost-rollups" }),
      "the cost deltas",
    ),
    new DeltaFolder(
      () => foldConversationTallies(database.db),
      log.child({ component: "conversation-tallies" }),
      "the inbox tally deltas",
    ),
    new DeltaFolder(
      () => mergeChatWordParts(database.db, searchPartsSeen),
      log.child({ component: "conversation-search" }),
      "the chats' word parts",
    ),
  ];
  await app.register(costsRoutes);
  await app.register(reportsRoutes);
  await app.register(dataRightsRoutes);
  await app.register(webhookRoutes, { deps, accept: acceptDelivery });
  app.addHook("preClose", async () => webhookPost.close());
  let deliveryListener: Awaited<ReturnType<typeof listenForDeliveries>> = null;

  const simulator =
    (options.mountSimulator ?? config.mode === "sandbox") && config.mode === "sandbox"
      ? await (await import("./sandbox-simulator")).mountSimulator(app, config, log, options.simulatorOptions)
      : null;

  const realtime = config.role === "worker" ? null : await attachRealtime(app, deps);
  const hasWeb = options.serveWeb ? await registerStaticWeb(app) : false;
  registerNotFound(app, hasWeb);

  return {
    app,
    deps,
    webhookProcessor,
    webhookDispatcher,
    async startWorker(workerOptions) {
      await queue.work(deps, workerOptions);
      webhookProcessor.start();
      const pollSeconds = workerOptions?.pollingIntervalSeconds;
      await webhookDispatcher.start(pollSeconds ? { pollMs: pollSeconds * 1000 } : {});
      for (const folder of deltaFolders) folder.start();
      deliveryListener = await listenForDeliveries(config, log, () => webhookProcessor.wake());
    },
    simulator,
    realtime,
    async close() {
      // Sockets first: their handlers use the database, which the caller closes after this. Each
      // step runs even if one before it failed (the database gone at shutdown), so none stays open.
      const steps = [
        () => realtime?.close(),
        () => app.close(),
        () => deliveryListener?.close(),
        () => webhookProcessor.stop(),
        () => webhookDispatcher.stop(),
        () => Promise.all(deltaFolders.map((folder) => folder.stop())),
        () => queue.stop(),
        () => deps.graph.close(),
        () => deps.databaseAvailability.close(),
        () => deps.attemptCounters.close(),
        () => deps.sso.tokenUses.close(),
        () => simulator?.close(),
      ];
      for (const step of steps) {
        await Promise.resolve()
          .then(step)
          .catch((error: unknown) => log.warn({ err: error }, "a shutdown step failed"));
      }
    },
  };
}
