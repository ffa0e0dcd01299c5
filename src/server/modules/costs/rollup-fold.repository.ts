import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";

/** Deltas moved per transaction: a backlog (a worker that was down) is folded in steps this size. */
const FOLD_CHUNK = 10_000;

/**
 * Moves the appended rollup deltas into `cost_rollups`, summed per key, every client's at once.
 * The deltas are deleted in the statement that adds them up, so a delta is counted once: in the
 * deltas before the commit, in the rollups after, never in both for a reader (one statement, one
 * snapshot, reads `cost_rollups_live`). One fold at a time (a transaction-scoped advisory lock):
 * several workers may run it. Returns how many deltas were folded.
 */
export async function foldRollupDeltas(db: Db): Promise<number> {
  let folded = 0;
  for (;;) {
    const moved = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('cost-rollups:fold', 0))`);
      const result = (await tx.execute(sql`
        WITH moved AS (
          DELETE FROM cost_rollup_deltas
          WHERE id IN (SELECT id FROM cost_rollup_deltas ORDER BY id LIMIT ${FOLD_CHUNK})
          RETURNING client_id, month, connection_id, sender_user_id, campaign_id, market, category,
            pricing_type, messages, amount_mad
        ), added AS (
          INSERT INTO cost_rollups (client_id, month, connection_id, sender_user_id, campaign_id, market,
            category, pricing_type, messages, amount_mad)
          SELECT client_id, month, connection_id, sender_user_id, campaign_id, market, category,
            pricing_type, sum(messages), sum(amount_mad)
          FROM moved
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
          ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
          ON CONFLICT ON CONSTRAINT cost_rollups_key DO UPDATE
          SET messages = cost_rollups.messages + excluded.messages,
            amount_mad = cost_rollups.amount_mad + excluded.amount_mad
        )
        SELECT count(*)::int AS moved FROM moved
      `)) as unknown as { rows: { moved: number }[] };
      return Number(result.rows[0]?.moved ?? 0);
    });
    folded += moved;
    if (moved < FOLD_CHUNK) return folded;
  }
}
