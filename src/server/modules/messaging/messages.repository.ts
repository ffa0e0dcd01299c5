import { asc, desc, eq, getTableColumns, inArray, or, type SQL, sql } from "drizzle-orm";
import { type ArrayColumn, arrayRows, asTableRows } from "../../platform/db/array-rows";
import { foldedMatch } from "../../platform/db/folded-search";
import { inChunks } from "../../platform/db/in-chunks";
import { newerThan, olderThan } from "../../platform/db/keyset";
import { pickColumns } from "../../platform/db/pick-columns";
import { contacts, conversations, media, messages, parkedStatuses } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { uuidV7 } from "../../platform/db/uuid-v7";
import { newestMatchingMessages } from "./message-search.repository";

export type MessageRow = typeof messages.$inferSelect;

/** What a search result shows of its message (its snippet, from the text or the file's name) and candidate. */
const FOUND_MESSAGE = ["id", "conversationId", "direction", "type", "occurredAt", "content", "text"] as const;
const FOUND_CONTACT = ["id", "name", "profileName", "username", "phone", "waId", "bsuid"] as const;
/** The fields every new message gives, inbound or queued. */
type StoredMessageValues = Required<
  Pick<NewMessage, "conversationId" | "direction" | "type" | "content" | "text" | "status" | "replyToWamid">
> & { id: string };

/** Those fields as `arrayRows` columns, for a raw insert of messages (`content` travels as text). */
export function storedMessageColumns<T extends StoredMessageValues>(): Record<string, ArrayColumn<T>> {
  return {
    id: ["uuid", (v) => v.id],
    conversation_id: ["uuid", (v) => v.conversationId],
    direction: ["text", (v) => v.direction],
    type: ["text", (v) => v.type],
    content: ["text", (v) => JSON.stringify(v.content)],
    text: ["text", (v) => v.text],
    status: ["text", (v) => v.status],
    reply_to_wamid: ["text", (v) => v.replyToWamid],
  };
}

export type FoundMessage = {
  message: Pick<MessageRow, (typeof FOUND_MESSAGE)[number]>;
  contact: Pick<typeof contacts.$inferSelect, (typeof FOUND_CONTACT)[number]>;
};
export type NewMessage = Omit<typeof messages.$inferInsert, "clientId" | "id"> & { id?: string };
/** A queued send's row, every field given (`insertManyOnce` writes these columns and no others). */
export type QueuedMessageValues = Required<
  Pick<
    NewMessage,
    | "id"
    | "conversationId"
    | "direction"
    | "type"
    | "content"
    | "text"
    | "status"
    | "templateName"
    | "templateLanguage"
    | "pricingCategory"
    | "replyToWamid"
    | "senderUserId"
    | "senderApiKeyId"
    | "senderAutomation"
    | "idempotencyKey"
    | "idempotencyFingerprint"
  >
>;
export type MessageChanges = Partial<Omit<MessageRow, "id" | "clientId" | "conversationId" | "createdAt">>;
export type MediaRow = typeof media.$inferSelect;

