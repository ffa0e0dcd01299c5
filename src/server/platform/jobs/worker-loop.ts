import type PgBoss from "pg-boss";
import type { Logger } from "../logger";
import type { AnyJob } from "./queue";

/**
 * One job's worker: fetches a batch, runs each job in parallel, completes or fails each one
 * separately (so one failure does not retry its neighbours), and polls when idle. Stopping lets
 * the batch in flight finish.
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

  private async idle(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.options.pollingIntervalMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = null;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let batch: PgBoss.JobWithMetadata[] = [];
      try {
        batch = (await this.boss.fetch(this.job.name, {
          batchSize: this.job.batchSize ?? 1,
          includeMetadata: true,
        })) as PgBoss.JobWithMetadata[];
      } catch (error) {
        this.log.warn({ err: error }, "fetching jobs failed");
      }
      if (batch.length === 0) {
        await this.idle();
        continue;
      }
      await Promise.all(batch.map((raw) => this.run(raw)));
    }
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
