import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { buildApp } from "./app";
import type { Config } from "./platform/config";
import { openDatabase } from "./platform/db/client";
import type { StoredDomainEvent } from "./platform/events/domain-events";
import type { MetricsAsJson } from "./platform/http/observability";
import type { Logger } from "./platform/logger";
import { createLogger } from "./platform/logger";

/**
 * `ROLE=all` on PostgreSQL runs its worker (webhook processing, sends, media, the folds, every job)
 * on a second thread of the same process. One event loop then answers HTTP and feeds the sockets
 * while the other builds and writes the batches, so on two cores the acknowledgements and the real
 * time no longer queue behind a batch's statements (BENCHMARKS.md, "Webhook ingest"). The thread is
 * the `ROLE=worker` assembly with its own pool; what crosses between the two is small:
 * - the HTTP side tells the thread a delivery was stored (its wake), instead of a NOTIFY;
 * - the thread hands its committed domain events to the sockets, as one process does, instead of
 *   the sockets reading them back after the NOTIFY (which still comes, and is dropped by id);
 * - `/metrics` on the HTTP side includes the thread's counters.
 * PGlite is one connection in one thread: the sandbox keeps one loop.
 */
const THREAD_KIND = "linkojob-worker-thread";
/** What the process logs once its worker thread runs. */
export const WORKER_THREAD_STARTED = "the worker runs on a thread of its own";

type ToThread = { type: "wake" } | { type: "metrics"; id: number } | { type: "stop" };
type FromThread =
  | { type: "ready" }
  | { type: "committed"; events: StoredDomainEvent[] }
  | { type: "metrics"; id: number; metrics: MetricsAsJson }
  | { type: "stopped" };

export interface WorkerThreadData {
  kind: typeof THREAD_KIND;
  config: Config;
  /** The process's token for the events it hands over: the thread's notifications name it. */
  eventsOrigin: string;
}

/** Whether this process runs its worker on a thread of its own. */
export function usesWorkerThread(config: Config): boolean {
  return config.role === "all" && config.db.kind === "postgres" && config.workerThread;
}

/** This thread is the worker thread of a `ROLE=all` process. */
export function isWorkerThreadRun(): boolean {
  return !isMainThread && (workerData as WorkerThreadData | undefined)?.kind === THREAD_KIND;
}

/** The process's configuration as one of its threads runs it: the web role, or the worker. */
export function asRole(config: Config, role: "web" | "worker"): Config {
  return Object.freeze({ ...config, role });
}

/** The thread's part: the worker assembly, started, answering the HTTP side's messages. */
export async function runWorkerThread(): Promise<void> {
  const port = parentPort!;
  const { config, eventsOrigin } = workerData as WorkerThreadData;
  const log = createLogger(config.log.level).child({ thread: "worker" });
  const database = await openDatabase(config);
  // The sandbox's simulator is mounted by the HTTP side; Graph calls reach it there.
  const built = await buildApp({
    config,
    database,
    log,
    processMetrics: false,
    mountSimulator: false,
    eventsOrigin,
  });
  const send = (message: FromThread) => port.postMessage(message);
  built.deps.committedEvents.subscribe((events) => send({ type: "committed", events }));
  port.on("message", (message: ToThread) => {
    if (message.type === "wake") built.webhookProcessor.wake();
    else if (message.type === "metrics")
      void built.deps.metrics
        .getMetricsAsJSON()
        .then((metrics) => send({ type: "metrics", id: message.id, metrics }))
        .catch(() => send({ type: "metrics", id: message.id, metrics: [] }));
    else if (message.type === "stop")
      void built
        .close()
        .then(() => database.close())
        .finally(() => {
          send({ type: "stopped" });
          port.close();
        });
  });
  await built.startWorker();
  send({ type: "ready" });
}

/**
 * The thread's code for a TypeScript entry (development, tests, run from the repository): tsx's
 * loader does not follow a thread, so the thread registers it before loading the entry.
 */
function withTsx(entry: URL): string {
  return `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
}

export interface WorkerThread {
  /** Tells the thread's processing loops a delivery was stored. */
  wake(): void;
  /** The thread's metrics (empty if it does not answer within 2 s). */
  metrics(): Promise<MetricsAsJson>;
  /** Lets the thread finish its jobs and close, then ends it. */
  stop(): Promise<void>;
}

/**
 * Starts `entry` (the process's own entry point: `main.ts` through `tsx` in development, the built
 * `main.js` in production) as the worker thread and waits until its worker runs. Committed events
 * go to `onCommitted`. A thread that fails or ends unasked goes to `onFailure`: main exits, since
 * its deliveries and jobs are stored and the supervisor's restart picks them up.
 */
export async function startWorkerThread(
  entry: URL,
  config: Config,
  eventsOrigin: string,
  log: Logger,
  handlers: { onCommitted(events: StoredDomainEvent[]): void; onFailure(error: Error): void },
): Promise<WorkerThread> {
  const data: WorkerThreadData = { kind: THREAD_KIND, config: asRole(config, "worker"), eventsOrigin };
  const worker = entry.pathname.endsWith(".ts")
    ? new Worker(withTsx(entry), { eval: true, workerData: data })
    : new Worker(entry, { workerData: data });
  const waitingMetrics = new Map<number, (metrics: MetricsAsJson) => void>();
  let nextMetricsId = 1;
  let stopping = false;
  let onStopped: (() => void) | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: FromThread) => {
      if (message.type === "committed") handlers.onCommitted(message.events);
      else if (message.type === "ready") resolve();
      else if (message.type === "metrics") {
        waitingMetrics.get(message.id)?.(message.metrics);
        waitingMetrics.delete(message.id);
      } else if (message.type === "stopped") onStopped?.();
    });
    const fail = (error: Error) => {
      reject(error);
      handlers.onFailure(error);
    };
    worker.on("error", (error) => {
      log.fatal({ err: error }, "the worker thread failed");
      fail(error);
    });
    worker.on("exit", (code) => {
      if (stopping) return onStopped?.();
      log.fatal({ code }, "the worker thread ended unasked");
      fail(new Error(`the worker thread ended (exit code ${code})`));
    });
  });
  await ready;
  log.info({ threadId: worker.threadId }, WORKER_THREAD_STARTED);

  const post = (message: ToThread) => worker.postMessage(message);
  return {
    wake: () => post({ type: "wake" }),
    metrics() {
      const id = nextMetricsId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waitingMetrics.delete(id);
          resolve([]);
        }, 2000);
        waitingMetrics.set(id, (metrics) => {
          clearTimeout(timer);
          resolve(metrics);
        });
        post({ type: "metrics", id });
      });
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      await new Promise<void>((resolve) => {
        onStopped = resolve;
        post({ type: "stop" });
      });
      await worker.terminate();
    },
  };
}
