import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { campaignRecipients, campaigns, messages } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type CampaignRow = typeof campaigns.$inferSelect;
export type RecipientRow = typeof campaignRecipients.$inferSelect;
export type RecipientOutcome =
  | { outcome: "queued"; messageId: string }
  | { outcome: "invalid"; reason: string };

const RECIPIENTS_PER_INSERT = 1_000;

type CampaignStatus = CampaignRow["status"];

/**
 * How far a recipient's message went, each stage counted for every message that passed it: a stage
 * is reached when the message is in it or beyond, or when its time was recorded (a failed message
 * first delivered stays delivered). A reply is the candidate's first message in the chat after the
 * campaign's; it implies the message was read, whatever the read receipts say. Meta dates a
 * candidate's message to the second, so "after" is judged to the second: a reply within the second
 * the campaign's message was created counts.
 */
const repliedAt = sql<Date | null>`(select min(i.occurred_at) from ${messages} i
  where i.client_id = ${campaignRecipients.clientId} and i.conversation_id = ${messages.conversationId}
  and i.direction = 'inbound' and i.occurred_at >= date_trunc('second', ${messages.createdAt}))`;
const reachedRead: SQL = sql`(${messages.status} = 'read' or ${messages.readAt} is not null)`;
const reachedDelivered: SQL = sql`(${messages.status} in ('delivered', 'read') or ${messages.deliveredAt} is not null or ${messages.readAt} is not null)`;
const reachedSent: SQL = sql`(${messages.status} in ('sent', 'delivered', 'read') or ${messages.sentAt} is not null or ${messages.deliveredAt} is not null or ${messages.readAt} is not null)`;

export function campaignsRepository(scope: TenantScope) {
  const { db } = scope;
  /** The campaign's recipients whose message is still to be created. */
  const pendingOf = (campaignId: string) =>
    ownedBy(
      campaignRecipients,
      scope,
      and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.outcome, "pending")),
    );
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
            inArray(campaigns.status, ["scheduled", "sending"]),
            template ? eq(campaigns.templateName, template.name) : undefined,
            template ? eq(campaigns.templateLanguage, template.language) : undefined,
          ),
        )
        .returning();
    },

    /** Moves a campaign to `to` if it is in one of `from` (one statement: two recruiters cannot both win). */
    async transition(
      id: string,
      from: CampaignStatus[],
      to: CampaignStatus,
    ): Promise<CampaignRow | undefined> {
      const [row] = await db
        .update(campaigns)
        .set({ status: to })
        .where(ownedBy(campaigns, scope, eq(campaigns.id, id), inArray(campaigns.status, from)))
        .returning();
      return row;
    },

    /** The campaign's recipients still to be created, left unsent; how many. */
    async cancelPending(campaignId: string): Promise<number> {
      const rows = await db
        .update(campaignRecipients)
        .set({ outcome: "cancelled", reason: "the campaign was cancelled before this message was sent" })
        .where(pendingOf(campaignId))
        .returning({ id: campaignRecipients.id });
      return rows.length;
    },

    /** The recipients whose message failed, made pending again for a new try; how many. */
    async retryFailed(campaignId: string): Promise<number> {
      const failed = db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.clientId, scope.clientId), eq(messages.status, "failed")));
      const rows = await db
        .update(campaignRecipients)
        .set({
          outcome: "pending",
          messageId: null,
          reason: null,
          attempt: sql`${campaignRecipients.attempt} + 1`,
        })
        .where(
          ownedBy(
            campaignRecipients,
            scope,
            and(
              eq(campaignRecipients.campaignId, campaignId),
              eq(campaignRecipients.outcome, "queued"),
              inArray(campaignRecipients.messageId, failed),
            ),
          ),
        )
        .returning({ id: campaignRecipients.id });
      return rows.length;
    },

    /** Whether any recipient of the campaign is still to be created. */
    async hasPending(campaignId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: campaignRecipients.id })
        .from(campaignRecipients)
        .where(pendingOf(campaignId))
        .limit(1);
      return row !== undefined;
    },

    /** Every recipient of a campaign in file order, with its message's progress and first reply. */
    results(campaignId: string) {
      return db
        .select({
          row: campaignRecipients.row,
          phone: campaignRecipients.phone,
          name: campaignRecipients.name,
          variables: campaignRecipients.variables,
          outcome: campaignRecipients.outcome,
          reason: campaignRecipients.reason,
          status: messages.status,
          conversationId: messages.conversationId,
          sentAt: messages.sentAt,
          deliveredAt: messages.deliveredAt,
          readAt: messages.readAt,
          errorCode: messages.errorCode,
          errorTitle: messages.errorTitle,
          errorDetails: messages.errorDetails,
          reachedSent: sql<boolean>`coalesce(${reachedSent}, false)`,
          reachedDelivered: sql<boolean>`coalesce(${reachedDelivered}, false)`,
          reachedRead: sql<boolean>`coalesce(${reachedRead}, false)`,
          repliedAt,
        })
        .from(campaignRecipients)
        .leftJoin(messages, eq(messages.id, campaignRecipients.messageId))
        .where(ownedBy(campaignRecipients, scope, eq(campaignRecipients.campaignId, campaignId)))
        .orderBy(campaignRecipients.row);
    },

    /** Per campaign, its funnel: each message counted at every stage it passed. */
    async funnelOf(campaignIds: string[]) {
      const found = new Map<string, Record<string, number>>();
      if (campaignIds.length === 0) return found;
      const replied = sql`${repliedAt} is not null`;
      const count = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`;
      const rows = await db
        .select({
          campaignId: campaignRecipients.campaignId,
          recipients: sql<number>`count(*)::int`,
          dropped: count(sql`${campaignRecipients.outcome} in ('invalid', 'excluded', 'duplicate')`),
          cancelled: count(sql`${campaignRecipients.outcome} = 'cancelled'`),
          queued: count(
            sql`${campaignRecipients.outcome} = 'pending' or ${messages.status} in ('queued', 'sending')`,
          ),
          sent: count(sql`${reachedSent} or ${replied}`),
          delivered: count(sql`${reachedDelivered} or ${replied}`),
          read: count(sql`${reachedRead} or ${replied}`),
          replied: count(replied),
          failed: count(sql`${messages.status} = 'failed'`),
        })
        .from(campaignRecipients)
        .leftJoin(messages, eq(messages.id, campaignRecipients.messageId))
        .where(ownedBy(campaignRecipients, scope, inArray(campaignRecipients.campaignId, campaignIds)))
        .groupBy(campaignRecipients.campaignId);
      for (const { campaignId, ...counts } of rows) {
        found.set(campaignId, Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])));
      }
      return found;
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
        .where(pendingOf(campaignId))
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

export type CampaignsRepository = ReturnType<typeof campaignsRepository>;
