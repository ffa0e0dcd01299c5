import { eq, inArray, isNotNull } from "drizzle-orm";
import { conversationPreferences } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

/** A user's own pin and mute of a conversation (no row: neither). */
export interface Preference {
  conversationId: string;
  isPinned: boolean;
  isMuted: boolean;
}

/** Each user's own settings for the client's conversations: pins and mutes. */
export function preferencesRepository(scope: TenantScope) {
  const { db } = scope;
  const table = conversationPreferences;
  return {
    /** The user's settings for these conversations, by conversation id (absent: not pinned, not muted). */
    async ofConversations(userId: string, conversationIds: string[]): Promise<Map<string, Preference>> {
      if (conversationIds.length === 0) return new Map();
      const rows = await db
        .select({ conversationId: table.conversationId, pinnedAt: table.pinnedAt, isMuted: table.isMuted })
        .from(table)
        .where(
          ownedBy(table, scope, eq(table.userId, userId), inArray(table.conversationId, conversationIds)),
        );
      return new Map(
        rows.map((row) => [
          row.conversationId,
          { conversationId: row.conversationId, isPinned: row.pinnedAt !== null, isMuted: row.isMuted },
        ]),
      );
    },

    /** The conversations the user pinned (at most a handful: see MAX_PINNED). */
    async pinnedIds(userId: string): Promise<string[]> {
      const rows = await db
        .select({ conversationId: table.conversationId })
        .from(table)
        .where(ownedBy(table, scope, eq(table.userId, userId), isNotNull(table.pinnedAt)));
      return rows.map((row) => row.conversationId);
    },

    /** Sets the user's pin and/or mute of a conversation; returns both as they now are. */
    async set(
      userId: string,
      conversationId: string,
      changes: { isPinned?: boolean; isMuted?: boolean },
    ): Promise<Preference> {
      const now = new Date();
      const set = {
        ...(changes.isPinned !== undefined ? { pinnedAt: changes.isPinned ? now : null } : {}),
        ...(changes.isMuted !== undefined ? { isMuted: changes.isMuted } : {}),
        updatedAt: now,
      };
      const [row] = await db
        .insert(table)
        .values({ clientId: scope.clientId, userId, conversationId, pinnedAt: null, isMuted: false, ...set })
        .onConflictDoUpdate({
          target: [table.userId, table.conversationId],
          set,
          // Never across clients, whatever ids are given.
          setWhere: eq(table.clientId, scope.clientId),
        })
        .returning();
      return { conversationId, isPinned: row!.pinnedAt !== null, isMuted: row!.isMuted };
    },
  };
}
