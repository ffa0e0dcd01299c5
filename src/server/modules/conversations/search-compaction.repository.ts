import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";

/** Parts a chat's words may have before the worker merges them into one. */
export const PARTS_BEFORE_MERGE = 32;
/** Newest parts looked at per statement. */
const PARTS_PER_PASS = 10_000;

/**
 * Merges the parts of each chat's words (`conversation_search`) into one when a chat has more than
 * `PARTS_BEFORE_MERGE`: writers add a part per batch that brings a chat new words, and the search
 * probes every part of a chat. Only the chats that got parts since the last pass are looked at
 * (`after`, the newest part id seen, kept by the caller: from zero, a first pass reads them all).
 *
 * Lock-free for the writers: the parts merged are deleted in the statement that inserts their
 * merge, so a part a writer adds meanwhile (not in the statement's snapshot) stays as it is, and an
 * inexact part merged makes the merge inexact. One pass at a time across workers (advisory lock).
 * Returns how many chats were merged.
 */
export async function mergeChatWordParts(db: Db, progress: { after: number }): Promise<number> {
  let merged = 0;
  for (;;) {
    const result = (await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('conversation-search:merge', 0))`);
      return tx.execute(sql`
        WITH recent AS (
          SELECT id, conversation_id FROM conversation_search
          WHERE id > ${progress.after} ORDER BY id LIMIT ${PARTS_PER_PASS}
        ), crowded AS (
          SELECT r.conversation_id FROM (SELECT DISTINCT conversation_id FROM recent) AS r
          WHERE (SELECT count(*) FROM conversation_search s WHERE s.conversation_id = r.conversation_id)
            > ${PARTS_BEFORE_MERGE}
        ), parts AS (
          DELETE FROM conversation_search s USING crowded c WHERE s.conversation_id = c.conversation_id
          RETURNING s.conversation_id, s.client_id, s.words, s.is_exact
        ), merged AS (
          -- Each part's words joined to it (a part with none, an inexact one, still counts once),
          -- grouped by chat: one pass over the parts, where a subquery per chat rescanned them all.
          INSERT INTO conversation_search (conversation_id, client_id, words, is_exact)
          SELECT p.conversation_id, p.client_id, coalesce(' ' || string_agg(DISTINCT w.word, ' ') || ' ', ''),
            bool_and(p.is_exact)
          FROM parts p LEFT JOIN LATERAL lj_search_words(p.words) AS w(word) ON true
          GROUP BY p.conversation_id, p.client_id
          RETURNING 1
        )
        SELECT (SELECT max(id) FROM recent) AS last, (SELECT count(*) FROM recent)::int AS seen,
          (SELECT count(*) FROM merged)::int AS merged
      `);
    })) as unknown as { rows: { last: string | number | null; seen: number; merged: number }[] };
    const row = result.rows[0];
    if (!row?.last) return merged;
    progress.after = Number(row.last);
    merged += Number(row.merged);
    if (row.seen < PARTS_PER_PASS) return merged;
  }
}
