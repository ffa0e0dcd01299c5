import { and, eq, getTableColumns, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { contacts, conversations, messages, whatsappConnections } from "../../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../../platform/db/tenant-scope";
import type { ConnectionRow } from "../../connections/connections.repository";
import type { ContactRow } from "../../conversations/contacts.repository";
import type { MessageRow } from "../messages.repository";

/** A queued message with what sending it needs: the candidate and the number it goes from. */
export interface OutboxEntry {
  message: MessageRow;
  contact: ContactRow;
  connection: ConnectionRow;
}

/**
 * The send worker's reads and writes for a batch of one client's messages, each one statement
 * whatever the batch size. Every table is filtered by the client, joins included.
 */
export function outboxRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    /** The messages with their contact and connection; a message whose chat or number is gone is left out. */
    async load(messageIds: string[]): Promise<OutboxEntry[]> {
      if (messageIds.length === 0) return [];
      return db
        .select({ message: messages, contact: contacts, connection: whatsappConnections })
        .from(messages)
        .innerJoin(
          conversations,
          and(eq(conversations.id, messages.conversationId), eq(conversations.clientId, scope.clientId)),
        )
        .innerJoin(
          contacts,
          and(eq(contacts.id, conversations.contactId), eq(contacts.clientId, scope.clientId)),
        )
        .innerJoin(
          whatsappConnections,
          and(
            eq(whatsappConnections.id, conversations.connectionId),
            eq(whatsappConnections.clientId, scope.clientId),
          ),
        )
        .where(ownedBy(messages, scope, inArray(messages.id, messageIds)));
    },

    /**
     * Marks the messages `sending` (one more attempt) unless they got a wamid or ended meanwhile,
     * or another attempt marked them since `markedBefore` (its outcome unknown yet); returns the
     * ids marked, the only ones that may be sent. The mark is the claim: of two attempts at one
     * message at once (a job whose attempt expired runs again while the first still runs), only
     * one marks it, the other's UPDATE finding it marked once the first commits.
     */
    async markSending(messageIds: string[], markedBefore: Date): Promise<Map<string, number>> {
      if (messageIds.length === 0) return new Map();
      const rows = await db
        .update(messages)
        .set({ status: "sending", sendAttempts: sql`${messages.sendAttempts} + 1`, updatedAt: new Date() })
        .where(
          ownedBy(
            messages,
            scope,
            inArray(messages.id, messageIds),
            isNull(messages.wamid),
            or(
              eq(messages.status, "queued"),
              and(eq(messages.status, "sending"), lt(messages.updatedAt, markedBefore)),
            ),
          ),
        )
        .returning({ id: messages.id, sendAttempts: messages.sendAttempts });
      return new Map(rows.map((r) => [r.id, r.sendAttempts]));
    },

    /**
     * Stores the wamids Meta returned, in one UPDATE. A status webhook may have come first (it
     * finds the message by our id): the status then only moves forward and its time is kept.
     * With `skipLocked`, rows another transaction holds are left out instead of waited for (the
     * webhook processor's batch may hold some and wait for ours: waiting both ways deadlocks);
     * the caller stores those afterwards, one at a time.
     */
    async recordSent(
      sent: { id: string; wamid: string; sentAt: Date }[],
      options: { skipLocked: boolean },
    ): Promise<MessageRow[]> {
      if (sent.length === 0) return [];
      const values = JSON.stringify(sent.map((s) => ({ ...s, sentAt: s.sentAt.toISOString() })));
      const lock = options.skipLocked ? sql`FOR UPDATE OF l SKIP LOCKED` : sql``;
      return db
        .update(messages)
        .set({
          wamid: sql`v.wamid`,
          status: sql`CASE WHEN ${messages.status} IN ('queued', 'sending') THEN 'sent' ELSE ${messages.status} END`,
          sentAt: sql`coalesce(${messages.sentAt}, v."sentAt")`,
          updatedAt: new Date(),
        })
        .from(
          sql`(SELECT v.* FROM jsonb_to_recordset(${values}::jsonb) AS v(id uuid, wamid text, "sentAt" timestamptz)
               JOIN messages l ON l.id = v.id AND l.client_id = ${scope.clientId} ${lock}) AS v`,
        )
        .where(ownedBy(messages, scope, sql`${messages.id} = v.id`))
        .returning(getTableColumns(messages));
    },

    /**
     * Meta's wa_id can differ from the number typed (Mexico 521, Argentina 549, Brazil): each
     * contact takes the wa_id Meta returned, in one UPDATE, unless another contact of the client
     * already has it (then the two stay apart, as before).
     */
    async learnWaIds(learned: { contactId: string; waId: string }[]): Promise<void> {
      if (learned.length === 0) return;
      const values = JSON.stringify(learned);
      await db.execute(sql`
        UPDATE ${contacts} SET wa_id = v."waId", updated_at = now()
        FROM (
          SELECT DISTINCT ON (v."waId") v.* FROM jsonb_to_recordset(${values}::jsonb) AS v("contactId" uuid, "waId" text)
        ) AS v
        WHERE ${contacts.clientId} = ${scope.clientId} AND ${contacts.id} = v."contactId"
          AND ${contacts.waId} IS DISTINCT FROM v."waId"
          AND NOT EXISTS (SELECT 1 FROM ${contacts} other WHERE other.client_id = ${scope.clientId} AND other.wa_id = v."waId")
      `);
    },
  };
}
