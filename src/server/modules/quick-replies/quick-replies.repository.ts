import { and, asc, eq, isNull, or } from "drizzle-orm";
import { quickReplies } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type QuickReplyRow = typeof quickReplies.$inferSelect;
type QuickReplyChanges = Partial<Pick<QuickReplyRow, "shortcut" | "title" | "language" | "body">>;

/** A client's quick replies: its shared ones and each user's personal ones. */
export function quickRepliesRepository(scope: TenantScope) {
  const { db } = scope;
  /** The shared replies and this user's own: never another user's personal ones. */
  const visibleTo = (userId: string) =>
    or(isNull(quickReplies.ownerUserId), eq(quickReplies.ownerUserId, userId));
  return {
    listVisibleTo(userId: string): Promise<QuickReplyRow[]> {
      return db
        .select()
        .from(quickReplies)
        .where(ownedBy(quickReplies, scope, visibleTo(userId)))
        .orderBy(asc(quickReplies.shortcut), asc(quickReplies.language), asc(quickReplies.createdAt));
    },

    async findVisible(id: string, userId: string): Promise<QuickReplyRow | undefined> {
      const [row] = await db
        .select()
        .from(quickReplies)
        .where(ownedBy(quickReplies, scope, eq(quickReplies.id, id), visibleTo(userId)))
        .limit(1);
      return row;
    },

    /** Whether the scope (shared, or one user's) already has this shortcut in this language. */
    async hasShortcut(
      ownerUserId: string | null,
      shortcut: string,
      language: string,
      exceptId?: string,
    ): Promise<boolean> {
      const rows = await db
        .select({ id: quickReplies.id })
        .from(quickReplies)
        .where(
          ownedBy(
            quickReplies,
            scope,
            ownerUserId ? eq(quickReplies.ownerUserId, ownerUserId) : isNull(quickReplies.ownerUserId),
            eq(quickReplies.shortcut, shortcut),
            eq(quickReplies.language, language as QuickReplyRow["language"]),
          ),
        );
      return rows.some((row) => row.id !== exceptId);
    },

    async create(values: Omit<typeof quickReplies.$inferInsert, "clientId">): Promise<QuickReplyRow> {
      const [row] = await db
        .insert(quickReplies)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },

    async update(id: string, changes: QuickReplyChanges): Promise<QuickReplyRow | undefined> {
      const [row] = await db
        .update(quickReplies)
        .set({ ...changes, updatedAt: new Date() })
        .where(ownedBy(quickReplies, scope, eq(quickReplies.id, id)))
        .returning();
      return row;
    },

    async delete(id: string): Promise<boolean> {
      const rows = await db
        .delete(quickReplies)
        .where(and(ownedBy(quickReplies, scope, eq(quickReplies.id, id))))
        .returning({ id: quickReplies.id });
      return rows.length > 0;
    },
  };
}
