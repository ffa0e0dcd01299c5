import { and, desc, eq, sql } from "drizzle-orm";
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

    /** How far each recipient's message has gone, counted by status. */
    async progress(campaignId: string): Promise<Record<string, number>> {
      const rows = await db
        .select({ status: messages.status, n: sql<number>`count(*)::int` })
        .from(campaignRecipients)
        .innerJoin(messages, eq(messages.id, campaignRecipients.messageId))
        .where(ownedBy(campaignRecipients, scope, eq(campaignRecipients.campaignId, campaignId)))
        .groupBy(messages.status);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    /** Recipients left out or whose message failed, with the reason. */
    failures(campaignId: string) {
      return db
        .select({
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
              eq(campaignRecipients.campaignId, campaignId),
              sql`(${campaignRecipients.outcome} <> 'queued' or ${messages.status} = 'failed')`,
            ),
          ),
        )
        .orderBy(campaignRecipients.row);
    },
  };
}
