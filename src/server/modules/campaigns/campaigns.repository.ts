import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { campaignRecipients, campaigns, messages } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type CampaignRow = typeof campaigns.$inferSelect;
export type RecipientRow = typeof campaignRecipients.$inferSelect;
export type RecipientOutcome =
  | { outcome: "queued"; messageId: string }
  | { outcome: "invalid"; reason: string };

const RECIPIENTS_PER_INSERT = 1_000;

export function campaignsRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    async create(values: Omit<typeof campaigns.$inferInsert, "id" | "clientId">): Promise<CampaignRow> {
      const [row] = await db
        .insert(campaigns)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },

    async findById(id: string): Promise<CampaignRow | undefined> {
      const [row] = await db
        .select()
        .from(campaigns)
        .where(ownedBy(campaigns, scope, eq(campaigns.id, id)))
        .limit(1);
      return row;
    },

    list(limit = 50): Promise<CampaignRow[]> {
      return db
        .select()
        .from(campaigns)
        .where(ownedBy(campaigns, scope))
        .orderBy(desc(campaigns.createdAt))
        .limit(limit);
    },

    async update(
      id: string,
      changes: Partial<Pick<CampaignRow, "excludedCount" | "waitingReason" | "waitingUntil">>,
    ) {
      await db
        .update(campaigns)
        .set(changes)
        .where(ownedBy(campaigns, scope, eq(campaigns.id, id)));
    },

    /** Marks the campaign finished; undefined when it already was (its event is announced once). */
    async markFinished(id: string): Promise<CampaignRow | undefined> {
      const [row] = await db
        .update(campaigns)
        .set({ finishedAt: new Date() })
        .where(ownedBy(campaigns, scope, eq(campaigns.id, id), isNull(campaigns.finishedAt)))
        .returning();
      return row;
    },

    /**
     * Makes the unfinished campaigns of a number (or of a template on it) wait, with the reason,
     * until `until`; returns them.
     */
    async holdUnfinished(
      connectionId: string,
      hold: { waitingReason: NonNullable<CampaignRow["waitingReason"]>; waitingUntil: Date | null },
      template?: { name: string; language: string },
    ): Promise<CampaignRow[]> {
      return db
        .update(campaigns)
        .set(hold)
        .where(
          ownedBy(
            campaigns,
            scope,
            eq(campaigns.connectionId, connectionId),
            isNull(campaigns.finishedAt),
            template ? eq(campaigns.templateName, template.name) : undefined,
            template ? eq(campaigns.templateLanguage, template.language) : undefined,
          ),
        )
        .returning();
    },

    /** Stores a campaign's recipients, a thousand rows a statement (PostgreSQL caps a statement's parameters). */
    async addRecipients(rows: Omit<typeof campaignRecipients.$inferInsert, "id" | "clientId">[]) {
      for (let start = 0; start < rows.length; start += RECIPIENTS_PER_INSERT) {
        const chunk = rows.slice(start, start + RECIPIENTS_PER_INSERT);
        await db
          .insert(campaignRecipients)
          .values(chunk.map((row) => ({ ...row, clientId: scope.clientId })));
      }
    },

    /** The next recipients of a campaign whose message is still to be created, in file order. */
    pendingRecipients(campaignId: string, limit: number): Promise<RecipientRow[]> {
      return db
        .select()
        .from(campaignRecipients)
        .where(
          ownedBy(
            campaignRecipients,
            scope,
            and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.outcome, "pending")),
          ),
        )
        .orderBy(campaignRecipients.row)
        .limit(limit);
    },

    async settleRecipient(id: string, outcome: RecipientOutcome) {
      await db
        .update(campaignRecipients)
        .set(outcome)
        .where(ownedBy(campaignRecipients, scope, eq(campaignRecipients.id, id)));
    },

    /** Each recipient's outcome, in one statement. */
    async settleRecipients(settled: ({ id: string } & RecipientOutcome)[]) {
      if (settled.length === 0) return;
      const values = JSON.stringify(
        settled.map((s) => ({
          id: s.id,
          outcome: s.outcome,
          messageId: s.outcome === "queued" ? s.messageId : null,
          reason: s.outcome === "invalid" ? s.reason : null,
        })),
      );
      await db
        .update(campaignRecipients)
        .set({ outcome: sql`v.outcome`, messageId: sql`v."messageId"`, reason: sql`v.reason` })
        .from(
          sql`jsonb_to_recordset(${values}::jsonb) AS v(id uuid, outcome text, "messageId" uuid, reason text)`,
        )
        .where(ownedBy(campaignRecipients, scope, sql`${campaignRecipients.id} = v.id`));
    },

    /** Per campaign, how many of its messages are in each status (campaigns of this client only). */
    async progressOf(campaignIds: string[]): Promise<Map<string, Record<string, number>>> {
      const found = new Map<string, Record<string, number>>(campaignIds.map((id) => [id, {}]));
      if (campaignIds.length === 0) return found;
      const rows = await db
        .select({
          campaignId: campaignRecipients.campaignId,
          status: messages.status,
          n: sql<number>`count(*)::int`,
        })
        .from(campaignRecipients)
        .innerJoin(messages, eq(messages.id, campaignRecipients.messageId))
        .where(ownedBy(campaignRecipients, scope, inArray(campaignRecipients.campaignId, campaignIds)))
        .groupBy(campaignRecipients.campaignId, messages.status);
      for (const row of rows) found.get(row.campaignId)![row.status] = Number(row.n);
      const pending = await db
        .select({ campaignId: campaignRecipients.campaignId, n: sql<number>`count(*)::int` })
        .from(campaignRecipients)
        .where(
          ownedBy(
            campaignRecipients,
            scope,
            and(
              inArray(campaignRecipients.campaignId, campaignIds),
              eq(campaignRecipients.outcome, "pending"),
            ),
          ),
        )
        .groupBy(campaignRecipients.campaignId);
      for (const row of pending) found.get(row.campaignId)!.pending = Number(row.n);
      return found;
    },

    /** Per campaign, the recipients left out or whose message failed, with the reason, in file order. */
    async failuresOf(campaignIds: string[]) {
      const rows = await db
        .select({
          campaignId: campaignRecipients.campaignId,
          phone: campaignRecipients.phone,
          name: campaignRecipients.name,
          outcome: campaignRecipients.outcome,
          reason: campaignRecipients.reason,
          errorCode: messages.errorCode,
          errorTitle: messages.errorTitle,
          errorDetails: messages.errorDetails,
        })
        .from(campaignRecipients)
        .leftJoin(messages, eq(messages.id, campaignRecipients.messageId))
        .where(
          ownedBy(
            campaignRecipients,
            scope,
            and(
              inArray(campaignRecipients.campaignId, campaignIds),
              sql`(${campaignRecipients.outcome} not in ('queued', 'pending') or ${messages.status} = 'failed')`,
            ),
          ),
        )
        .orderBy(campaignRecipients.campaignId, campaignRecipients.row);
      const found = new Map<string, typeof rows>(campaignIds.map((id) => [id, []]));
      for (const row of rows) found.get(row.campaignId)!.push(row);
      return found;
    },
  };
}
