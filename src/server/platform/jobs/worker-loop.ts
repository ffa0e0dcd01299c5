import type PgBoss from "pg-boss";
import type { Logger } from "../logger";
import type { AnyJob } from "./queue";

/**
 * One job's worker. Per job: keeps up to `batchSize` jobs running in parallel, fetching more once
 * half of them are done (so one slow job does not hold back the next fetch). With a batch handler:
 * each fetch of up to `batchSize` jobs is handled in one call, and the next is fetched once fewer
 * than `batchesPreparing` running batches have yet to say so (`readyForNext`), up to
 * `batchesInFlight` running at once (so the next batches' reads and reservations overlap the
 * current one's waits). Either way a
 * failure is recorded per job (one failure does not retry its neighbours), and it polls when
 * idle. Stopping lets the work in flight finish.
 */
export class WorkerLoop<Deps> {
  private stopping = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** Running batches that have not said the next may be fetched. */
  private holding = 0;

  constructor(
    private readonly boss: PgBoss,
    private readonly job: AnyJob<Deps>,
    private readonly deps: Deps,
    private readonly log: Logger,
    private readonly options: { pollingIntervalMs: number },
  ) {}

  start(): void {
    this.running = this.loop();
  }

  /** Fetch now instead of at the next poll (after `delayMs`, to let an enqueuing transaction commit). */
  wake(delayMs = 0): void {
    const wake = this.wakeUp;
    if (!wake) return;
    if (delayMs > 0) setTimeout(wake, delayMs);
    else wake();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
  }

  /** Until a job in flight ends, a wake-up, or the polling interval. */
  private async idle(inFlight: Set<Promise<void>>): Promise<void> {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, this.options.pollingIntervalMs);
      this.wakeUp = done;
      for (const running of inFlight) void running.then(done);
    });
    this.wakeUp = null;
  }

  /** How many jobs to fetch now, given the work in flight (0: wait for some of it to end). */
  private room(inFlight: number): number {
    const limit = this.job.batchSize ?? 1;
    if (this.job.handleBatch)
      return this.holding < (this.job.batchesPreparing ?? 1) && inFlight < (this.job.batchesInFlight ?? 1)
        ? limit
        : 0;
    return inFlight > limit / 2 ? 0 : limit - inFlight;
  }

  private async loop(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const track = (work: Promise<void>) => {
      const running: Promise<void> = work.finally(() => inFlight.delete(running));
      inFlight.add(running);
    };
    while (!this.stopping) {
      const room = this.room(inFlight.size);
      if (room === 0) {
        await this.idle(inFlight);
        continue;
      }
      let batch: PgBoss.JobWithMetadata[] = [];
      try {
        batch = (await this.boss.fetch(this.job.name, {
          batchSize: room,
          includeMetadata: true,
        })) as PgBoss.JobWithMetadata[];
      } catch (error) {
        this.log.warn({ err: error }, "fetching jobs failed");
      }
      if (batch.length > 0 && this.job.handleBatch) track(this.runBatch(batch));
      else for (const raw of batch) track(this.run(raw));
      if (batch.length === 0) await this.idle(inFlight);
    }
    await Promise.all(inFlight);
  }

  /** One call for the batch; its successes completed in one statement, each failure on its own. */
  private async runBatch(batch: PgBoss.JobWithMetadata[]): Promise<void> {
    const failures = new Map<string, Error>();
    const items = [];
    for (const raw of batch) {
      const parsed = this.job.schema.safeParse(raw.data);
      if (!parsed.success) failures.set(raw.id, parsed.error);
      else
        items.push({
          jobId: raw.id,
          payload: parsed.data,
          retryCount: raw.retryCount,
          isLastAttempt: raw.retryCount >= raw.retryLimit,
        });
    }
    let held = true;
    this.holding += 1;
    const readyForNext = () => {
      if (!held) return;
      held = false;
      this.holding -= 1;
      this.wakeUp?.();
    };
    try {
      const failed = await this.job.handleBatch!(items, { log: this.log, deps: this.deps, readyForNext });
      for (const [id, error] of failed) failures.set(id, error);
    } catch (error) {
      // The batch as a whole broke (e.g. the database went away): every job is retried.
      for (const item of items)
        failures.set(item.jobId, error instanceof Error ? error : new Error(String(error)));
    } finally {
      readyForNext();
    }
    const done = batch.filter((raw) => !failures.has(raw.id)).map((raw) => raw.id);
    if (done.length > 0)
      await this.boss.complete(this.job.name, done).catch((error: unknown) => {
        // Left active, they expire and run again; a sent message is then found sent and skipped.
        this.log.error({ err: error, jobs: done.length }, "could not complete the batch's jobs");
      });
    await Promise.all(
      [...failures].map(([id, error]) => {
        const raw = batch.find((r) => r.id === id);
        this.log.warn({ err: error, jobId: id, retryCount: raw?.retryCount }, "job attempt failed");
        return this.recordFailure(id, error);
      }),
    );
  }

  private async recordFailure(id: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.boss.fail(this.job.name, id, { message }).catch((failError: unknown) => {
      this.log.error({ err: failError, jobId: id }, "could not record the job's failure");
    });
  }

  private async run(raw: PgBoss.JobWithMetadata): Promise<void> {
    const log = this.log.child({ jobId: raw.id });
    try {
      const payload = this.job.schema.parse(raw.data);
      await this.job.handler(payload, {
        jobId: raw.id,
        log,
        deps: this.deps,
        retryCount: raw.retryCount,
        isLastAttempt: raw.retryCount >= raw.retryLimit,
      });
      await this.boss.complete(this.job.name, raw.id);
    } catch (error) {
      log.warn({ err: error, retryCount: raw.retryCount }, "job attempt failed");
      await this.recordFailure(raw.id, error);
    }
  }
}
