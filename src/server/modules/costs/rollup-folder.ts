import type { Db } from "../../platform/db/client";
import type { Logger } from "../../platform/logger";
import { foldRollupDeltas } from "./rollup-fold.repository";

/**
 * The worker's fold, every `intervalMs`: the deltas stay a few batches long, so the costs page and
 * the budget checks that add them to the rollups read a few rows more, not thousands.
 */
export class RollupFolder {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow fold is not stacked upon
      this.running = foldRollupDeltas(this.db)
        .catch((error: unknown) =>
          this.log.warn({ err: error }, "could not fold cost rollup deltas; will retry"),
        )
        .finally(() => {
          this.running = null;
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a fold under way (the deltas left are folded by the next start). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