/** What a status can change on a message, each field with the SQL type its value is cast to. */
const DELIVERY_STATE = {
  wamid: "text",
  status: "text",
  sentAt: "timestamptz",
  deliveredAt: "timestamptz",
  readAt: "timestamptz",
  failedAt: "timestamptz",
  errorCode: "int",
  errorTitle: "text",
  errorDetails: "text",
  pricingCategory: "text",
  pricingType: "text",
  isBillable: "boolean",
} as const;
type DeliveryStateField = keyof typeof DELIVERY_STATE;
const DELIVERY_STATE_FIELDS = Object.keys(DELIVERY_STATE) as DeliveryStateField[];
/** The message a reaction is aimed at, as `messages_client_reaction_target_idx` has it. */
const reactionTarget = sql`(${messages.content}->'content'->>'targetWamid')`;

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

    /**
     * Several at once, each kept only if new (the same idempotency key as a stored message, or as
     * an earlier one of the list, adds nothing): the rows stored, each with its id from `ids`.
     */
    /**
     * Queued sends, in one statement with one array parameter per column (`arrayRows`): Drizzle's
     * multi-row insert built a parameter, or a `default`, for each of the 35 columns of each row.
     * The ones a conflict kept out (a reused idempotency key) are not returned.
     */
    async insertManyOnce(values: QueuedMessageValues[]): Promise<MessageRow[]> {
      if (values.length === 0) return [];
      const result = (await db.execute(sql`
        INSERT INTO messages (id, client_id, conversation_id, direction, type, content, text, status,
          template_name, template_language, pricing_category, reply_to_wamid, sender_user_id,
          sender_api_key_id, sender_automation, idempotency_key, idempotency_fingerprint)
        SELECT id, ${scope.clientId}::uuid, conversation_id, direction, type, content::jsonb, text, status,
          template_name, template_language, pricing_category, reply_to_wamid, sender_user_id,
          sender_api_key_id, sender_automation, idempotency_key, idempotency_fingerprint
        FROM ${arrayRows(values, "given", {
          ...storedMessageColumns<QueuedMessageValues>(),
          template_name: ["text", (v) => v.templateName],
          template_language: ["text", (v) => v.templateLanguage],
          pricing_category: ["text", (v) => v.pricingCategory],
          sender_user_id: ["uuid", (v) => v.senderUserId],
          sender_api_key_id: ["uuid", (v) => v.senderApiKeyId],
          sender_automation: ["text", (v) => v.senderAutomation],
          idempotency_key: ["text", (v) => v.idempotencyKey],
          idempotency_fingerprint: ["text", (v) => v.idempotencyFingerprint],
        })}
        ON CONFLICT DO NOTHING
        RETURNING *`)) as unknown as { rows: Record<string, unknown>[] };
      return asTableRows(messages, result.rows);
    },

    async findById(id: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(ownedBy(messages, scope, eq(messages.id, id)))
        .limit(1);
      return row;
    },

    /**
     * The messages of these wamids or ids, locked for this transaction (in id order, the order
     * every batch locks them in), so that a status is applied to the current row. One statement
     * whatever the number (each list is one array parameter), so the lock order holds for all.
     */
    lockByWamidsOrIds(wamids: string[], ids: string[]): Promise<MessageRow[]> {
      if (wamids.length === 0 && ids.length === 0) return Promise.resolve([]);
      return db
        .select()
        .from(messages)
        .where(
          ownedBy(
            messages,
            scope,
            or(
              wamids.length > 0
                ? sql`${messages.wamid} = any(${sql.param([...new Set(wamids)])}::text[])`
                : undefined,
              ids.length > 0 ? sql`${messages.id} = any(${sql.param([...new Set(ids)])}::uuid[])` : undefined,
            ),
          ),
        )
        .orderBy(messages.id)
        .for("update");
    },

    /**
     * Writes the delivery state of several messages in one statement (statuses of a batch), or
     * in slices when they are too many for one (the rows are locked already: order is free).
     */
    updateDeliveryStates(rows: MessageRow[]): Promise<MessageRow[]> {
      const value = (v: MessageRow[DeliveryStateField]) => (v instanceof Date ? v.toISOString() : v);
      const columns = DELIVERY_STATE_FIELDS.map((f) => messages[f].name);
      return inChunks(rows, 1 + DELIVERY_STATE_FIELDS.length, (chunk) => {
        const values = sql.join(
          chunk.map(
            (m) =>
              sql`(${m.id}::uuid, ${sql.join(
                DELIVERY_STATE_FIELDS.map((f) => sql`${value(m[f])}::${sql.raw(DELIVERY_STATE[f])}`),
                sql`, `,
              )})`,
          ),
          sql`, `,
        );
        return db
          .update(messages)
          .set({
            ...(Object.fromEntries(
              DELIVERY_STATE_FIELDS.map((f) => [f, sql.raw(`state.${messages[f].name}`)]),
            ) as Record<DeliveryStateField, SQL>),
            updatedAt: new Date(),
          })
          .from(sql`(values ${values}) as state(id, ${sql.raw(columns.join(", "))})`)
          .where(ownedBy(messages, scope, sql`${messages.id} = state.id`))
          .returning(getTableColumns(messages));
      });
    },

    /** By Meta's id; another client's wamid is not found (wamids are unique across clients). */
    async findByWamid(wamid: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(ownedBy(messages, scope, eq(messages.wamid, wamid)))
        .limit(1);
      return row;
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
            olderThan(messages.occurredAt, messages.id, before && { at: before.occurredAt, id: before.id }),
          ),
        )
        .orderBy(desc(messages.occurredAt), desc(messages.id))
        .limit(limit);
    },

    /**
     * A chat's photos and videos around one message: up to `limit` older and `limit` newer, oldest
     * first, with how many come before the older ones and how many there are in all.
     */
    async mediaAround(conversationId: string, pivot: { occurredAt: Date; id: string }, limit: number) {
      const inChat = (...conditions: (SQL | undefined)[]) =>
        ownedBy(
          messages,
          scope,
          eq(messages.conversationId, conversationId),
          inArray(messages.type, ["image", "video"]),
          ...conditions,
        );
      const at = { at: pivot.occurredAt, id: pivot.id };
      const isOlder = olderThan(messages.occurredAt, messages.id, at) as SQL;
      const [older, newer, [counts]] = await Promise.all([
        db
          .select()
          .from(messages)
          .where(inChat(isOlder))
          .orderBy(desc(messages.occurredAt), desc(messages.id))
          .limit(limit),
        db
          .select()
          .from(messages)
          .where(inChat(newerThan(messages.occurredAt, messages.id, at)))
          .orderBy(asc(messages.occurredAt), asc(messages.id))
          .limit(limit),
        db
          .select({
            total: sql<number>`count(*)::int`,
            older: sql<number>`(count(*) filter (where ${isOlder}))::int`,
          })
          .from(messages)
          .where(inChat()),
      ]);
      return { older: older.reverse(), newer, olderCount: counts?.older ?? 0, total: counts?.total ?? 0 };
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

    /**
     * The teammate who last wrote to the candidate in these chats (their chats on every number):
     * the newest outbound message a user sent, whoever it went through.
     */
    async lastWriterIn(conversationIds: string[]): Promise<string | null> {
      if (conversationIds.length === 0) return null;
      const [row] = await db
        .select({ userId: messages.senderUserId })
        .from(messages)
        .where(
          ownedBy(
            messages,
            scope,
            inArray(messages.conversationId, conversationIds),
            eq(messages.direction, "outbound"),
            sql`${messages.senderUserId} is not null`,
          ),
        )
        .orderBy(desc(messages.occurredAt), desc(messages.id))
        .limit(1);
      return row?.userId ?? null;
    },

    /**
     * Reactions aimed at these messages (they are messages of their own, of type reaction): looked
     * up by target in `messages_client_reaction_target_idx`, whose predicate the literal type matches.
     */
    reactionsTo(wamids: string[]) {
      if (wamids.length === 0) return Promise.resolve([]);
      return db
        .select({
          target: sql<string>`${reactionTarget}`,
          emoji: sql<string | null>`${messages.content}->'content'->>'emoji'`,
          direction: messages.direction,
          occurredAt: messages.occurredAt,
        })
        .from(messages)
        .where(
          ownedBy(
            messages,
            scope,
            sql`${messages.type} = 'reaction'`,
            sql`${reactionTarget} = any(${sql.param(wamids)}::text[])`,
          ),
        )
        .orderBy(messages.occurredAt);
    },

    /**
     * Conversations having a message whose text matches (for the inbox search), found through the
     * trigram index. When more than `messageLimit` messages match, the list would be partial:
     * `"any"` then tells the caller to test conversations one by one in recency order instead,
     * which is quick precisely because a common word is met early.
     */
    async conversationsMatching(text: string, messageLimit = 2_000): Promise<string[] | "any"> {
      const found = db
        .select({ conversationId: messages.conversationId })
        .from(messages)
        .where(ownedBy(messages, scope, foldedMatch(messages.searchText, text)))
        .limit(messageLimit + 1)
        .as("found");
      const rows = await db
        .select({ id: found.conversationId, matches: sql<number>`count(*)::int` })
        .from(found)
        .groupBy(found.conversationId);
      const matches = rows.reduce((sum, row) => sum + row.matches, 0);
      return matches > messageLimit ? "any" : rows.map((r) => r.id);
    },

    /**
     * The client's messages matching a search (text or file name, folded), newest first, keyset-paginated
     * on the chat's order (`occurred_at desc, id desc`), each with its chat's candidate, for the
     * results' rows. Found through the chats' words (`message-search.repository.ts`); a search they
     * cannot answer asks the messages' trigram index, and the few found are sorted.
     */
    async search(
      text: string,
      options: { limit: number; after?: { occurredAt: Date; id: string } },
    ): Promise<FoundMessage[]> {
      const after = options.after && { at: options.after.occurredAt, id: options.after.id };
      const ids = await newestMatchingMessages(scope, text, { limit: options.limit, after });
      if (ids?.length === 0) return [];
      const rows = await db
        .select({
          message: pickColumns(messages, FOUND_MESSAGE),
          contact: pickColumns(contacts, FOUND_CONTACT),
        })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(
          ownedBy(
            messages,
            scope,
            ...(ids
              ? [sql`${messages.id} = any(${sql.param(ids)}::uuid[])`]
              : [foldedMatch(messages.searchText, text), olderThan(messages.occurredAt, messages.id, after)]),
          ),
        )
        .orderBy(desc(messages.occurredAt), desc(messages.id))
        .limit(options.limit);
      return rows;
    },

    /**
     * One chat's messages matching a search (its "find in chat"), newest first: ids and times only,
     * at most `limit` (read along the chat's own index, or the trigram index for a long chat).
     */
    async searchInConversation(
      conversationId: string,
      text: string,
      limit: number,
    ): Promise<{ id: string; occurredAt: Date }[]> {
      return db
        .select({ id: messages.id, occurredAt: messages.occurredAt })
        .from(messages)
        .where(
          ownedBy(
            messages,
            scope,
            eq(messages.conversationId, conversationId),
            foldedMatch(messages.searchText, text),
          ),
        )
        .orderBy(desc(messages.occurredAt), desc(messages.id))
        .limit(limit);
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
    /** Parks several at once, in arrival order (their ids keep it: slices go in order). */
    async parkMany(statuses: { wamid: string; status: Record<string, unknown> }[]) {
      await inChunks(statuses, 2, async (chunk) => {
        await db.insert(parkedStatuses).values(chunk);
        return [];
      });
    },
    /** Takes (and removes) the statuses waiting for a wamid. */
    async take(wamid: string): Promise<Record<string, unknown>[]> {
      const rows = await db.delete(parkedStatuses).where(eq(parkedStatuses.wamid, wamid)).returning();
      return rows.sort((a, b) => a.id - b.id).map((r) => r.status);
    },
    /** Which of these wamids have statuses waiting (one query for a send batch). */
    async waitingAmong(wamids: string[]): Promise<Set<string>> {
      if (wamids.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ wamid: parkedStatuses.wamid })
        .from(parkedStatuses)
        .where(inArray(parkedStatuses.wamid, wamids));
      return new Set(rows.map((r) => r.wamid));
    },
  };
}
