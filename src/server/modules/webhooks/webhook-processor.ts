import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import {
  type PendingEvent,
  recordEventsOfClients,
  type StoredDomainEvent,
} from "../../platform/events/domain-events";
import { type DeliveryOutcome, processDeliveries } from "./process-deliveries";
import {
  bodyText,
  claimDueSql,
  claimedRows,
  processedMarkSql,
  type WebhookEventRow,
  webhookEventsRepository,
} from "./webhook-events.repository";
import { webhookMetrics } from "./webhook-metrics";

const BATCH = 200;

interface Processed {
  /** The deliveries that were processed, each with its outcome. */
  deliveries: { row: WebhookEventRow; outcome: DeliveryOutcome }[];
  /** Every client's domain events from the batch, to record in its transaction. */
  events: { clientId: string; events: PendingEvent[] }[];
}

/** The batch as one piece of work: the first failure throws. */
async function processTogether(deps: ServerDeps, tx: Db, batch: WebhookEventRow[]): Promise<Processed> {
  const outcome = await processDeliveries(deps, tx, batch.map(bodyText));
  return {
    deliveries: batch.map((row, i) => ({ row, outcome: outcome.deliveries[i]! })),
    events: [...outcome.events].map(([clientId, events]) => ({ clientId, events })),
  };
}

/**
 * What to keep of a failure on the delivery's row: the database's own message rather than the
 * query wrapper's, which repeats the statement and its values (message texts among them).
 */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Each delivery in a savepoint of its own: a failing one is retried later (until its last attempt
 * sets it aside as dead), its neighbours go on.
 */
async function processEach(deps: ServerDeps, tx: Db, batch: WebhookEventRow[]): Promise<Processed> {
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  const deliveries = webhookEventsRepository(tx);
  const processed: Processed = { deliveries: [], events: [] };
  for (const row of batch) {
    try {
      const alone = await deliveries.inSavepoint(() => processTogether(deps, tx, [row]));
      processed.deliveries.push(...alone.deliveries);
      processed.events.push(...alone.events);
    } catch (error) {
      metrics.failures.inc();
      const { maxAttempts } = deps.config.webhookProcessing;
      const isDead = await deliveries.markFailed(row.id, row.attempts, reasonOf(error), maxAttempts);
      if (isDead)
        deps.log.error(
          { err: error, deliveryId: row.id, attempts: row.attempts + 1 },
          "webhook delivery set aside as dead; replay it with `npm run webhooks:replay` once fixed",
        );
      else
        deps.log.warn({ err: error, deliveryId: row.id }, "webhook delivery processing failed; will retry");
    }
  }
  return processed;
}

/**
 * Processes stored webhook deliveries in order, in batches. The claim and the work share a
 * transaction: a crash mid-batch leaves the deliveries unprocessed, to be taken again. The batch
 * runs as one piece of work; if a delivery fails (the database), the whole transaction is undone
 * and the next claim runs with one savepoint per delivery, so that only the failing one is retried
 * later. The domain events and the processed marks of a batch are written together at its end,
 * and once it commits its events go straight to this process's sockets, if it has any (the others
 * learn of them through PostgreSQL's notification).
 */
async function processBatch(deps: ServerDeps, mode: "together" | "each"): Promise<number> {
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  let committed: StoredDomainEvent[] = [];
  // Two round trips fewer per batch: the claim goes with BEGIN and the processed mark with COMMIT.
  const count = await deps.database.briefTransaction(claimDueSql(BATCH), async (tx, claimed) => {
    const batch = claimedRows(claimed.rows);
    if (batch.length === 0) return { value: 0 };
    const processed =
      mode === "together" ? await processTogether(deps, tx, batch) : await processEach(deps, tx, batch);
    committed = await recordEventsOfClients(tx, processed.events, deps.committedEvents.origin);
    // Deliveries with notes (unroutable changes, an error) are marked one by one; the others all
    // together, with the COMMIT.
    const plain: number[] = [];
    for (const { row, outcome } of processed.deliveries) {
      if (outcome.unroutable.length === 0 && outcome.error === null) plain.push(row.id);
      else
        await webhookEventsRepository(tx).markProcessed(
          row.id,
          outcome.unroutable.length > 0 ? outcome.unroutable : null,
          outcome.error,
        );
    }
    for (const { row } of processed.deliveries)
      metrics.processing.observe((Date.now() - row.receivedAt.getTime()) / 1000);
    return { value: batch.length, closing: processedMarkSql(plain) ?? undefined };
  });
  // Emitted on the next turn of the event loop: the next batch's first round trip is already on
  // its way, so the sockets' writes overlap the database's work instead of delaying it.
  if (committed.length > 0) setImmediate(() => deps.committedEvents.publish(committed));
  return count;
}

