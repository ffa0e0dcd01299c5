import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { campaignRecipients, campaigns, messages } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type CampaignRow = typeof campaigns.$inferSelect;

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

    async update(id: string, changes: Partial<Pick<CampaignRow, "excludedCount">>) {
      await db
        .update(campaigns)
        .set(changes)
        .where(ownedBy(campaigns, scope, eq(campaigns.id, id)));
    },

    async addRecipient(values: Omit<typeof campaignRecipients.$inferInsert, "id" | "clientId">) {
      await db.insert(campaignRecipients).values({ ...values, clientId: scope.clientId });
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
              sql`(${campaignRecipients.outcome} <> 'queued' or ${messages.status} = 'failed')`,
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
