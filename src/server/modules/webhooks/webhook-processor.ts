import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import { recordEventsOfClients } from "../../platform/events/domain-events";
import type { BatchLookups } from "./handlers/change-context";
import { type DeliveryOutcome, processDelivery } from "./process-delivery";
import { type WebhookEventRow, webhookEventsRepository } from "./webhook-events.repository";
import { webhookMetrics } from "./webhook-metrics";

const BATCH = 100;

type Processed = { row: WebhookEventRow; outcome: DeliveryOutcome };

/** Every delivery of the batch in order, sharing lookups; the first failure throws. */
async function processAll(deps: ServerDeps, tx: Db, batch: WebhookEventRow[]): Promise<Processed[]> {
  const lookups: BatchLookups = new Map();
  const processed: Processed[] = [];
  for (const row of batch)
    processed.push({ row, outcome: await processDelivery(deps, tx, row.rawBody, lookups) });
  return processed;
}

/** Each delivery in a savepoint of its own: a failing one is retried later, its neighbours go on. */
async function processEach(deps: ServerDeps, tx: Db, batch: WebhookEventRow[]): Promise<Processed[]> {
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  const events = webhookEventsRepository(tx);
  const processed: Processed[] = [];
  for (const row of batch) {
    try {
      const outcome = await tx.transaction((savepoint) => processDelivery(deps, savepoint, row.rawBody));
      processed.push({ row, outcome });
    } catch (error) {
      metrics.failures.inc();
      deps.log.warn({ err: error, deliveryId: row.id }, "webhook delivery processing failed; will retry");
      await events.markFailed(row.id, row.attempts, error instanceof Error ? error.message : String(error));
    }
  }
  return processed;
}

/**
 * Processes stored webhook deliveries in order, in batches. The claim and the work share a
 * transaction: a crash mid-batch leaves the deliveries unprocessed, to be taken again. The batch
 * first runs under one savepoint; if a delivery fails (the database), that work is undone and the
 * batch runs again with one savepoint per delivery, so that only the failing one is retried later.
 * The domain events and the processed marks of a batch are written together at its end.
 */
export async function processPendingDeliveries(deps: ServerDeps): Promise<number> {
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  return deps.database.db.transaction(async (tx) => {
    const events = webhookEventsRepository(tx);
    const batch = await events.claimDue(BATCH);
    if (batch.length === 0) return 0;
    let processed: Processed[];
    try {
      processed = await tx.transaction((savepoint) => processAll(deps, savepoint, batch));
    } catch {
      processed = await processEach(deps, tx, batch);
    }
    await recordEventsOfClients(
      tx,
      processed.flatMap(({ outcome }) =>
        [...outcome.events].map(([clientId, clientEvents]) => ({ clientId, events: clientEvents })),
      ),
    );
    await events.markProcessedMany(
      processed.map(({ row, outcome }) => ({
        id: row.id,
        unroutable: outcome.unroutable.length > 0 ? outcome.unroutable : null,
        error: outcome.error,
      })),
    );
    for (const { row } of processed)
      metrics.processing.observe((Date.now() - row.receivedAt.getTime()) / 1000);
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
