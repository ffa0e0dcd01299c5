import { and, asc, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Db, SqlResult } from "../../platform/db/client";
import {
  auditLog,
  campaignRecipients,
  clients,
  contacts,
  conversations,
  costLedger,
  domainEvents,
  media,
  messages,
  messagingLimitReaches,
  notes,
  whatsappConnections,
} from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type ContactRow = typeof contacts.$inferSelect;

/** What a candidate's erasure touches, read before anything is deleted. */
export interface ErasureTargets {
  conversationIds: string[];
  messageIds: string[];
  wamids: string[];
  storageKeys: string[];
}

const rowsOf = (result: unknown) => (result as SqlResult).rows;

/**
 * Every row a client holds about one candidate, for the export and the erasure; scoped by the
 * client like every tenant repository.
 */
export function dataRightsRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    async findContact(id: string): Promise<ContactRow | null> {
      const [row] = await db
        .select()
        .from(contacts)
        .where(ownedBy(contacts, scope, eq(contacts.id, id)));
      return row ?? null;
    },

    /** The candidate's conversations, messages, media rows, notes, ledger and campaign rows. */
    async exportRows(contact: ContactRow) {
      const chats = await db
        .select({ conversation: conversations, phoneNumber: whatsappConnections.displayPhoneNumber })
        .from(conversations)
        .leftJoin(whatsappConnections, eq(whatsappConnections.id, conversations.connectionId))
        .where(ownedBy(conversations, scope, eq(conversations.contactId, contact.id)))
        .orderBy(asc(conversations.createdAt));
      const conversationIds = chats.map((chat) => chat.conversation.id);
      if (conversationIds.length === 0)
        return {
          chats,
          messages: [],
          media: [],
          notes: [],
          ledger: [],
          recipients: await this.recipients(contact, []),
        };
      const messageRows = await db
        .select()
        .from(messages)
        .where(ownedBy(messages, scope, inArray(messages.conversationId, conversationIds)))
        .orderBy(asc(messages.occurredAt), asc(messages.id));
      const messageIds = messageRows.map((message) => message.id);
      return {
        chats,
        messages: messageRows,
        media: await this.mediaOf(messageIds),
        notes: await db
          .select()
          .from(notes)
          .where(ownedBy(notes, scope, inArray(notes.conversationId, conversationIds)))
          .orderBy(asc(notes.createdAt)),
        ledger: await db
          .select()
          .from(costLedger)
          .where(ownedBy(costLedger, scope, inArray(costLedger.conversationId, conversationIds)))
          .orderBy(asc(costLedger.billedAt)),
        recipients: await this.recipients(contact, messageIds),
      };
    },

    async mediaOf(messageIds: string[]) {
      if (messageIds.length === 0) return [];
      return db
        .select()
        .from(media)
        .where(ownedBy(media, scope, inArray(media.messageId, messageIds)));
    },

    /** Campaign rows for the candidate: by their message, or by the number they were sent to. */
    recipients(contact: ContactRow, messageIds: string[]) {
      const phones = phonesOf(contact);
      const matches = [
        messageIds.length > 0 ? inArray(campaignRecipients.messageId, messageIds) : undefined,
        phones.length > 0 ? inArray(campaignRecipients.phone, phones) : undefined,
      ].filter((condition) => condition !== undefined);
      if (matches.length === 0) return Promise.resolve([]);
      return db
        .select()
        .from(campaignRecipients)
        .where(ownedBy(campaignRecipients, scope, or(...matches)));
    },

    async erasureTargets(contact: ContactRow): Promise<ErasureTargets> {
      const conversationIds = (
        await db
          .select({ id: conversations.id })
          .from(conversations)
          .where(ownedBy(conversations, scope, eq(conversations.contactId, contact.id)))
      ).map((row) => row.id);
      const messageRows =
        conversationIds.length === 0
          ? []
          : await db
              .select({ id: messages.id, wamid: messages.wamid })
              .from(messages)
              .where(ownedBy(messages, scope, inArray(messages.conversationId, conversationIds)));
      const messageIds = messageRows.map((row) => row.id);
      const storageKeys = (await this.mediaOf(messageIds)).flatMap((row) =>
        row.storageKey ? [row.storageKey] : [],
      );
      return {
        conversationIds,
        messageIds,
        wamids: messageRows.flatMap((row) => (row.wamid ? [row.wamid] : [])),
        storageKeys,
      };
    },

    /**
     * Deletes the candidate and everything personal that refers to them, in the caller's
     * transaction. Conversations, messages, media rows and notes go with the contact (foreign keys
     * cascade); the ledger keeps its amounts (its message and conversation become null).
     */
    async erase(contact: ContactRow, targets: ErasureTargets): Promise<Record<string, number>> {
      const recipients = await this.recipients(contact, targets.messageIds);
      if (recipients.length > 0)
        await db
          .update(campaignRecipients)
          .set({ phone: "erased", name: null, variables: {}, reason: null, messageId: null })
          .where(
            ownedBy(
              campaignRecipients,
              scope,
              inArray(
                campaignRecipients.id,
                recipients.map((row) => row.id),
              ),
            ),
          );
      const ids = [contact.id, ...targets.conversationIds, ...targets.messageIds];
      const identities = phonesOf(contact).flatMap((phone) => [phone, phone.replace(/^\+/, "")]);
      // Socket replays carry previews and names: the candidate's events go with them.
      const events = rowsOf(
        await db.execute(sql`DELETE FROM ${domainEvents} WHERE ${domainEvents.clientId} = ${scope.clientId}
          AND (${domainEvents.payload}::text ~ ${idPattern([...ids, ...identities])}) RETURNING 1`),
      ).length;
      const limitRows =
        identities.length === 0
          ? 0
          : (
              await db
                .delete(messagingLimitReaches)
                .where(
                  ownedBy(messagingLimitReaches, scope, inArray(messagingLimitReaches.recipient, identities)),
                )
                .returning({ id: messagingLimitReaches.id })
            ).length;
      if (targets.wamids.length > 0)
        await db.execute(
          sql`DELETE FROM parked_statuses WHERE wamid IN (${sql.join(
            targets.wamids.map((wamid) => sql`${wamid}`),
            sql`, `,
          )})`,
        );
      const outbound = rowsOf(
        await db.execute(sql`DELETE FROM webhook_outbound_events WHERE client_id = ${scope.clientId}
          AND body ~ ${idPattern([...ids, ...identities])} RETURNING 1`),
      ).length;
      const rawDeliveries = await this.eraseRawDeliveries(identities);
      await db.delete(contacts).where(ownedBy(contacts, scope, eq(contacts.id, contact.id)));
      return {
        conversations: targets.conversationIds.length,
        messages: targets.messageIds.length,
        mediaFiles: targets.storageKeys.length,
        campaignRecipients: recipients.length,
        domainEvents: events,
        messagingLimitReaches: limitRows,
        outboundWebhookEvents: outbound,
        rawWebhookDeliveries: rawDeliveries,
      };
    },

    /**
     * Meta's deliveries as received hold the candidate's number and words; those already processed
     * that name both the candidate and one of this client's numbers are dropped (a delivery not yet
     * processed is left to run: it creates a new contact, as a later message would).
     */
    async eraseRawDeliveries(identities: string[]): Promise<number> {
      const waIds = identities.filter((identity) => /^\d{6,}$/.test(identity));
      if (waIds.length === 0) return 0;
      const numbers = await db
        .select({ phoneNumberId: whatsappConnections.phoneNumberId })
        .from(whatsappConnections)
        .where(
          and(eq(whatsappConnections.clientId, scope.clientId), isNotNull(whatsappConnections.phoneNumberId)),
        );
      if (numbers.length === 0) return 0;
      const numberPattern = idPattern(
        numbers.flatMap((row) => (row.phoneNumberId ? [row.phoneNumberId] : [])),
      );
      return rowsOf(
        await db.execute(sql`DELETE FROM webhook_events WHERE processed_at IS NOT NULL
          AND raw_body ~ ${idPattern(waIds)} AND raw_body ~ ${numberPattern} RETURNING 1`),
      ).length;
    },

    /** Whether the audit log says this candidate was erased (the erasure's one remaining trace). */
    async wasErased(contactId: string): Promise<boolean> {
      const [line] = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(
          ownedBy(auditLog, scope, eq(auditLog.action, "contact.erased"), eq(auditLog.targetId, contactId)),
        )
        .limit(1);
      return line !== undefined;
    },

    async retention() {
      const [row] = await db
        .select({
          conversationMonths: clients.retentionConversationMonths,
          mediaMonths: clients.retentionMediaMonths,
        })
        .from(clients)
        .where(eq(clients.id, scope.clientId));
      return row ?? null;
    },

    async setRetention(values: { conversationMonths?: number | null; mediaMonths?: number | null }) {
      await db
        .update(clients)
        .set({
          retentionConversationMonths: values.conversationMonths,
          retentionMediaMonths: values.mediaMonths,
          updatedAt: new Date(),
        })
        .where(eq(clients.id, scope.clientId));
    },

    /** Up to `limit` conversations without a message since `before`, with their stored files. */
    async staleConversations(before: Date, limit: number) {
      const stale = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(
          ownedBy(
            conversations,
            scope,
            lt(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`, before),
          ),
        )
        .limit(limit);
      const ids = stale.map((row) => row.id);
      if (ids.length === 0) return { ids, storageKeys: [] };
      const files = await db
        .select({ storageKey: media.storageKey })
        .from(media)
        .innerJoin(messages, eq(messages.id, media.messageId))
        .where(
          and(ownedBy(media, scope), inArray(messages.conversationId, ids), isNotNull(media.storageKey)),
        );
      return { ids, storageKeys: files.flatMap((row) => (row.storageKey ? [row.storageKey] : [])) };
    },

    async deleteConversations(ids: string[]): Promise<void> {
      await db.delete(conversations).where(ownedBy(conversations, scope, inArray(conversations.id, ids)));
    },

    /** Candidates left without any conversation, who have not opted out (an opt-out is kept to be honoured). */
    async deleteContactsWithoutConversations(): Promise<number> {
      return rowsOf(
        await db.execute(sql`DELETE FROM contacts c WHERE c.client_id = ${scope.clientId}
          AND c.opted_out_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM conversations v WHERE v.contact_id = c.id) RETURNING 1`),
      ).length;
    },

    /** Anonymises up to `limit` recipient rows of campaigns created before `before`; returns how many. */
    async anonymiseOldRecipients(before: Date, limit: number): Promise<number> {
      return rowsOf(
        await db.execute(sql`UPDATE campaign_recipients SET phone = 'erased', name = NULL, variables = '{}'::jsonb, reason = NULL
          WHERE id IN (SELECT r.id FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id
            WHERE r.client_id = ${scope.clientId} AND c.client_id = ${scope.clientId}
              AND c.created_at < ${before.toISOString()} AND r.phone <> 'erased' LIMIT ${limit})
          RETURNING 1`),
      ).length;
    },

    /** Up to `limit` stored files created before `before`. */
    oldMedia(before: Date, limit: number) {
      return db
        .select({ id: media.id, storageKey: media.storageKey })
        .from(media)
        .where(ownedBy(media, scope, lt(media.createdAt, before), isNotNull(media.storageKey)))
        .limit(limit);
    },

    /** The file is gone: the row stays (its message says a file was sent) without name or key. */
    async forgetMedia(ids: string[]): Promise<void> {
      await db
        .update(media)
        .set({
          storageKey: null,
          filename: null,
          sha256: null,
          status: "failed",
          error: "deleted by retention",
        })
        .where(ownedBy(media, scope, inArray(media.id, ids)));
    },
  };
}

/** The numbers the candidate can be found by: as typed, and as Meta's WhatsApp id. */
export function phonesOf(contact: ContactRow): string[] {
  const phones = new Set<string>();
  if (contact.phone) phones.add(contact.phone);
  if (contact.waId) phones.add(`+${contact.waId}`);
  return [...phones];
}

/** A regular expression matching any of these literal strings. */
function idPattern(values: string[]): string {
  return values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
}

/** The clients that set a retention, for the daily job (not tenant-scoped: it serves them all). */
export async function clientsWithRetention(db: Db) {
  return db
    .select({
      id: clients.id,
      conversationMonths: clients.retentionConversationMonths,
      mediaMonths: clients.retentionMediaMonths,
    })
    .from(clients)
    .where(or(isNotNull(clients.retentionConversationMonths), isNotNull(clients.retentionMediaMonths)));
}
