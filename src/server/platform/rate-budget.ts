import { sql } from "drizzle-orm";
import type { Db } from "./db/client";

export interface RateSpec {
  /** Sends allowed per second on average. */
  perSecond: number;
  /** How many may go back to back before the pace applies. */
  burst: number;
}

/**
 * Reserves one send in a budget shared by every process (GCRA on one row per key): returns how
 * long to wait before sending. The database clock is the only clock, so workers on different
 * machines agree; the reservation is a single atomic upsert.
 */
export async function reserveSlot(db: Db, key: string, spec: RateSpec): Promise<number> {
  const intervalMs = 1000 / spec.perSecond;
  const toleranceMs = (spec.burst - 1) * intervalMs;
  const result = (await db.execute(sql`
    INSERT INTO rate_budgets (key, tat)
    VALUES (${key}, clock_timestamp() + make_interval(secs => ${intervalMs / 1000}))
    ON CONFLICT (key) DO UPDATE
      SET tat = greatest(rate_budgets.tat, clock_timestamp()) + make_interval(secs => ${intervalMs / 1000})
    RETURNING extract(epoch from (tat - clock_timestamp())) * 1000 AS ahead_ms
  `)) as unknown as { rows: { ahead_ms: number | string }[] };
  const aheadMs = Number(result.rows[0]?.ahead_ms ?? 0);
  return Math.max(0, aheadMs - intervalMs - toleranceMs);
}
