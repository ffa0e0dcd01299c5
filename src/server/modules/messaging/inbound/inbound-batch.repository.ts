import { and, eq, getTableColumns, inArray, or, type SQL, sql } from "drizzle-orm";
import type { ContactLanguage } from "../../../../contracts/contact-language";
import type { MessageOrigin } from "../../../../contracts/message-status";
import { appendTo, chunksOf, compareKeys } from "../../../platform/collections";
import { arrayRows, asTableRows, readByKeys } from "../../../platform/db/array-rows";
import type { Db, SqlResult } from "../../../platform/db/client";
import { clients, contacts, conversationLabels, conversations } from "../../../platform/db/schema/index";
import { uuidV7 } from "../../../platform/db/uuid-v7";
import type { ClientRow } from "../../accounts/clients.repository";
import { type FoldedChat, mergeContacts } from "../../conversations/contact-merge.repository";
import { type ContactRow, identityKey, type WhatsAppIdentity } from "../../conversations/contacts.repository";
import { type ConversationRow, upsertChats } from "../../conversations/conversations.repository";
import { labelIdsWhere } from "../../conversations/pipeline.repository";
import { type MessageRow, type NewMessage, storedMessageColumns } from "../messages.repository";

/** A client's inbox rules, as the inbound flow reads them to queue their jobs. */
export interface InboxRules {
  assignmentMode: ClientRow["assignmentMode"];
  awayReplyEnabled: boolean;
  timeZone: string;
  businessHours: ClientRow["businessHours"];
}

/**
 * What an inbound message sets; its other columns start empty. A message of the WhatsApp Business
 * app (an echo, or its history) also sets where it came from and, when sent, since when.
 */
export type InboundMessageValues = Pick<
  NewMessage,
  "conversationId" | "direction" | "type" | "content" | "text" | "status" | "replyToWamid"
> & {
  clientId: string;
  wamid: string;
  occurredAt: Date;
  text: string | null;
  replyToWamid: string | null;
  origin?: MessageOrigin | null;
  sentAt?: Date | null;
};

/**
 * A new inbound message's row: the columns it sets, the others as the table's defaults leave them.
 * Written out field by field: `{ ...defaults, ...given }` over these 34 fields took about 0.1 ms per
 * object in V8 (Node 20), more than the rest of storing the message.
 */
