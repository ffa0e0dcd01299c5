import { sql } from "drizzle-orm";
import { messagingLimitReaches } from "../../../platform/db/schema/index";
import type { TenantScope } from "../../../platform/db/tenant-scope";

export interface PortfolioUsage {
  /** Unique users reached outside the window in the moving window, this client only. */
  reached: number;
  /** Which of the given recipients are among them (reaching them again counts no one new). */
  alreadyReached: Set<string>;
  /** When the first of them leaves the window (one more user may be reached then). */
  rollsAt: Date | null;
}

/** The business-initiated sends counted against a portfolio's messaging limit, per client. */
export function messagingLimitRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    /**
     * Serialises the check-and-count of one portfolio of this client until the transaction ends:
     * two processes sending at once cannot both take the last place.
     */
    async lockPortfolio(portfolioId: string) {
      await db.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`messaging-limit:${scope.clientId}:${portfolioId}`}, 0))`,
      );
    },

    /** The portfolio's unique users reached in the last `windowSeconds` (database clock). */
    async usage(portfolioId: string, recipients: string[], windowSeconds: number): Promise<PortfolioUsage> {
      const result = (await db.execute(sql`
        SELECT count(*)::int AS reached,
               coalesce(array_agg(r.recipient) FILTER (WHERE r.recipient = ANY(${sql.param(recipients)}::text[])), '{}') AS among,
               min(r.last) + make_interval(secs => ${windowSeconds}) AS rolls_at
        FROM (
          SELECT recipient, max(reached_at) AS last
          FROM ${messagingLimitReaches}
          WHERE client_id = ${scope.clientId} AND portfolio_id = ${portfolioId}
            AND reached_at > now() - make_interval(secs => ${windowSeconds})
          GROUP BY recipient
        ) r
      `)) as unknown as { rows: { reached: number; among: string[]; rolls_at: string | Date | null }[] };
      const row = result.rows[0]!;
      return {
        reached: Number(row.reached),
        alreadyReached: new Set(row.among),
        rollsAt: row.rolls_at ? new Date(row.rolls_at) : null,
      };
    },

    /** One row per send (a recipient reached twice has two). */
    async record(portfolioId: string, recipients: string[]) {
      if (recipients.length === 0) return;
      await db
        .insert(messagingLimitReaches)
        .values(recipients.map((recipient) => ({ clientId: scope.clientId, portfolioId, recipient })));
    },

    /** Forgets the rows that left every window (run with the other purges). */
    async purgeOlderThan(windowSeconds: number) {
      await db.execute(
        sql`DELETE FROM ${messagingLimitReaches} WHERE client_id = ${scope.clientId} AND reached_at < now() - make_interval(secs => ${windowSeconds})`,
      );
    },
  };
}
