import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { foldInChunks } from "../../platform/db/delta-folder";

/**
 * Moves the appended rollup deltas into `cost_rollups`, summed per key, every client's at once.
 * The deltas are deleted in the statement that adds them up, so a delta is counted once: in the
 * deltas before the commit, in the rollups after, never in both for a reader (one statement, one
 * snapshot, reads `cost_rollups_live`). One fold at a time (`foldInChunks`):
 * several workers may run it. Returns how many deltas were folded.
 */
export function foldRollupDeltas(db: Db): Promise<number> {
  return foldInChunks(db, "cost-rollups", async (tx, chunk) => {
    const result = (await tx.execute(sql`
      WITH moved AS (
        DELETE FROM cost_rollup_deltas
        WHERE id IN (SELECT id FROM cost_rollup_deltas ORDER BY id LIMIT ${chunk})
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
}
