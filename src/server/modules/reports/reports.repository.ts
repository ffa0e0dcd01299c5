import { type SQL, sql } from "drizzle-orm";
import type { TenantScope } from "../../platform/db/tenant-scope";

/** One group of a report's grouping sets: a week and a recruiter, a week, a recruiter, or everything (nulls). */
export interface GroupedRow {
  /** `GROUPING(week, user_id)`: 0 a week and a recruiter, 1 a week, 2 a recruiter, 3 everything. */
  grouping: number;
  week: string | null;
  user_id: string | null;
}

export interface ResponseRow extends GroupedRow {
  handled: number;
  responses: number;
  median: number | null;
  p90: number | null;
}

export interface ResolutionRow extends GroupedRow {
  resolutions: number;
  median: number | null;
  p90: number | null;
}

export interface ReportRange {
  /** First instant included and first instant after the range (the client's days, as instants). */
  start: Date;
  end: Date;
  /** The client's time zone: weeks start on its Mondays. */
  timeZone: string;
  /** Only this user's answers and resolutions (a recruiter's own report); everyone's when null. */
  onlyUserId: string | null;
}

/**
 * A message a person of the team wrote: not a campaign's send (its key starts with `campaign:`), not
 * an automatic reply, not an API key's send (no `sender_user_id`), and not one Meta refused.
 */
const personWrote = (m: string): SQL =>
  sql.raw(
    `${m}.direction = 'outbound' AND ${m}.sender_user_id IS NOT NULL AND ${m}.sender_automation IS NULL
     AND (${m}.idempotency_key IS NULL OR ${m}.idempotency_key NOT LIKE 'campaign:%') AND ${m}.status <> 'failed'`,
  );

const weekOf = (column: SQL, timeZone: string) =>
  sql`to_char(date_trunc('week', ${column} AT TIME ZONE ${timeZone}), 'YYYY-MM-DD')`;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The figures behind the reports page: two grouped queries, whatever the range. */
export function reportsRepository(scope: TenantScope) {
  const { db, clientId } = scope;
  return {
    /**
     * Conversations handled and first response times, per week (of the answer) and recruiter, per
     * week, per recruiter and in all (`GROUPING SETS`). Each message a person wrote in the range is
     * an answer when the candidate wrote since the team's previous message by a person: the wait
     * opened with the first of those candidate messages and the answer closes it.
     */
    async responses(range: ReportRange): Promise<ResponseRow[]> {
      const only = range.onlyUserId ? sql`AND m.sender_user_id = ${range.onlyUserId}` : sql``;
      const result = await db.execute(sql`
        WITH answered AS (
          SELECT m.conversation_id, m.sender_user_id AS user_id, m.occurred_at,
            ${weekOf(sql`m.occurred_at`, range.timeZone)} AS week,
            (
              SELECT min(i.occurred_at) FROM messages i
              WHERE i.client_id = ${clientId} AND i.conversation_id = m.conversation_id
                AND i.direction = 'inbound' AND i.occurred_at <= m.occurred_at
                AND i.occurred_at > coalesce((
                  SELECT prev.occurred_at FROM messages prev
                  WHERE prev.client_id = ${clientId} AND prev.conversation_id = m.conversation_id
                    AND prev.occurred_at < m.occurred_at AND ${personWrote("prev")}
                  ORDER BY prev.occurred_at DESC LIMIT 1
                ), '-infinity'::timestamptz)
            ) AS waited_from
          FROM messages m
          WHERE m.client_id = ${clientId} AND m.occurred_at >= ${range.start.toISOString()}::timestamptz
            AND m.occurred_at < ${range.end.toISOString()}::timestamptz AND ${personWrote("m")} ${only}
        )
        SELECT GROUPING(week, user_id)::int AS grouping, week, user_id::text AS user_id,
          count(DISTINCT conversation_id)::int AS handled,
          count(waited_from)::int AS responses,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM occurred_at - waited_from)::float8) AS median,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM occurred_at - waited_from)::float8) AS p90
        FROM answered
        GROUP BY GROUPING SETS ((week, user_id), (week), (user_id), ())
      `);
      return rowsOf<ResponseRow>(result);
    },

    /**
     * Resolutions and their times, grouped as `responses` (by the week of the resolution and who
     * resolved it; an API key's resolutions count in the weeks and the total only). A resolution is an
     * audited status change to `resolved`; the conversation was opened at its first message (or its
     * creation) the first time, and after a resolution at whichever came first: the candidate's next
     * message (which reopens it) or the team's next status change (reopened, snoozed).
     */
    async resolutions(range: ReportRange): Promise<ResolutionRow[]> {
      const only = range.onlyUserId
        ? sql`AND a.actor_type = 'user' AND a.actor_id = ${range.onlyUserId}`
        : sql``;
      const statusChange = sql.raw(`action = 'conversation.status_changed'`);
      const result = await db.execute(sql`
        WITH resolved AS (
          SELECT a.target_id, c.id AS conversation_id, c.created_at AS conversation_created_at,
            a.created_at AS resolved_at,
            CASE WHEN a.actor_type = 'user' THEN a.actor_id END AS user_id,
            ${weekOf(sql`a.created_at`, range.timeZone)} AS week
          FROM audit_log a
          JOIN conversations c ON c.client_id = a.client_id AND c.id::text = a.target_id
          WHERE a.client_id = ${clientId} AND a.${statusChange} AND a.metadata->>'to' = 'resolved'
            AND a.created_at >= ${range.start.toISOString()}::timestamptz
            AND a.created_at < ${range.end.toISOString()}::timestamptz ${only}
        ),
        measured AS (
          SELECT r.*, CASE
            WHEN prev.at IS NULL THEN least(r.conversation_created_at, (
              SELECT min(f.occurred_at) FROM messages f
              WHERE f.client_id = ${clientId} AND f.conversation_id = r.conversation_id))
            ELSE coalesce(least(
              (SELECT min(i.occurred_at) FROM messages i
               WHERE i.client_id = ${clientId} AND i.conversation_id = r.conversation_id
                 AND i.direction = 'inbound' AND i.occurred_at > prev.at AND i.occurred_at <= r.resolved_at),
              (SELECT min(s.created_at) FROM audit_log s
               WHERE s.client_id = ${clientId} AND s.${statusChange} AND s.target_id = r.target_id
                 AND s.created_at > prev.at AND s.created_at < r.resolved_at)
            ), prev.at)
          END AS opened_at
          FROM resolved r
          LEFT JOIN LATERAL (
            SELECT max(p.created_at) AS at FROM audit_log p
            WHERE p.client_id = ${clientId} AND p.${statusChange} AND p.target_id = r.target_id
              AND p.metadata->>'to' = 'resolved' AND p.created_at < r.resolved_at
          ) prev ON true
        )
        SELECT GROUPING(week, user_id)::int AS grouping, week, user_id,
          count(*)::int AS resolutions,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at)::float8) AS median,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at)::float8) AS p90
        FROM measured
        GROUP BY GROUPING SETS ((week, user_id), (week), (user_id), ())
      `);
      return rowsOf<ResolutionRow>(result);
    },
  };
}
