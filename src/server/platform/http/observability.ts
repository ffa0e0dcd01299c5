import type { FastifyInstance } from "fastify";
import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from "prom-client";
import type { ServerDeps } from "../../deps";
import { migrationStatus } from "../db/migrate";
import { AppError } from "../errors";

/** Failed Graph API calls by Meta's code ("none" for network failures and timeouts). */
export function graphErrorCounter(registry: Registry): Counter {
  return new Counter({
    name: "graph_api_errors_total",
    help: "Failed Graph API calls by Meta error code",
    labelNames: ["code"],
    registers: [registry],
  });
}

/** Jobs waiting per queue (sends, media downloads, onboarding...), read when Prometheus scrapes. */
export function queueDepthGauge(registry: Registry, sizes: () => Promise<Record<string, number>>): Gauge {
  return new Gauge({
    name: "job_queue_depth",
    help: "Jobs waiting or running, per queue",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      // The database down: the last values stay (`database_up` says why).
      const current = await sizes().catch(() => null);
      for (const [queue, size] of Object.entries(current ?? {})) this.set({ queue }, size);
    },
  });
}

/**
 * The connection pool of this thread's role (web or worker: a `ROLE=all` process has one pool per
 * thread): its connections, the requests waiting for one, and how long each waited. A wait here is
 * the pool's, not the database's: a request queued behind others for a connection.
 */
function databasePoolMetrics(registry: Registry, database: ServerDeps["database"], role: string): void {
  const { pool } = database;
  if (!pool) return;
  const waits = new Histogram({
    name: "database_pool_wait_seconds",
    help: "Time from asking the pool for a connection to having one, by the thread's role",
    labelNames: ["role"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  pool.onWait((seconds) => waits.observe({ role }, seconds));
  new Gauge({
    name: "database_pool_connections",
    help: "The pool's connections, busy or idle, and the requests waiting for one, by the thread's role",
    labelNames: ["role", "state"],
    registers: [registry],
    collect() {
      const { total, idle, waiting } = pool.stats();
      this.set({ role, state: "busy" }, total - idle);
      this.set({ role, state: "idle" }, idle);
      this.set({ role, state: "waiting" }, waiting);
    },
  });
}

/** A registry per app instance, so tests that build several apps never share counters. */
export function createMetricsRegistry({ processMetrics = true } = {}): Registry {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

/** A registry's metrics as JSON, as they cross from a worker thread. */
export type MetricsAsJson = MetricObjectWithValues<MetricValue<string>>[];

/** Metrics kept by another registry of the same process (a worker thread's), as JSON. */
export type MoreMetrics = () => Promise<MetricsAsJson>;

/**
 * One exposition of several registries of one process: counters and histograms add up (each
 * thread counts its own work); gauges take the highest, since each thread reads the same figure
 * (queue depths, connections, the database's reachability) or only one of them sets it.
 */
export async function mergedMetrics(registry: Registry, more: MoreMetrics): Promise<string> {
  // The typings say an enum; the JSON holds the exposition's word ("gauge").
  const byType = (metrics: MetricsAsJson) =>
    metrics.map(
      (metric) => ({ ...metric, aggregator: String(metric.type) === "gauge" ? "max" : "sum" }) as const,
    );
  const [local, other] = await Promise.all([registry.getMetricsAsJSON(), more()]);
  return AggregatorRegistry.aggregate([byType(local), byType(other)]).metrics();
}

const httpMetricsOf = new WeakMap<Registry, ReturnType<typeof createHttpMetrics>>();

function createHttpMetrics(registry: Registry) {
  return {
    duration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration by route and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    // Answers refused with a product error code (budget_exceeded, rate_limited, service_unavailable…).
    errors: new Counter({
      name: "api_errors_total",
      help: "Requests answered with an error, by the product's error code (other: not a product error)",
      labelNames: ["code"],
      registers: [registry],
    }),
  };
}

/** The HTTP answers' metrics of a registry (created once per registry): Fastify's hooks and the webhook fast path count in them. */
export function httpMetrics(registry: Registry) {
  let metrics = httpMetricsOf.get(registry);
  if (!metrics) {
    metrics = createHttpMetrics(registry);
    httpMetricsOf.set(registry, metrics);
  }
  return metrics;
}

/** `/healthz` (the process answers), `/readyz` (database reachable, migrations applied), `/metrics`. */
export function registerObservability(
  app: FastifyInstance,
  {
    database,
    databaseAvailability,
    metrics: registry,
    config,
  }: Pick<ServerDeps, "database" | "databaseAvailability" | "metrics" | "config">,
  moreMetrics?: MoreMetrics,
): void {
  databasePoolMetrics(registry, database, config.role);
  const { duration, errors } = httpMetrics(registry);
  app.addHook("onResponse", async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook("onError", async (_request, _reply, error) => {
    errors.inc({ code: error instanceof AppError ? error.code : "other" });
  });
  new Gauge({
    name: "database_up",
    help: "1 when this instance reaches the database (a query answers in 2 s), 0 otherwise",
    registers: [registry],
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), 2000);
      });
      const ok = await Promise.race([database.query("SELECT 1"), timeout]).then(
        () => true,
        () => false,
      );
      clearTimeout(timer);
      this.set(ok ? 1 : 0);
    },
  });

  const hidden = { schema: { hide: true } };
  app.get("/healthz", hidden, async () => ({ status: "ok" }));

  app.get("/readyz", hidden, async (_request, reply) => {
    try {
      const { known, applied } = await migrationStatus(database);
      databaseAvailability.reportSuccess();
      if (applied < known) {
        return reply
          .status(503)
          .send({ status: "not_ready", reason: `${known - applied} migration(s) pending` });
      }
      return { status: "ready", migrations: applied };
    } catch (error) {
      // An outage is logged once by the availability tracker; anything else here is news.
      if (!databaseAvailability.reportFailure(error)) app.log.warn({ err: error }, "readiness check failed");
      return reply.status(503).send({ status: "not_ready", reason: "database unreachable" });
    }
  });

  app.get("/metrics", hidden, async (_request, reply) => {
    void reply.type(registry.contentType);
    return moreMetrics ? mergedMetrics(registry, moreMetrics) : registry.metrics();
  });
}
