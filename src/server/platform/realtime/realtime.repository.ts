import { and, asc, eq, gt, inArray, lt, max } from "drizzle-orm";
import type { Db } from "../db/client";
import { conversations, domainEvents } from "../db/schema/index";
import type { StoredDomainEvent } from "../events/domain-events";

export type { StoredDomainEvent };

const eventColumns = {
  id: domainEvents.id,
  clientId: domainEvents.clientId,
  type: domainEvents.type,
  payload: domainEvents.payload,
  createdAt: domainEvents.createdAt,
};

/** What a socket may read: every query is bound to the socket's client. */
export function realtimeRepository(db: Db, clientId: string) {
  return {
    /** This client's events after `afterId`, oldest first; `limit + 1` tells the caller if more remain. */
    async eventsAfter(afterId: number, limit: number): Promise<StoredDomainEvent[]> {
      return db
        .select(eventColumns)
        .from(domainEvents)
        .where(and(eq(domainEvents.clientId, clientId), gt(domainEvents.id, afterId)))
        .orderBy(asc(domainEvents.id))
        .limit(limit);
    },

    async hasConversation(conversationId: string): Promise<boolean> {
      const rows = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.clientId, clientId), eq(conversations.id, conversationId)))
        .limit(1);
      return rows.length > 0;
    },
  };
}

/**
 * The fan-out's reads, across clients on purpose: each row carries its client id and is emitted
 * only to that client's room. Never exposed to a socket handler.
 */
export function domainEventsFeed(db: Db) {
  return {
    async findByIds(ids: number[]): Promise<StoredDomainEvent[]> {
      if (ids.length === 0) return [];
      return db
        .select(eventColumns)
        .from(domainEvents)
        .where(inArray(domainEvents.id, ids))
        .orderBy(asc(domainEvents.id));
    },

    /** The newest event id (0 when none): where a starting listener's replay mark begins. */
    async latestId(): Promise<number> {
      const [row] = await db.select({ id: max(domainEvents.id) }).from(domainEvents);
      return row?.id ?? 0;
    },

    /** Every client's events after `afterId` in id order (the primary key): a listener's replay after a gap. */
    async eventsAfter(afterId: number, limit: number): Promise<StoredDomainEvent[]> {
      return db
        .select(eventColumns)
        .from(domainEvents)
        .where(gt(domainEvents.id, afterId))
        .orderBy(asc(domainEvents.id))
        .limit(limit);
    },

    /**
     * Deletes up to `batchSize` events recorded before `cutoff`. Walking the primary key from the
     * oldest id finds them without an index on created_at, and small batches keep locks short.
     */
    async deleteBatchRecordedBefore(cutoff: Date, batchSize: number): Promise<number> {
      const oldest = db
        .select({ id: domainEvents.id })
        .from(domainEvents)
        .where(lt(domainEvents.createdAt, cutoff))
        .orderBy(asc(domainEvents.id))
        .limit(batchSize);
      const deleted = await db
        .delete(domainEvents)
        .where(inArray(domainEvents.id, oldest))
        .returning({ id: domainEvents.id });
      return deleted.length;
    },
  };
}
