import { type SQL, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { z } from "zod";
import type { Database, Db } from "../db/client";
import type { Logger } from "../logger";
import type { JobDefinition, JobReference } from "./define-job";
import { WorkerLoop } from "./worker-loop";

// biome-ignore lint/suspicious/noExplicitAny: a registry holds jobs of every payload type.
export type AnyJob<Deps> = JobDefinition<any, Deps>;

/** Runs pg-boss's parameterised SQL through a Drizzle transaction, so a job commits with its data. */
function transactionExecutor(tx: Db): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [];
      parts.forEach((part, i) => {
        // sql.param keeps arrays as one parameter; pg-boss passes unset options as undefined.
        chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1] ?? null)}`);
      });
      const result = (await tx.execute(sql.join(chunks))) as unknown as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}

export interface EnqueueOptions {
  /** The caller's transaction: the job exists if and only if the transaction commits. */
  tx?: Db;
  startAfterSeconds?: number;
  /**
   * Not before this instant. Inside a transaction prefer it to `startAfterSeconds`: the executor
   * splits pg-boss's repeated parameter, and a number then fails the timestamp cast PostgreSQL infers.
   */
  startAfter?: Date;
  /** At most one queued job with this key (pg-boss singleton). */
  singletonKey?: string;
  /**
   * The job's own id: a second enqueue with the same id (and job name) adds nothing, so a step
   * that queues the next one stays idempotent when it runs again (see `jobIdOf`). pg-boss keeps
   * a completed job's id taken for 12 hours, until it archives the job.
   */
  id?: string;
}

/**
 * How often pg-boss's maintenance (one instance at a time) looks for jobs whose attempt outlived
 * its `expireInSeconds` (a process killed mid-job leaves them `active`) and puts them back for a
 * retry: a job a dead process held is taken again within its expiry plus this. pg-boss's default,
 * 2 minutes, would add up to that to every recovery; each pass reads the job table once or twice.
 */
const MAINTENANCE_INTERVAL_SECONDS = 10;

/** Durable jobs on the application database (pg-boss), on PostgreSQL and PGlite alike. */
export class JobQueue<Deps> {
  readonly boss: PgBoss;
  private readonly jobs = new Map<string, AnyJob<Deps>>();
  private readonly loops = new Map<string, WorkerLoop<Deps>>();
  private started = false;

  constructor(
    database: Database,
    private readonly log: Logger,
    options: { connectionString?: string } = {},
  ) {
    const executor = { executeSql: (text: string, values?: unknown[]) => database.query(text, values) };
    this.boss = new PgBoss({
      // Live mode gives pg-boss its own small pool; PGlite has one connection, shared through the executor.
      ...(options.connectionString
        ? { connectionString: options.connectionString, max: 6 }
        : { db: executor }),
      schema: "pgboss",
      supervise: true,
      maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
      schedule: true,
    });
    this.boss.on("error", (error) => this.log.error({ err: error }, "job queue error"));
  }

  /**
   * Installs pg-boss's schema when missing and creates a queue for each job, or brings an existing
   * queue's policy (retries, expiry) to the job's definition: pg-boss keeps a queue's first one.
   */
  async start(jobs: AnyJob<Deps>[]): Promise<void> {
    if (!this.started) {
      await this.boss.start();
      this.started = true;
    }
    for (const job of jobs) {
      this.jobs.set(job.name, job);
      const policy = {
        name: job.name,
        retryLimit: job.retry.limit,
        retryDelay: job.retry.delaySeconds,
        retryBackoff: job.retry.backoff,
        expireInSeconds: job.expireInSeconds ?? 15 * 60,
      };
      await this.boss.createQueue(job.name, policy);
      await this.boss.updateQueue(job.name, policy);
      if (job.schedule) await this.boss.schedule(job.name, job.schedule, {});
    }
  }

  /** Validates the payload and enqueues it, inside `options.tx` when given. Returns the job id. */
  async enqueue<S extends z.ZodType>(
    job: JobReference<S>,
    payload: z.infer<S>,
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    const data = job.schema.parse(payload) as object;
    const id = await this.boss.send(job.name, data, {
      ...(options.tx ? { db: transactionExecutor(options.tx) } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.id ? { id: options.id } : {}),
    });
    // Same process: wake the worker now rather than at its next poll (after commit it finds the job).
    if (!options.startAfterSeconds && !options.startAfter)
      this.loops.get(job.name)?.wake(options.tx ? 20 : 0);
    return id;
  }

  /** Validates the payloads and enqueues them all in one statement, inside `tx` (no options). */
  async enqueueMany<S extends z.ZodType>(
    job: JobReference<S>,
    payloads: z.infer<S>[],
    tx: Db,
  ): Promise<void> {
    if (payloads.length === 0) return;
    const jobs = payloads.map((payload) => ({ name: job.name, data: job.schema.parse(payload) as object }));
    await this.boss.insert(jobs, { db: transactionExecutor(tx) });
    this.loops.get(job.name)?.wake(20);
  }

  /** The worker role: runs every registered job's handler. */
  async work(deps: Deps, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
    for (const job of this.jobs.values()) {
      if (this.loops.has(job.name)) continue;
      const loop = new WorkerLoop(this.boss, job, deps, this.log.child({ job: job.name }), {
        pollingIntervalMs: (options.pollingIntervalSeconds ?? 2) * 1000,
      });
      this.loops.set(job.name, loop);
      loop.start();
    }
  }

  /** Jobs waiting or running, per queue, for metrics. */
  async queueSizes(): Promise<Record<string, number>> {
    const sizes: Record<string, number> = {};
    for (const name of this.jobs.keys()) sizes[name] = await this.boss.getQueueSize(name);
    return sizes;
  }

  getJobById(name: string, id: string) {
    return this.boss.getJobById(name, id);
  }

  /** Stops taking new jobs and waits for the ones in flight (up to `timeoutMs`). */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    const loops = [...this.loops.values()];
    this.loops.clear();
    await Promise.race([
      Promise.all(loops.map((loop) => loop.stop())),
      new Promise((resolve) => setTimeout(resolve, timeoutMs)),
    ]);
    await this.boss.stop({ graceful: false, wait: true, close: true });
  }
}
