import { sql } from "drizzle-orm";
import { compareKeys } from "./collections";
import type { Db } from "./db/client";

export interface RateSpec {
  /** Sends allowed per second on average. */
  perSecond: number;
  /** How many may go back to back before the pace applies. */
  burst: number;
}

export interface SlotRequest {
  key: string;
  spec: RateSpec;
  /** Consecutive slots wanted in this budget. */
  count: number;
}

/**
 * Reserves `count` consecutive sends in each budget (GCRA on one row per key), for every key in
 * one atomic statement, and returns per key how long to wait before each of its slots (ms, in
 * order). The budgets are shared by every process: the database clock is the only clock, so
 * workers on different machines agree. GCRA hands out k slots at once by moving the row's
 * theoretical arrival time (`tat`) k intervals ahead; slot j is the old `tat` plus j intervals.
 */
export async function reserveSlots(db: Db, requests: SlotRequest[]): Promise<Map<string, number[]>> {
  const waits = new Map<string, number[]>();
  if (requests.length === 0) return waits;
  // Keys in a fixed order: two workers locking the same rows lock them in the same order.
  const wanted = [...requests].sort((a, b) => compareKeys(a.key, b.key));
  const intervals = wanted.map((r) => 1000 / r.spec.perSecond);
  const result = (await db.execute(sql`
    WITH wanted AS (
      SELECT * FROM unnest(
        ${sql.param(wanted.map((r) => r.key))}::text[],
        ${sql.param(intervals)}::float8[],
        ${sql.param(wanted.map((r) => r.count))}::int[]
      ) AS w(key, interval_ms, n)
    )
    INSERT INTO rate_budgets AS b (key, tat)
    SELECT key, clock_timestamp() + make_interval(secs => interval_ms * n / 1000) FROM wanted ORDER BY key
    ON CONFLICT (key) DO UPDATE
      SET tat = greatest(b.tat, clock_timestamp())
        + (SELECT make_interval(secs => w.interval_ms * w.n / 1000) FROM wanted w WHERE w.key = excluded.key)
    RETURNING key, extract(epoch from (tat - clock_timestamp())) * 1000 AS ahead_ms
  `)) as unknown as { rows: { key: string; ahead_ms: number | string }[] };
  const aheadByKey = new Map(result.rows.map((r) => [r.key, Number(r.ahead_ms)]));
  wanted.forEach((request, i) => {
    const intervalMs = intervals[i]!;
    const toleranceMs = (request.spec.burst - 1) * intervalMs;
    // The row now ends `count` intervals after the first slot reserved here.
    const firstMs = (aheadByKey.get(request.key) ?? 0) - request.count * intervalMs;
    waits.set(
      request.key,
      Array.from({ length: request.count }, (_, j) => Math.max(0, firstMs + j * intervalMs - toleranceMs)),
    );
  });
  return waits;
}

/**
 * Deletes up to `batchSize` budgets whose theoretical arrival time passed more than `idleMs` ago.
 * Such a row says nothing a missing row would not: the next reservation starts from now either way
 * (`greatest(tat, now)`). Without this every recipient ever messaged keeps a row. A reservation
 * racing the delete is safe: the delete re-checks `tat` on the row it waits for.
 */
export async function deleteSpentBudgets(db: Db, idleMs: number, batchSize: number): Promise<number> {
  const result = (await db.execute(sql`
    DELETE FROM rate_budgets WHERE key IN (
      SELECT key FROM rate_budgets
      WHERE tat < clock_timestamp() - make_interval(secs => ${idleMs / 1000})
      LIMIT ${batchSize}
    ) AND tat < clock_timestamp() - make_interval(secs => ${idleMs / 1000})
    RETURNING key
  `)) as unknown as { rows: unknown[] };
  return result.rows.length;
}
