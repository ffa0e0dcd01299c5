import type PgBoss from "pg-boss";
import type { Logger } from "../logger";
import type { AnyJob } from "./queue";

/**
 * One job's worker: keeps up to `batchSize` jobs running in parallel, fetching more once half of
 * them are done (so one slow job does not hold back the next fetch), completes or fails each one
 * separately (so one failure does not retry its neighbours), and polls when idle. Stopping lets
 * the jobs in flight finish.
 */
export class WorkerLoop<Deps> {
  private stopping = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

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

  private async loop(): Promise<void> {
    const limit = this.job.batchSize ?? 1;
    const inFlight = new Set<Promise<void>>();
    while (!this.stopping) {
      if (inFlight.size > limit / 2) {
        await this.idle(inFlight);
        continue;
      }
      let batch: PgBoss.JobWithMetadata[] = [];
      try {
        batch = (await this.boss.fetch(this.job.name, {
          batchSize: limit - inFlight.size,
          includeMetadata: true,
        })) as PgBoss.JobWithMetadata[];
      } catch (error) {
        this.log.warn({ err: error }, "fetching jobs failed");
      }
      for (const raw of batch) {
        const running: Promise<void> = this.run(raw).finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
      if (batch.length === 0) await this.idle(inFlight);
    }
    await Promise.all(inFlight);
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
      const message = error instanceof Error ? error.message : String(error);
      await this.boss.fail(this.job.name, raw.id, { message }).catch((failError: unknown) => {
        log.error({ err: failError }, "could not record the job's failure");
      });
    }
  }
}
