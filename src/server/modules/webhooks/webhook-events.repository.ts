import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { webhookEvents } from "../../platform/db/schema/index";

export type WebhookEventRow = typeof webhookEvents.$inferSelect;

/**
 * Deliveries as Meta sent them. Not tenant-owned: the client is only known once a delivery is
 * parsed and routed by its phone number id. The rows double as the processing queue.
 */
export function webhookEventsRepository(db: Db) {
  return {
    /**
     * Stores deliveries in one statement, each once (Meta's retries carry the same bytes): for
     * each, whether it was new (a body seen before, or twice in this call, is stored once).
     */
    async storeMany(rawBodies: Buffer[]): Promise<boolean[]> {
      const hashes = rawBodies.map((body) => createHash("sha256").update(body).digest("hex"));
      const unique = new Map<string, Buffer>();
      for (const [i, hash] of hashes.entries()) if (!unique.has(hash)) unique.set(hash, rawBodies[i]!);
      const rows = await db
        .insert(webhookEvents)
        .values([...unique].map(([bodySha256, body]) => ({ bodySha256, rawBody: body.toString("utf8") })))
        .onConflictDoNothing()
        .returning({ bodySha256: webhookEvents.bodySha256 });
      const stored = new Set(rows.map((r) => r.bodySha256));
      return hashes.map((hash) => stored.delete(hash)); // true once per new body
    },

    /**
     * Claims due deliveries for this transaction. SKIP LOCKED lets several workers share the
     * queue without waiting on each other or taking the same row.
     *
     * The claiming transaction then commits without waiting for its WAL flush
     * (`synchronous_commit = off`, for this transaction only). Nothing can be lost by it: the
     * delivery itself was stored with a synchronous commit before Meta got its 200, and the
     * processed mark is in this same transaction, so if a database crash drops the last few
     * hundred milliseconds of processing, those deliveries are simply pending again and are
     * processed again, idempotently. It takes the flush wait off every batch.
     */
    async claimDue(limit: number): Promise<WebhookEventRow[]> {
      const rows = await db
        .select({
          row: webhookEvents,
          relaxed: sql<string>`set_config('synchronous_commit', 'off', true)`,
        })
        .from(webhookEvents)
        .where(and(isNull(webhookEvents.processedAt), lte(webhookEvents.nextAttemptAt, sql`now()`)))
        .orderBy(asc(webhookEvents.id))
        .limit(limit)
        .for("update", { skipLocked: true });
      return rows.map((r) => r.row);
    },

    async markProcessed(id: number, unroutable: Record<string, unknown>[] | null, error: string | null) {
      await db
        .update(webhookEvents)
        .set({ processedAt: new Date(), attempts: sql`${webhookEvents.attempts} + 1`, unroutable, error })
        .where(eq(webhookEvents.id, id));
    },

    /** Marks a batch processed: one update for the plain ones, one each for those with notes. */
    async markProcessedMany(
      outcomes: { id: number; unroutable: Record<string, unknown>[] | null; error: string | null }[],
    ) {
      const plain = outcomes.filter((o) => o.unroutable === null && o.error === null).map((o) => o.id);
      if (plain.length > 0) {
        await db
          .update(webhookEvents)
          .set({
            processedAt: new Date(),
            attempts: sql`${webhookEvents.attempts} + 1`,
            unroutable: null,
            error: null,
          })
          .where(inArray(webhookEvents.id, plain));
      }
      for (const o of outcomes)
        if (o.unroutable !== null || o.error !== null) await this.markProcessed(o.id, o.unroutable, o.error);
    },

    /** A failed attempt: tried again after a back-off that doubles, up to an hour. */
    async markFailed(id: number, attempts: number, error: string) {
      const delaySeconds = Math.min(3600, 2 ** Math.min(attempts, 12));
      await db
        .update(webhookEvents)
        .set({
          attempts: attempts + 1,
          error,
          nextAttemptAt: sql`now() + make_interval(secs => ${delaySeconds})`,
        })
        .where(eq(webhookEvents.id, id));
    },

    async countPending(): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(webhookEvents)
        .where(isNull(webhookEvents.processedAt));
      return row?.n ?? 0;
    },

    /** Seconds since the oldest delivery still waiting was received (webhook lag). */
    async oldestPendingAgeSeconds(): Promise<number> {
      const [row] = await db
        .select({
          age: sql<number>`coalesce(extract(epoch from now() - min(${webhookEvents.receivedAt})), 0)::float`,
        })
        .from(webhookEvents)
        .where(isNull(webhookEvents.processedAt));
      return Number(row?.age ?? 0);
    },
  };
}
