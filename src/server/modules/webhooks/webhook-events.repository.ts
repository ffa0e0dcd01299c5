import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { webhookEvents } from "../../platform/db/schema/index";
import { candidateKeyOf } from "./delivery-key";

/** The channel a web process notifies when it stored deliveries for worker processes to take. */
export const WEBHOOK_DELIVERIES_CHANNEL = "lj_webhook_deliveries";

export type WebhookEventRow = typeof webhookEvents.$inferSelect;

/**
 * The statement that claims up to `limit` due deliveries for its transaction (it goes with BEGIN,
 * so it is plain text: the limit is an integer), in the order they fell due (a new delivery on
 * receipt), through `webhook_events_claim` (migrations 0037 and 0038): it skips a delivery another transaction holds, or whose candidate another
 * batch holds (`delivery-key.ts`), so that several loops and workers share the queue without
 * waiting on each other's rows.
 *
 * The claiming transaction then commits without waiting for its WAL flush
 * (`synchronous_commit = off`, for this transaction only). Nothing can be lost by it: the
 * delivery itself was stored with a synchronous commit before Meta got its 200, and the
 * processed mark is in this same transaction, so if a database crash drops the last few
 * hundred milliseconds of processing, those deliveries are simply pending again and are
 * processed again, idempotently. It takes the flush wait off every batch.
 */
export function claimDueSql(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`invalid claim limit ${limit}`);
  return `SELECT id, body_sha256, raw_body, raw_bytes, received_at, processed_at, attempts, next_attempt_at, error,
      dead_at, unroutable, candidate_key, set_config('synchronous_commit', 'off', true) AS relaxed
    FROM webhook_events_claim(${limit})`;
}

/** The claimed rows, typed like Drizzle's. */
export function claimedRows(rows: Record<string, unknown>[]): WebhookEventRow[] {
  const time = (value: unknown) => (value === null ? null : new Date(value as string | Date));
  return rows.map((r) => ({
    id: Number(r.id),
    bodySha256: String(r.body_sha256),
    rawBody: (r.raw_body as string | null) ?? null,
    rawBytes: r.raw_bytes === null ? null : Buffer.from(r.raw_bytes as Uint8Array),
    receivedAt: time(r.received_at)!,
    processedAt: time(r.processed_at),
    attempts: Number(r.attempts),
    nextAttemptAt: time(r.next_attempt_at)!,
    error: (r.error as string | null) ?? null,
    deadAt: time(r.dead_at),
    unroutable:
      typeof r.unroutable === "string"
        ? JSON.parse(r.unroutable)
        : ((r.unroutable as Record<string, unknown>[] | null) ?? null),
    candidateKey: r.candidate_key === null ? null : Number(r.candidate_key),
  }));
}

/** The body of a stored delivery as text to parse: bytes that are not UTF-8 read as U+FFFD. */
export const bodyText = (row: Pick<WebhookEventRow, "rawBody" | "rawBytes">): string =>
  row.rawBody ?? row.rawBytes!.toString("utf8");

/**
 * PostgreSQL's text holds UTF-8 without NUL, which is every delivery Meta sends (it escapes
 * everything else): those stay text, easy to look at. Anything else is kept as bytes, exactly as
 * received and signed, rather than refused after Meta got its 200.
 */
const storedBody = (body: Buffer) =>
  isUtf8(body) && !body.includes(0)
    ? { rawBody: body.toString("utf8"), rawBytes: null }
    : { rawBody: null, rawBytes: body };

/**
 * The statement that marks deliveries processed without notes (it goes with COMMIT, so it is plain
 * text: the ids are integers); null when there are none. The time is the statement's own, at the
 * end of the work, not the transaction's start.
 */
export function processedMarkSql(ids: number[]): string | null {
  if (ids.length === 0) return null;
  if (!ids.every((id) => Number.isSafeInteger(id))) throw new Error("invalid webhook delivery id");
  return `UPDATE webhook_events SET processed_at = clock_timestamp(), attempts = attempts + 1,
      unroutable = NULL, error = NULL
    WHERE id IN (${ids.join(",")})`;
}

/**
 * Deliveries as Meta sent them. Not tenant-owned: the client is only known once a delivery is
 * parsed and routed by its phone number id. The rows double as the processing queue.
 */
