import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { foldInChunks } from "../../platform/db/delta-folder";

const KEY = sql.raw(`client_id, label_id, connection_id, status, assignee_id, stage_id, is_archived,
  is_unanswered_campaign, is_unread, is_awaiting_reply`);

/**
 * Moves the triggers' deltas into `conversation_tallies`, summed per key, every client's at once, and
 * deletes the keys left at zero (a chat moved on, a client deleted). As the cost rollups' fold: the
 * deltas are deleted in the statement that adds them up, so a reader of `conversation_tallies_live`
 * counts each once; one fold at a time (`foldInChunks`), so several workers may run it.
 * Returns how many deltas were folded.
 */
export function foldConversationTallies(db: Db): Promise<number> {
  return foldInChunks(db, "conversation-tallies", async (tx, chunk) => {
    const result = (await tx.execute(sql`
      WITH moved AS (
        DELETE FROM conversation_tally_deltas
        WHERE id IN (SELECT id FROM conversation_tally_deltas ORDER BY id LIMIT ${chunk})
        RETURNING ${KEY}, chats
      ), added AS (
        INSERT INTO conversation_tallies (${KEY}, chats)
        SELECT ${KEY}, sum(chats) FROM moved
        GROUP BY ${KEY}
        ORDER BY ${KEY}
        ON CONFLICT ON CONSTRAINT conversation_tallies_key DO UPDATE
        SET chats = conversation_tallies.chats + excluded.chats
      )
      SELECT count(*)::int AS moved FROM moved
    `)) as unknown as { rows: { moved: number }[] };
    const moved = Number(result.rows[0]?.moved ?? 0);
    if (moved > 0) await tx.execute(sql`DELETE FROM conversation_tallies WHERE chats = 0`);
    return moved;
  });
}