function inboundRow(
  given: InboundMessageValues & { id: string },
  stored: { searchText: string | null; createdAt: Date; updatedAt: Date },
): MessageRow {
  return {
    id: given.id,
    clientId: given.clientId,
    conversationId: given.conversationId,
    direction: given.direction,
    wamid: given.wamid,
    type: given.type,
    content: given.content,
    text: given.text,
    status: given.status,
    replyToWamid: given.replyToWamid,
    occurredAt: given.occurredAt,
    sentAt: given.sentAt ?? null,
    origin: given.origin ?? null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    errorCode: null,
    errorTitle: null,
    errorDetails: null,
    pricingCategory: null,
    pricingType: null,
    isBillable: null,
    templateName: null,
    templateLanguage: null,
    senderUserId: null,
    senderApiKeyId: null,
    senderAutomation: null,
    idempotencyKey: null,
    idempotencyFingerprint: null,
    sendAttempts: 0,
    searchText: stored.searchText,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

const byKey = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => compareKeys(a, b));

/** A contact's key within a batch: its client, then its WhatsApp identity. */
export const batchContactKey = (clientId: string, identity: Pick<WhatsAppIdentity, "waId" | "bsuid">) =>
  `${clientId} ${identityKey(identity)}`;

/** A candidate who wrote, with the language their messages of the batch are clearly in, if any. */
export type BatchIdentity = WhatsAppIdentity & {
  clientId: string;
  detectedLanguage?: ContactLanguage | null;
};

/** Whether a contact being upserted takes the language detected now (`excluded`) over its own. */
const redetect = sql.raw(
  "excluded.language IS NOT NULL AND coalesce(contacts.language_source, 'detected') = 'detected'",
);

/**
 * What a candidate already there becomes when they write again, column by column (an upsert's
 * `excluded` row against the stored one): the update sets these, and runs only when one differs.
 */
const MERGED_CONTACT: [column: string, merged: SQL][] = [
  ["profile_name", sql`coalesce(excluded.profile_name, contacts.profile_name)`],
  // The BSUID Meta gives with the number now is the current one (reconcileIdentities already
  // joined any other contact holding it).
  ["bsuid", sql`coalesce(excluded.bsuid, contacts.bsuid)`],
  ["username", sql`coalesce(excluded.username, contacts.username)`],
  ["parent_bsuid", sql`coalesce(excluded.parent_bsuid, contacts.parent_bsuid)`],
  // Detection replaces only its own guesses: a recruiter's or LinkoJob's choice stays.
  ["language", sql`CASE WHEN ${redetect} THEN excluded.language ELSE contacts.language END`],
  [
    "language_source",
    sql`CASE WHEN ${redetect} THEN excluded.language_source ELSE contacts.language_source END`,
  ],
];

/**
 * A contact known by its phone alone (created by a send that never went through, an import) takes
 * the wa_id of its number when that number writes (or the phone writes to it): otherwise the new
 * contact for the wa_id would collide with it on the phone and fail the batch. Skipped when another
 * contact already holds the wa_id (that one is the candidate's).
 */
async function adoptPhoneOnlyContacts(db: Db, pairs: (readonly [string, string])[]) {
  for (const slice of chunksOf(pairs, 5_000)) {
    if (slice.length === 0) continue;
    await db.execute(sql`
      UPDATE contacts SET wa_id = given.wa_id, updated_at = now()
      FROM ${arrayRows(slice, "given", {
        client_id: ["uuid", ([clientId]) => clientId],
        phone: ["text", ([, waId]) => `+${waId}`],
        wa_id: ["text", ([, waId]) => waId],
      })}
      WHERE contacts.client_id = given.client_id AND contacts.phone = given.phone AND contacts.wa_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM contacts AS holder
          WHERE holder.client_id = given.client_id AND holder.wa_id = given.wa_id)`);
  }
}

/**
 * The webhook processor's writes for the inbound messages of a batch, several clients at once:
 * one statement per table whatever the number of clients, where the tenant-scoped repositories
 * would need one per client. Each row carries the client its phone number was routed to, and every
 * match includes that client (conflict targets and joins), so a row can only meet its own client's
 * rows. Rows are written in key order, so that two batches running at once lock them in the same
 * order and never deadlock. The writes carry one array parameter per column (`arrayRows`), so a
 * batch of any size is one statement, cheap to build.
 */
export function inboundBatchRepository(db: Db) {
  return {
    /**
     * The team's labels on chats of several clients, in one query: each chat is looked up with its
     * own client (the pairs), so no client's chat is read under another's id. By chat id, in the
     * order they were put on.
     */
    labelIdsOf(chats: { clientId: string; conversationId: string }[]): Promise<Map<string, string[]>> {
      if (chats.length === 0) return Promise.resolve(new Map());
      return labelIdsWhere(
        db,
        sql`(${conversationLabels.clientId}, ${conversationLabels.conversationId}) IN (SELECT client_id, conversation_id FROM ${arrayRows(
          chats,
          "chat",
          { client_id: ["uuid", (c) => c.clientId], conversation_id: ["uuid", (c) => c.conversationId] },
        )})`,
      );
    },

    /**
     * The inbox rules of those of these clients that have one on (automatic assignment, the away
     * reply), keyed by client id: most batches find none, in one query.
     */
    async inboxRulesOf(clientIds: string[]) {
      const found = new Map<string, InboxRules>();
      if (clientIds.length === 0) return found;
      const rows = await db
        .select({
          id: clients.id,
          assignmentMode: clients.assignmentMode,
          awayReplyEnabled: clients.awayReplyEnabled,
          timeZone: clients.timeZone,
          businessHours: clients.businessHours,
        })
        .from(clients)
        .where(
          and(
            inArray(clients.id, clientIds),
            or(sql`${clients.assignmentMode} <> 'off'`, sql`${clients.awayReplyEnabled}`),
          ),
        );
      for (const row of rows) found.set(row.id, row);
      return found;
    },

    /**
     * The candidates who wrote, created on first contact, each once (the last profile name seen
     * wins); keyed by `batchContactKey`. A language detected in their messages (the batch's last)
     * is stored in the same statement, unless a recruiter or LinkoJob chose theirs.
     */
    async upsertContacts(identities: BatchIdentity[]): Promise<Map<string, ContactRow>> {
      const unique = new Map<string, BatchIdentity>();
      for (const identity of identities) {
        const key = batchContactKey(identity.clientId, identity);
        const seen = unique.get(key);
        unique.set(key, {
          ...identity,
          bsuid: seen?.bsuid ?? identity.bsuid,
          profileName: identity.profileName ?? seen?.profileName ?? null,
          username: identity.username ?? seen?.username ?? null,
          parentBsuid: identity.parentBsuid ?? seen?.parentBsuid ?? null,
          detectedLanguage: identity.detectedLanguage ?? seen?.detectedLanguage ?? null,
        });
      }
      const found = new Map<string, ContactRow>();
      const sorted = byKey([...unique.entries()]);
      await adoptPhoneOnlyContacts(
        db,
        sorted.flatMap(([, identity]) =>
          identity.waId ? [[identity.clientId, identity.waId] as const] : [],
        ),
      );
      const updatedAt = new Date().toISOString();
      for (const byWaId of [true, false]) {
        const group = sorted
          .filter(([, identity]) => (identity.waId !== null) === byWaId)
          .map(([, identity]) => ({
            clientId: identity.clientId,
            waId: identity.waId,
            bsuid: identity.bsuid,
            phone: identity.waId ? `+${identity.waId}` : null,
            profileName: identity.profileName,
            username: identity.username ?? null,
            parentBsuid: identity.parentBsuid ?? null,
            language: identity.detectedLanguage ?? null,
          }));
        if (group.length === 0) continue;
        const target = byWaId ? "client_id, wa_id" : "client_id, bsuid";
        const keyColumn = sql.raw(byWaId ? "wa_id" : "bsuid");
        const asked = arrayRows(group, "given", {
          client_id: ["uuid", (c) => c.clientId],
          wa_id: ["text", (c) => c.waId],
          bsuid: ["text", (c) => c.bsuid],
          phone: ["text", (c) => c.phone],
          profile_name: ["text", (c) => c.profileName],
          username: ["text", (c) => c.username],
          parent_bsuid: ["text", (c) => c.parentBsuid],
          language: ["text", (c) => c.language],
          language_source: ["text", (c) => (c.language ? "detected" : null)],
        });
        // A candidate already there is rewritten only when something of theirs changes (a new
        // profile name, a language detected): most write again with nothing new, and an update
        // that changes nothing still writes a row version. The others are read as they are; the
        // statement's snapshot has their versions from before it. A candidate whose update the
        // WHERE declines is still locked by it, in the sorted order of the rows asked.
        const result = (await db.execute(sql`
          WITH asked AS MATERIALIZED (SELECT * FROM ${asked}),
          written AS (
            INSERT INTO contacts (client_id, wa_id, bsuid, phone, profile_name, username, parent_bsuid,
              language, language_source)
            SELECT * FROM asked
            ON CONFLICT (${sql.raw(target)}) DO UPDATE SET
              ${sql.join(
                MERGED_CONTACT.map(([column, merged]) => sql`${sql.raw(column)} = ${merged}`),
                sql`, `,
              )},
              updated_at = ${updatedAt}::timestamptz
            WHERE (${sql.raw(MERGED_CONTACT.map(([column]) => `contacts.${column}`).join(", "))})
              IS DISTINCT FROM (${sql.join(
                MERGED_CONTACT.map(([, merged]) => merged),
                sql`, `,
              )})
            RETURNING *
          )
          SELECT * FROM written
          UNION ALL
          SELECT c.* FROM contacts c JOIN asked a ON c.client_id = a.client_id AND c.${keyColumn} = a.${keyColumn}
          -- Those written come as written; a candidate deleted since the snapshot (merged into
          -- another) and created again comes as created.
          WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w.client_id = c.client_id AND w.${keyColumn} = c.${keyColumn})`)) as unknown as SqlResult;
        const keyOf = (row: { clientId: string; waId: string | null; bsuid: string | null }) =>
          batchContactKey(row.clientId, { waId: byWaId ? row.waId : null, bsuid: row.bsuid });
        for (const row of asTableRows(contacts, result.rows)) found.set(keyOf(row), row);
        // A candidate another transaction created after this statement's snapshot: read by a new
        // statement.
        const late = await readByKeys(
          db,
          contacts,
          group.filter((c) => !found.has(keyOf(c))),
          {
            client_id: ["uuid", (c) => c.clientId],
            [byWaId ? "wa_id" : "bsuid"]: ["text", (c) => (byWaId ? c.waId : c.bsuid)],
          },
        );
        for (const row of late) found.set(keyOf(row), row);
      }
      return found;
    },

    /**
     * Before the contacts are written: where Meta names a number and a BSUID together, the client's
     * contact of that number and its contact of that BSUID become one (`mergeContacts`: a
     * candidate first known by their username, later by their number, keeps one chat), and a
     * BSUID-only contact takes the number. A BSUID already on a contact of another number is left
     * there (`bsuid` dropped from the identity): Meta ties a BSUID to one number. Returns the chats
     * folded into another (gone, each with the chat that kept its history), by client. Every lookup and change carries the client.
     */
    async reconcileIdentities(
      identities: (WhatsAppIdentity & { clientId: string })[],
    ): Promise<Map<string, FoldedChat[]>> {
      const removed = new Map<string, FoldedChat[]>();
      const both = identities.filter((i) => i.waId !== null && i.bsuid !== null);
      if (both.length === 0) return removed;
      const pairs = (values: (string | null)[][]) =>
        sql.join(
          values.map(([clientId, value]) => sql`(${clientId}::uuid, ${value}::text)`),
          sql`, `,
        );
      const holders: ContactRow[] = [];
      // Six parameters an identity: slices well under the 65 535 a statement takes.
      for (const slice of chunksOf(both, 2_000))
        holders.push(
          ...(await db
            .select()
            .from(contacts)
            .where(
              or(
                sql`(${contacts.clientId}, ${contacts.bsuid}) in (${pairs(slice.map((i) => [i.clientId, i.bsuid]))})`,
                sql`(${contacts.clientId}, ${contacts.waId}) in (${pairs(slice.map((i) => [i.clientId, i.waId]))})`,
                sql`(${contacts.clientId}, ${contacts.phone}) in (${pairs(slice.map((i) => [i.clientId, `+${i.waId}`]))})`,
              ),
            )),
        );
      // The holders by client and BSUID, wa_id and phone, kept current as rows merge and move.
      const index = new Map<string, ContactRow>();
      const keysOf = (row: ContactRow) =>
        [
          row.bsuid && `${row.clientId} b:${row.bsuid}`,
          row.waId && `${row.clientId} w:${row.waId}`,
          row.phone && `${row.clientId} p:${row.phone}`,
        ].filter((key): key is string => Boolean(key));
      const put = (row: ContactRow) => {
        for (const key of keysOf(row)) index.set(key, row);
      };
      const drop = (row: ContactRow) => {
        for (const key of keysOf(row)) if (index.get(key)?.id === row.id) index.delete(key);
      };
      for (const row of holders) put(row);
      const sorted = byKey(both.map((i) => [batchContactKey(i.clientId, i), i] as [string, typeof i]));
      for (const [, identity] of sorted) {
        const ofBsuid = index.get(`${identity.clientId} b:${identity.bsuid}`);
        const ofNumber =
          index.get(`${identity.clientId} w:${identity.waId}`) ??
          index.get(`${identity.clientId} p:+${identity.waId}`);
        if (ofBsuid && ofBsuid.waId !== null && ofBsuid.waId !== identity.waId) {
          identity.bsuid = null; // another number's BSUID: not moved
          continue;
        }
        if (ofBsuid && ofNumber && ofBsuid.id !== ofNumber.id) {
          const merged = await mergeContacts(db, identity.clientId, ofNumber.id, ofBsuid.id);
          drop(ofBsuid);
          drop(ofNumber);
          if (merged) {
            put(merged.contact);
            appendTo(removed, identity.clientId, merged.folded);
          }
          continue;
        }
        const numberless = ofBsuid ?? ofNumber;
        if (numberless && numberless.waId === null) {
          const [row] = await db
            .update(contacts)
            .set({
              waId: identity.waId,
              phone: numberless.phone ?? `+${identity.waId}`,
              updatedAt: new Date(),
            })
            .where(and(eq(contacts.clientId, identity.clientId), eq(contacts.id, numberless.id)))
            .returning();
          drop(numberless);
          if (row) put(row);
        }
      }
      return removed;
    },

    /** The chats, created on first contact, each pair once; keyed by `chatKey`. */
    upsertConversations(pairs: { clientId: string; connectionId: string; contactId: string }[]) {
      return upsertChats(db, pairs);
    },

    /**
     * Inserts messages, each once per wamid; returns the rows that were new, the others being
     * Meta's retries and duplicates.
     */
    async insertMessages(values: InboundMessageValues[]): Promise<MessageRow[]> {
      if (values.length === 0) return [];
      // Ids first (they keep the arrival order of same-second messages), then the lock order.
      const rows = values.map((v) => ({ id: uuidV7(), ...v }));
      rows.sort((a, b) => compareKeys(a.wamid, b.wamid));
      const result = (await db.execute(sql`
        INSERT INTO messages (id, client_id, conversation_id, direction, wamid, type, content, text, status,
          reply_to_wamid, occurred_at, origin, sent_at)
        SELECT id, client_id, conversation_id, direction, wamid, type, content::jsonb, text, status, reply_to_wamid,
          occurred_at, origin, sent_at
        FROM ${arrayRows(rows, "given", {
          ...storedMessageColumns<(typeof rows)[number]>(),
          client_id: ["uuid", (r) => r.clientId],
          wamid: ["text", (r) => r.wamid],
          occurred_at: ["timestamptz", (r) => r.occurredAt.toISOString()],
          origin: ["text", (r) => r.origin ?? null],
          sent_at: ["timestamptz", (r) => r.sentAt?.toISOString() ?? null],
        })}
        ON CONFLICT DO NOTHING
        RETURNING id, search_text, created_at, updated_at`)) as unknown as {
        rows: {
          id: string;
          search_text: string | null;
          created_at: string | Date;
          updated_at: string | Date;
        }[];
      };
      const given = new Map(rows.map((row) => [row.id, row]));
      return result.rows.map((stored) => {
        return inboundRow(given.get(stored.id)!, {
          searchText: stored.search_text,
          createdAt: new Date(stored.created_at),
          updatedAt: new Date(stored.updated_at),
        });
      });
    },

    /**
     * New inbound messages per chat: each opens (or extends) its 24-hour window and counts `count`
     * unread; the preview follows the newest message, whatever order they arrived in.
     */
    async recordInbound(
      updates: { clientId: string; id: string; at: Date; preview: string; count: number }[],
    ): Promise<ConversationRow[]> {
      // Meta dates a candidate's message to the second: a reply within the second of the last
      // message (a tap on a question just sent) is the newer one, not a message from before it.
      const newer = sql`(${conversations.lastMessageAt} is null or date_trunc('second', ${conversations.lastMessageAt}) <= inbound.at)`;
      if (updates.length === 0) return [];
      const inbound = arrayRows(updates, "inbound", {
        id: ["uuid", (u) => u.id],
        client_id: ["uuid", (u) => u.clientId],
        at: ["timestamptz", (u) => u.at.toISOString()],
        preview: ["text", (u) => u.preview],
        count: ["int", (u) => u.count],
      });
      return db
        .update(conversations)
        .set({
          lastInboundAt: sql`greatest(${conversations.lastInboundAt}, inbound.at)`,
          lastMessagePreview: sql`case when ${newer} then inbound.preview else ${conversations.lastMessagePreview} end`,
          lastMessageDirection: sql`case when ${newer} then 'inbound' else ${conversations.lastMessageDirection} end`,
          lastMessageAt: sql`greatest(${conversations.lastMessageAt}, inbound.at)`,
          unreadCount: sql`${conversations.unreadCount} + inbound.count`,
          isAwaitingReply: true,
          // The candidate wrote: the chat is back in the team's day, whatever its status.
          archivedAt: null,
          status: "open",
          snoozedUntil: null,
          statusChangedAt: sql`case when ${conversations.status} = 'open' then ${conversations.statusChangedAt} else inbound.at end`,
          updatedAt: new Date(),
        })
        .from(inbound)
        .where(sql`${conversations.id} = inbound.id and ${conversations.clientId} = inbound.client_id`)
        .returning(getTableColumns(conversations));
    },
  };
}
