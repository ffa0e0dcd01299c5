import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { media, messages, parkedStatuses } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { uuidV7 } from "../../platform/db/uuid-v7";

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = Omit<typeof messages.$inferInsert, "clientId" | "id"> & { id?: string };
export type MessageChanges = Partial<Omit<MessageRow, "id" | "clientId" | "conversationId" | "createdAt">>;
export type MediaRow = typeof media.$inferSelect;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function messagesRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    /** Inserts a message once per wamid; undefined when Meta's retry or duplicate was already stored. */
    async insertOnce(values: NewMessage): Promise<MessageRow | undefined> {
      const [row] = await db
        .insert(messages)
        .values({ id: uuidV7(), ...values, clientId: scope.clientId })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    async findById(id: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(ownedBy(messages, scope, eq(messages.id, id)))
        .limit(1);
      return row;
    },

    async findByWamid(wamid: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(ownedBy(messages, scope, eq(messages.wamid, wamid)))
        .limit(1);
      return row;
    },

    /** The messages of these wamids (one query for a burst of statuses). */
    findByWamids(wamids: string[]): Promise<MessageRow[]> {
      if (wamids.length === 0) return Promise.resolve([]);
      return db
        .select()
        .from(messages)
        .where(ownedBy(messages, scope, inArray(messages.wamid, [...new Set(wamids)])));
    },

    async findByIdempotencyKey(key: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(ownedBy(messages, scope, eq(messages.idempotencyKey, key)))
        .limit(1);
      return row;
    },

    async update(id: string, changes: MessageChanges): Promise<MessageRow | undefined> {
      const [row] = await db
        .update(messages)
        .set({ ...changes, updatedAt: new Date() })
        .where(ownedBy(messages, scope, eq(messages.id, id)))
        .returning();
      return row;
    },

    /** A conversation's messages, newest first, keyset-paginated. */
    listByConversation(conversationId: string, limit: number, before?: { occurredAt: Date; id: string }) {
      return db
        .select()
        .from(messages)
        .where(
          ownedBy(
            messages,
            scope,
            eq(messages.conversationId, conversationId),
            before
              ? or(
                  lt(messages.occurredAt, before.occurredAt),
                  and(eq(messages.occurredAt, before.occurredAt), lt(messages.id, before.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(messages.occurredAt), desc(messages.id))
        .limit(limit);
    },

    async lastInbound(conversationId: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(
          ownedBy(
            messages,
            scope,
            eq(messages.conversationId, conversationId),
            eq(messages.direction, "inbound"),
          ),
        )
        .orderBy(desc(messages.occurredAt))
        .limit(1);
      return row;
    },

    /** Reactions aimed at these messages (they are messages of their own, of type reaction). */
    reactionsTo(wamids: string[]) {
      if (wamids.length === 0) return Promise.resolve([]);
      return db
        .select({
          target: sql<string>`${messages.content}->'content'->>'targetWamid'`,
          emoji: sql<string | null>`${messages.content}->'content'->>'emoji'`,
          direction: messages.direction,
          occurredAt: messages.occurredAt,
        })
        .from(messages)
        .where(
          ownedBy(
            messages,
            scope,
            eq(messages.type, "reaction"),
            inArray(sql`${messages.content}->'content'->>'targetWamid'`, wamids),
          ),
        )
        .orderBy(messages.occurredAt);
    },

    /** Conversations having a message whose text matches (for the inbox search). */
    async conversationsMatching(text: string, limit = 200): Promise<string[]> {
      const rows = await db
        .selectDistinct({ id: messages.conversationId })
        .from(messages)
        .where(ownedBy(messages, scope, sql`${messages.text} ilike ${`%${escapeLike(text)}%`}`))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async insertMedia(values: Omit<typeof media.$inferInsert, "clientId">): Promise<MediaRow> {
      const [row] = await db
        .insert(media)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },

    async findMedia(id: string): Promise<MediaRow | undefined> {
      const [row] = await db
        .select()
        .from(media)
        .where(ownedBy(media, scope, eq(media.id, id)))
        .limit(1);
      return row;
    },

    async updateMedia(id: string, changes: Partial<Omit<MediaRow, "id" | "clientId">>) {
      const [row] = await db
        .update(media)
        .set(changes)
        .where(ownedBy(media, scope, eq(media.id, id)))
        .returning();
      return row;
    },
  };
}

/**
 * Statuses that arrived before their message was known (Meta can report `sent` before our send
 * call returns). Keyed by wamid, which is unique across Meta, so they need no client yet.
 */
export function parkedStatusesRepository(db: TenantScope["db"]) {
  return {
    async park(wamid: string, status: Record<string, unknown>) {
      await db.insert(parkedStatuses).values({ wamid, status });
    },
    /** Takes (and removes) the statuses waiting for a wamid. */
    async take(wamid: string): Promise<Record<string, unknown>[]> {
      const rows = await db.delete(parkedStatuses).where(eq(parkedStatuses.wamid, wamid)).returning();
      return rows.sort((a, b) => a.id - b.id).map((r) => r.status);
    },
  };
}
