import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import {
  budgets,
  campaignRecipients,
  campaigns,
  contacts,
  conversations,
  costLedger,
  costRollupDeltas,
  costRollupsLive,
  messages,
  users,
  whatsappConnections,
} from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { forgetBriefReads } from "../brief-reads";

export type LedgerRow = typeof costLedger.$inferSelect;
export type BudgetRow = typeof budgets.$inferSelect;
export type RollupDelta = Omit<typeof costRollupDeltas.$inferInsert, "id" | "clientId">;

/** The dimensions the costs page groups by, as rollup columns. */
const GROUP_COLUMNS = {
  client: sql<string | null>`null`,
  number: costRollupsLive.connectionId,
  recruiter: costRollupsLive.senderUserId,
  campaign: costRollupsLive.campaignId,
  category: costRollupsLive.category,
} as const;
export type GroupColumn = keyof typeof GROUP_COLUMNS;

export interface GroupFigures {
  key: string | null;
  amountMad: number;
  billable: number;
  free: number;
  inbound: number;
}

const figures = {
  amountMad: sql<string>`coalesce(sum(${costRollupsLive.amountMad}), 0)`,
  billable: sql<number>`coalesce(sum(${costRollupsLive.messages}) filter (where ${costRollupsLive.category} <> 'inbound' and ${costRollupsLive.pricingType} = 'regular'), 0)::int`,
  free: sql<number>`coalesce(sum(${costRollupsLive.messages}) filter (where ${costRollupsLive.category} <> 'inbound' and ${costRollupsLive.pricingType} <> 'regular'), 0)::int`,
  inbound: sql<number>`coalesce(sum(${costRollupsLive.messages}) filter (where ${costRollupsLive.category} = 'inbound'), 0)::int`,
};

/**
 * Adds several clients' counts and amounts to their rollups in one insert (the inbound batch spans
 * clients): each group's rows carry its own client, as `addToRollups` does for one.
 */
export async function addToRollupsOfClients(db: Db, groups: { clientId: string; deltas: RollupDelta[] }[]) {
  const rows = groups.flatMap(({ clientId, deltas }) => deltas.map((delta) => ({ ...delta, clientId })));
  if (rows.length > 0) await db.insert(costRollupDeltas).values(rows);
}