export function webhookEventsRepository(db: Db) {
  return {
    /**
     * Deletes up to `batchSize` deliveries processed before `cutoff`, oldest first (walking the
     * primary key). Dead deliveries (never processed) and unroutable ones (kept to be looked at)
     * stay.
     */
    async deleteProcessedBefore(cutoff: Date, batchSize: number): Promise<number> {
      const result = (await db.execute(sql`
        WITH oldest AS (
          SELECT id FROM webhook_events
           WHERE processed_at < ${cutoff.toISOString()} AND unroutable IS NULL
           ORDER BY id LIMIT ${batchSize}
        ), gone AS (
          DELETE FROM webhook_events WHERE id IN (SELECT id FROM oldest) RETURNING 1
        )
        SELECT count(*)::int AS n FROM gone`)) as unknown as { rows: { n: number }[] };
      return Number(result.rows[0]?.n ?? 0);
    },

    /** Tells the worker processes listening on PostgreSQL that deliveries were stored. */
    async notifyStored(): Promise<void> {
      await db.execute(sql`SELECT pg_notify(${WEBHOOK_DELIVERIES_CHANNEL}, '')`);
    },

    /**
     * Runs `work` in a savepoint of the caller's transaction: if it throws, what it wrote is undone
     * and the transaction goes on (the error is rethrown).
     */
    async inSavepoint<T>(work: () => Promise<T>): Promise<T> {
      await db.execute(sql`SAVEPOINT delivery`);
      try {
        const value = await work();
        await db.execute(sql`RELEASE SAVEPOINT delivery`);
        return value;
      } catch (error) {
        await db.execute(sql`ROLLBACK TO SAVEPOINT delivery`);
        throw error;
      }
    },

    /**
     * Stores deliveries in one statement, each once (Meta's retries carry the same bytes): for
     * each, whether it was new (a body seen before, or twice in this call, is stored once).
     */
    async storeMany(rawBodies: Buffer[]): Promise<boolean[]> {
      const hashes = rawBodies.map((body) => createHash("sha256").update(body).digest("hex"));
      const unique = new Map<string, Buffer>();
      for (const [i, hash] of hashes.entries()) if (!unique.has(hash)) unique.set(hash, rawBodies[i]!);
      const given = {
        hashes: [] as string[],
        texts: [] as (string | null)[],
        bytes: [] as (Buffer | null)[],
        keys: [] as (number | null)[],
      };
      for (const [hash, body] of unique) {
        const { rawBody, rawBytes } = storedBody(body);
        given.hashes.push(hash);
        given.texts.push(rawBody);
        given.bytes.push(rawBytes);
        given.keys.push(candidateKeyOf(body));
      }
      // Four array parameters whatever the group's size: building a statement with a parameter
      // per value costs more CPU than the database spends on the insert.
      const result = (await db.execute(sql`
        INSERT INTO webhook_events (body_sha256, raw_body, raw_bytes, candidate_key)
        SELECT * FROM unnest(${sql.param(given.hashes)}::text[], ${sql.param(given.texts)}::text[], ${sql.param(given.bytes)}::bytea[], ${sql.param(given.keys)}::int4[])
        ON CONFLICT DO NOTHING
        RETURNING body_sha256`)) as unknown as { rows: { body_sha256: string }[] };
      const stored = new Set(result.rows.map((r) => r.body_sha256));
      return hashes.map((hash) => stored.delete(hash)); // true once per new body
    },

    async markProcessed(id: number, unroutable: Record<string, unknown>[] | null, error: string | null) {
      await db
        .update(webhookEvents)
        .set({ processedAt: new Date(), attempts: sql`${webhookEvents.attempts} + 1`, unroutable, error })
        .where(eq(webhookEvents.id, id));
    },

    /**
     * A failed attempt: tried again after a back-off that doubles, up to an hour; or, when it was
     * the last one allowed, set aside as dead. Whether it died is returned.
     */
    async markFailed(id: number, attempts: number, error: string, maxAttempts: number): Promise<boolean> {
      const delaySeconds = Math.min(3600, 2 ** Math.min(attempts, 12));
      const isDead = attempts + 1 >= maxAttempts;
      await db
        .update(webhookEvents)
        .set({
          attempts: attempts + 1,
          error,
          nextAttemptAt: sql`now() + make_interval(secs => ${delaySeconds})`,
          ...(isDead ? { deadAt: sql`now()` } : {}),
        })
        .where(eq(webhookEvents.id, id));
      return isDead;
    },

    /** Seconds since the oldest delivery still waiting was received (webhook lag); dead ones wait for no one. */
    async oldestPendingAgeSeconds(): Promise<number> {
      const [row] = await db
        .select({
          age: sql<number>`coalesce(extract(epoch from now() - min(${webhookEvents.receivedAt})), 0)::float`,
        })
        .from(webhookEvents)
        .where(and(isNull(webhookEvents.processedAt), isNull(webhookEvents.deadAt)));
      return Number(row?.age ?? 0);
    },

    /** The dead deliveries, oldest first (without their bodies). Dead ones are never processed, so the pending index finds them. */
    listDead(limit: number) {
      return db
        .select({
          id: webhookEvents.id,
          receivedAt: webhookEvents.receivedAt,
          deadAt: webhookEvents.deadAt,
          attempts: webhookEvents.attempts,
          error: webhookEvents.error,
          bytes: sql<number>`coalesce(octet_length(${webhookEvents.rawBody}), octet_length(${webhookEvents.rawBytes}))::int`,
        })
        .from(webhookEvents)
        .where(and(isNull(webhookEvents.processedAt), isNotNull(webhookEvents.deadAt)))
        .orderBy(webhookEvents.id)
        .limit(limit);
    },

    async countDead(): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(webhookEvents)
        .where(and(isNull(webhookEvents.processedAt), isNotNull(webhookEvents.deadAt)));
      return Number(row?.n ?? 0);
    },

    /**
     * Makes dead deliveries due again, with one attempt more to go (their count is kept, so a
     * delivery that fails again is dead again at once): these ids, or every dead one. Returns
     * the ids replayed.
     */
    async replayDead(ids: number[] | "all"): Promise<number[]> {
      const rows = await db
        .update(webhookEvents)
        .set({ deadAt: null, nextAttemptAt: sql`now()` })
        .where(
          and(
            isNull(webhookEvents.processedAt),
            isNotNull(webhookEvents.deadAt),
            ids === "all" ? undefined : inArray(webhookEvents.id, ids),
          ),
        )
        .returning({ id: webhookEvents.id });
      return rows.map((r) => r.id).sort((a, b) => a - b);
    },

    /** Where these deliveries stand, for telling an operator why one cannot be replayed. */
    statesOf(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .select({
          id: webhookEvents.id,
          processedAt: webhookEvents.processedAt,
          deadAt: webhookEvents.deadAt,
        })
        .from(webhookEvents)
        .where(inArray(webhookEvents.id, ids));
    },
  };
}
