import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { appendTo } from "../../platform/collections";
import type { Db } from "../../platform/db/client";
import { conversationLabels, conversations, hiringStages, labels } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type StageRow = typeof hiringStages.$inferSelect;
export type LabelRow = typeof labels.$inferSelect;

/** A client's hiring stages and labels, and which labels are on which of its conversations. */
export function pipelineRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    /** The stages in the client's order. */
    listStages(): Promise<StageRow[]> {
      return db
        .select()
        .from(hiringStages)
        .where(ownedBy(hiringStages, scope))
        .orderBy(asc(hiringStages.position), asc(hiringStages.createdAt));
    },

    async findStage(id: string): Promise<StageRow | undefined> {
      const [row] = await db
        .select()
        .from(hiringStages)
        .where(ownedBy(hiringStages, scope, eq(hiringStages.id, id)))
        .limit(1);
      return row;
    },

    /** Whether another stage (or label) of the client has this name, whatever its case. */
    async stageNameTaken(name: string, exceptId?: string): Promise<boolean> {
      const rows = await db
        .select({ id: hiringStages.id })
        .from(hiringStages)
        .where(ownedBy(hiringStages, scope, sql`lower(${hiringStages.name}) = lower(${name})`));
      return rows.some((row) => row.id !== exceptId);
    },

    async createStage(values: Pick<StageRow, "name" | "color" | "kind">): Promise<StageRow> {
      const [row] = await db
        .insert(hiringStages)
        .values({
          ...values,
          clientId: scope.clientId,
          position: sql`(select coalesce(max(${hiringStages.position}) + 1, 0) from ${hiringStages}
            where ${hiringStages.clientId} = ${scope.clientId})`,
        })
        .returning();
      return row!;
    },

    async updateStage(
      id: string,
      changes: Partial<Pick<StageRow, "name" | "color" | "kind">>,
    ): Promise<StageRow | undefined> {
      const [row] = await db
        .update(hiringStages)
        .set({ ...changes, updatedAt: new Date() })
        .where(ownedBy(hiringStages, scope, eq(hiringStages.id, id)))
        .returning();
      return row;
    },

    /** Sets each stage's position to its index in `ids` (every stage of the client, checked by the caller). */
    async reorderStages(ids: string[]): Promise<void> {
      await db.execute(sql`
        UPDATE ${hiringStages} SET position = given.n - 1, updated_at = now()
        FROM unnest(${sql`ARRAY[${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}]`}) WITH ORDINALITY AS given(id, n)
        WHERE ${hiringStages.clientId} = ${scope.clientId} AND ${hiringStages.id} = given.id`);
    },

    /** The ids of the client's conversations at a stage. */
    async conversationsAtStage(stageId: string): Promise<string[]> {
      const rows = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(ownedBy(conversations, scope, eq(conversations.stageId, stageId)));
      return rows.map((row) => row.id);
    },

    /** Moves every conversation at a stage to another (or to none); how many moved. */
    async moveStage(stageId: string, to: string | null): Promise<number> {
      const rows = await db
        .update(conversations)
        .set({ stageId: to, updatedAt: new Date() })
        .where(ownedBy(conversations, scope, eq(conversations.stageId, stageId)))
        .returning({ id: conversations.id });
      return rows.length;
    },

    async deleteStage(id: string): Promise<boolean> {
      const rows = await db
        .delete(hiringStages)
        .where(ownedBy(hiringStages, scope, eq(hiringStages.id, id)))
        .returning({ id: hiringStages.id });
      return rows.length > 0;
    },

    /** The labels by name. */
    listLabels(): Promise<LabelRow[]> {
      return db.select().from(labels).where(ownedBy(labels, scope)).orderBy(sql`lower(${labels.name})`);
    },

    async findLabel(id: string): Promise<LabelRow | undefined> {
      const [row] = await db
        .select()
        .from(labels)
        .where(ownedBy(labels, scope, eq(labels.id, id)))
        .limit(1);
      return row;
    },

    async labelNameTaken(name: string, exceptId?: string): Promise<boolean> {
      const rows = await db
        .select({ id: labels.id })
        .from(labels)
        .where(ownedBy(labels, scope, sql`lower(${labels.name}) = lower(${name})`));
      return rows.some((row) => row.id !== exceptId);
    },

    async countLabels(): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(labels)
        .where(ownedBy(labels, scope));
      return Number(row?.n ?? 0);
    },

    async createLabel(values: Pick<LabelRow, "name" | "color">): Promise<LabelRow> {
      const [row] = await db
        .insert(labels)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },

    async updateLabel(id: string, changes: Partial<Pick<LabelRow, "name" | "color">>) {
      const [row] = await db
        .update(labels)
        .set({ ...changes, updatedAt: new Date() })
        .where(ownedBy(labels, scope, eq(labels.id, id)))
        .returning();
      return row;
    },

    /** Deletes a label (taken off every conversation with it, by the key's cascade). */
    async deleteLabel(id: string): Promise<boolean> {
      const rows = await db
        .delete(labels)
        .where(ownedBy(labels, scope, eq(labels.id, id)))
        .returning({ id: labels.id });
      return rows.length > 0;
    },

    /** The ids of the client's conversations with a label. */
    async conversationsWithLabel(labelId: string): Promise<string[]> {
      const rows = await db
        .select({ id: conversationLabels.conversationId })
        .from(conversationLabels)
        .where(ownedBy(conversationLabels, scope, eq(conversationLabels.labelId, labelId)));
      return rows.map((row) => row.id);
    },

    /** Puts a label on a conversation; false when it was already there. */
    async addLabel(conversationId: string, labelId: string): Promise<boolean> {
      const rows = await db
        .insert(conversationLabels)
        .values({ clientId: scope.clientId, conversationId, labelId })
        .onConflictDoNothing()
        .returning({ id: conversationLabels.labelId });
      return rows.length > 0;
    },

    /** Takes a label off a conversation; false when it was not there. */
    async removeLabel(conversationId: string, labelId: string): Promise<boolean> {
      const rows = await db
        .delete(conversationLabels)
        .where(
          ownedBy(
            conversationLabels,
            scope,
            and(
              eq(conversationLabels.conversationId, conversationId),
              eq(conversationLabels.labelId, labelId),
            ),
          ),
        )
        .returning({ id: conversationLabels.labelId });
      return rows.length > 0;
    },

    /** The labels on these conversations, by conversation id (oldest first; absent: none). */
    async labelIdsOf(conversationIds: string[]): Promise<Map<string, string[]>> {
      if (conversationIds.length === 0) return new Map();
      return labelIdsWhere(
        db,
        ownedBy(conversationLabels, scope, inArray(conversationLabels.conversationId, conversationIds)),
      );
    },
  };
}

/**
 * The labels on the chats `where` picks (a condition on `conversation_labels` that names their
 * client), by chat id, oldest first (absent: none): the one read behind a client's chats and a
 * batch's chats of several clients.
 */
export async function labelIdsWhere(db: Db, where: SQL): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ conversationId: conversationLabels.conversationId, labelId: conversationLabels.labelId })
    .from(conversationLabels)
    .where(where)
    .orderBy(asc(conversationLabels.createdAt), asc(conversationLabels.labelId));
  const found = new Map<string, string[]>();
  for (const row of rows) appendTo(found, row.conversationId, [row.labelId]);
  return found;
}