export function costsRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    /** What the ledger records of each message besides its pricing: number, candidate, campaign. */
    chargeContext(messageIds: string[]) {
      if (messageIds.length === 0) return Promise.resolve([]);
      return db
        .select({
          messageId: messages.id,
          conversationId: messages.conversationId,
          senderUserId: messages.senderUserId,
          connectionId: conversations.connectionId,
          waId: contacts.waId,
          phone: contacts.phone,
          bsuid: contacts.bsuid,
          campaignId: campaignRecipients.campaignId,
        })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .leftJoin(
          campaignRecipients,
          and(eq(campaignRecipients.messageId, messages.id), eq(campaignRecipients.clientId, scope.clientId)),
        )
        .where(ownedBy(messages, scope, inArray(messages.id, messageIds)));
    },

    /** Adds the charges not recorded yet (one per message, whatever re-delivers it); returns those added. */
    insertCharges(rows: Omit<typeof costLedger.$inferInsert, "id" | "clientId" | "createdAt">[]) {
      if (rows.length === 0) return Promise.resolve([] as LedgerRow[]);
      return db
        .insert(costLedger)
        .values(rows.map((row) => ({ ...row, clientId: scope.clientId })))
        .onConflictDoNothing({ target: costLedger.messageId })
        .returning();
    },

    /** Adds a LinkoJob number's fee for a month unless recorded already; returns the row when added. */
    async insertFee(
      row: Omit<typeof costLedger.$inferInsert, "id" | "clientId" | "createdAt" | "messageId">,
    ): Promise<LedgerRow | undefined> {
      const [added] = await db
        .insert(costLedger)
        .values({ ...row, messageId: null, clientId: scope.clientId })
        .onConflictDoNothing({ target: [costLedger.clientId, costLedger.virtualNumberId, costLedger.month] })
        .returning();
      return added;
    },

    /**
     * Adds counts and amounts to the month's rollups: appended as deltas, which readers count at
     * once and the worker folds into the rollup rows (`rollup-fold.repository.ts`). An insert locks no rollup
     * row, so a client's concurrent batches do not wait for each other's commit.
     */
    addToRollups(deltas: RollupDelta[]) {
      return addToRollupsOfClients(db, [{ clientId: scope.clientId, deltas }]);
    },

    /**
     * Makes the client's budget checks of charges take turns, until the transaction ends: the
     * spend read after this sees the charges of a batch that took it before.
     */
    async lockBudgetReads() {
      await db.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cost-budgets:${scope.clientId}`}, 0))`,
      );
    },

    /** What a month cost so far: the client's, or one recruiter's. */
    async monthSpend(month: string, userId?: string): Promise<number> {
      const [row] = await db
        .select({ amountMad: figures.amountMad })
        .from(costRollupsLive)
        .where(
          ownedBy(
            costRollupsLive,
            scope,
            eq(costRollupsLive.month, month),
            userId ? eq(costRollupsLive.senderUserId, userId) : undefined,
          ),
        );
      return Number(row?.amountMad ?? 0);
    },

    /** A month's figures per group, from the rollups alone. */
    async monthBy(month: string, group: GroupColumn): Promise<GroupFigures[]> {
      const key = GROUP_COLUMNS[group];
      const query = db
        .select({ key: sql<string | null>`${key}`, ...figures })
        .from(costRollupsLive)
        .where(ownedBy(costRollupsLive, scope, eq(costRollupsLive.month, month)));
      // The client's total is one row: no group (PostgreSQL refuses `GROUP BY null`).
      const rows = group === "client" ? await query : await query.groupBy(key);
      return rows.map((row) => ({
        key: row.key === null ? null : String(row.key),
        amountMad: Number(row.amountMad),
        billable: Number(row.billable),
        free: Number(row.free),
        inbound: Number(row.inbound),
      }));
    },

    /** Per month between two first days (inclusive): amount and messages both ways. */
    async months(from: string, to: string) {
      const rows = await db
        .select({
          month: costRollupsLive.month,
          amountMad: figures.amountMad,
          messages: sql<number>`coalesce(sum(${costRollupsLive.messages}), 0)::int`,
        })
        .from(costRollupsLive)
        .where(
          ownedBy(costRollupsLive, scope, sql`${costRollupsLive.month} between ${from} and ${to}` as SQL),
        )
        .groupBy(costRollupsLive.month);
      return rows.map((row) => ({
        month: row.month,
        amountMad: Number(row.amountMad),
        messages: Number(row.messages),
      }));
    },

    /** Names to show for the groups' ids: numbers, recruiters, campaigns (of this client only). */
    async labels(group: GroupColumn, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0 || group === "client" || group === "category") return new Map();
      const rows =
        group === "number"
          ? await db
              .select({
                id: whatsappConnections.id,
                name: sql<string>`coalesce(${whatsappConnections.displayPhoneNumber}, ${whatsappConnections.verifiedName}, ${whatsappConnections.id}::text)`,
              })
              .from(whatsappConnections)
              .where(ownedBy(whatsappConnections, scope, inArray(whatsappConnections.id, ids)))
          : group === "recruiter"
            ? await db
                .select({ id: users.id, name: users.name })
                .from(users)
                .where(ownedBy(users, scope, inArray(users.id, ids)))
            : await db
                .select({ id: campaigns.id, name: campaigns.name })
                .from(campaigns)
                .where(ownedBy(campaigns, scope, inArray(campaigns.id, ids)));
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    listBudgets(): Promise<BudgetRow[]> {
      return db.select().from(budgets).where(ownedBy(budgets, scope));
    },

    async findBudget(userId: string | null): Promise<BudgetRow | undefined> {
      const [row] = await db
        .select()
        .from(budgets)
        .where(ownedBy(budgets, scope, userId ? eq(budgets.userId, userId) : isNull(budgets.userId)))
        .limit(1);
      return row;
    },

    /** Sets (or, with null, removes) the client's budget or a recruiter's; the user must be the client's. */
    async setBudget(userId: string | null, monthlyMad: number | null, updatedBy: string | null) {
      const match = ownedBy(budgets, scope, userId ? eq(budgets.userId, userId) : isNull(budgets.userId));
      if (monthlyMad === null) {
        await db.delete(budgets).where(match);
        forgetBriefReads(scope.clientId);
        return undefined;
      }
      const [row] = await db
        .insert(budgets)
        .values({ clientId: scope.clientId, userId, monthlyMad: String(monthlyMad), updatedBy })
        .onConflictDoUpdate({
          target: [budgets.clientId, budgets.userId],
          set: { monthlyMad: String(monthlyMad), updatedBy, updatedAt: new Date() },
        })
        .returning();
      forgetBriefReads(scope.clientId); // the new budget holds here from the next send
      return row;
    },
  };
}
