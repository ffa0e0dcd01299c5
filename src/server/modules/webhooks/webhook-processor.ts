import type { ServerDeps } from "../../deps";
import { processDelivery } from "./process-delivery";
import { webhookEventsRepository } from "./webhook-events.repository";
import { webhookMetrics } from "./webhook-metrics";

const BATCH = 50;

/**
 * Processes stored webhook deliveries in order, in batches, one savepoint per delivery so that a
 * failing one is retried later without undoing its neighbours. The claim and the work share a
 * transaction: a crash mid-batch leaves the deliveries unprocessed, to be taken again.
 */
export async function processPendingDeliveries(deps: ServerDeps): Promise<number> {
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  return deps.database.db.transaction(async (tx) => {
    const events = webhookEventsRepository(tx);
    const batch = await events.claimDue(BATCH);
    for (const row of batch) {
      try {
        const outcome = await tx.transaction((savepoint) => processDelivery(deps, savepoint, row.rawBody));
        await events.markProcessed(
          row.id,
          outcome.unroutable.length > 0 ? outcome.unroutable : null,
          outcome.error,
        );
        metrics.processing.observe((Date.now() - row.receivedAt.getTime()) / 1000);
      } catch (error) {
        metrics.failures.inc();
        deps.log.warn({ err: error, deliveryId: row.id }, "webhook delivery processing failed; will retry");
        await events.markFailed(row.id, row.attempts, error instanceof Error ? error.message : String(error));
      }
    }
    return batch.length;
  });
}

/** The worker's loop over the delivery queue: drains it, then waits for a wake-up or the next poll. */
export class WebhookProcessor {
  private stopping = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;

  constructor(
    private readonly deps: ServerDeps,
    private readonly pollIntervalMs = 1000,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** A delivery was just stored by this process. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.pendingWake = false;
      let processed = 0;
      try {
        processed = await processPendingDeliveries(this.deps);
      } catch (error) {
        this.deps.log.error({ err: error }, "webhook processing batch failed");
      }
      if (processed > 0 || this.pendingWake) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }
}