/** Processes the next batch of due deliveries: how many were taken (0 when none is due). */
export async function processPendingDeliveries(deps: ServerDeps): Promise<number> {
  try {
    return await processBatch(deps, "together");
  } catch (error) {
    deps.log.debug({ err: error }, "webhook batch failed as a whole; taking deliveries one by one");
    return processBatch(deps, "each");
  }
}

type TakeBatch = () => Promise<number>;

/**
 * The worker's loops over the delivery queue. The lead loop drains it, then waits for a wake-up
 * or the next poll. The other loops (`WEBHOOK_PROCESSING_CONCURRENCY` in all) join only while a
 * backlog lasts, that is while batches come back full: then they overlap one batch's database
 * round trips with the next batch's work. At an even flow one loop is faster, because batches
 * that overlap compete for the same cores and slow each other's round trips (see BENCHMARKS.md).
 * SKIP LOCKED keeps concurrent batches apart and the writes lock rows in one global order.
 */
export class WebhookProcessor {
  private stopping = false;
  private running: Promise<void>[] = [];
  private readonly leadWakeUps = new Set<() => void>();
  private readonly helperWakeUps = new Set<() => void>();
  private pendingWake = false;

  constructor(
    private readonly deps: ServerDeps,
    private readonly pollIntervalMs = 1000,
    private readonly takeBatch: TakeBatch = () => processPendingDeliveries(deps),
    private readonly fullBatch = BATCH,
  ) {}

  start(): void {
    if (this.running.length > 0) return;
    const helpers = this.deps.config.webhookProcessing.concurrency - 1;
    this.running = [this.leadLoop(), ...Array.from({ length: helpers }, () => this.helperLoop())];
  }

  /** A delivery was just stored by this process. */
  wake(): void {
    this.pendingWake = true;
    for (const wakeUp of this.leadWakeUps) wakeUp();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const wakeUp of [...this.leadWakeUps, ...this.helperWakeUps]) wakeUp();
    await Promise.all(this.running);
  }

  private async leadLoop(): Promise<void> {
    while (!this.stopping) {
      this.pendingWake = false;
      const processed = await this.batch();
      if (processed >= this.fullBatch) for (const wakeUp of this.helperWakeUps) wakeUp();
      if (processed > 0 || this.pendingWake) continue;
      await this.waitIn(this.leadWakeUps, this.pollIntervalMs);
    }
  }

  private async helperLoop(): Promise<void> {
    while (!this.stopping) {
      await this.waitIn(this.helperWakeUps, null);
      while (!this.stopping && (await this.batch()) >= this.fullBatch) {}
    }
  }

  private async batch(): Promise<number> {
    try {
      return await this.takeBatch();
    } catch (error) {
      this.deps.log.error({ err: error }, "webhook processing batch failed");
      return 0;
    }
  }

  /** Waits for a wake-up, or at most `timeoutMs` (null: no limit). */
  private waitIn(wakeUps: Set<() => void>, timeoutMs: number | null): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        if (timer) clearTimeout(timer);
        wakeUps.delete(done);
        resolve();
      };
      const timer = timeoutMs === null ? null : setTimeout(done, timeoutMs);
      wakeUps.add(done);
    });
  }
}
