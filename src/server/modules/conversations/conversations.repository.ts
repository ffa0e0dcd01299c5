import {
  and,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import {
  ACTIVE_STATUSES,
  CONVERSATION_VIEWS,
  type ConversationStatus,
  type ConversationView,
} from "../../../contracts/conversation-status";
import type { ConversationFilter } from "../../../contracts/conversations";
import { MAX_LABELS } from "../../../contracts/hiring-stages";
import { chunksOf, compareKeys } from "../../platform/collections";
import { arrayRows, asTableRows, readByKeys } from "../../platform/db/array-rows";
import type { Db, SqlResult } from "../../platform/db/client";
import { foldedMatch, MIN_CONTAINS_SEARCH, searchesInside } from "../../platform/db/folded-search";
import { notOlderThan, olderThan } from "../../platform/db/keyset";
import { pickColumns } from "../../platform/db/pick-columns";
import { readAsOne } from "../../platform/db/read-as-one";
import {
  campaigns,
  contacts,
  conversationLabels,
  conversationPreferences,
  conversations,
  messages,
} from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { type ContactRow, namesMatch } from "./contacts.repository";
import {
  chatMatchesProbe,
  chatsMatching,
  chatsMatchingAfter,
  latestChats,
} from "./conversation-search.repository";
import { chipCondition, NO_USER, viewCondition } from "./view-conditions.repository";
import {
  type CountsQuery,
  countsFromTallies,
  talliedCounts,
  talliesAnswer,
  talliesReads,
  type ViewCounts,
  withoutCounts,
} from "./view-tallies.repository";

export type ConversationRow = typeof conversations.$inferSelect;
/** A conversation with its candidate and the team's labels on it (ids, oldest first). */
export type ConversationWithContact = ConversationRow & { contact: ContactRow; labelIds: string[] };
/** What the inbox shows of a chat's candidate (`presentContact`): the list reads no other column. */
const SHOWN_CONTACT = [
  "id",
  "waId",
  "bsuid",
  "parentBsuid",
  "username",
  "phone",
  "profileName",
  "name",
  "externalCandidateId",
  "externalJobRef",
  "optedOutAt",
  "optOutSource",
  "optedInAt",
  "optInSource",
  "language",
  "languageSource",
] as const;
/** What the inbox shows of a chat (`presentConversation`). */
const SHOWN_CHAT = [
  "id",
  "connectionId",
  "lastInboundAt",
  "lastMessageAt",
  "lastMessagePreview",
  "lastMessageDirection",
  "unreadCount",
  "isAwaitingReply",
  "assigneeId",
  "campaignId",
  "status",
  "snoozedUntil",
  "statusChangedAt",
  "archivedAt",
  "isMarkedUnread",
  "stageId",
  "createdAt",
] as const;
export type ShownContact = Pick<ContactRow, (typeof SHOWN_CONTACT)[number]>;
/** A chat as the inbox shows it: a `ConversationWithContact` has every field of it. */
export type ShownConversation = Pick<ConversationRow, (typeof SHOWN_CHAT)[number]> & {
  contact: ShownContact;
  labelIds: string[];
};
/** A chat of the inbox list, with the listing user's own pin and mute of it. */
export type ListedConversation = ShownConversation & {
  viewer: { isPinned: boolean; isMuted: boolean };
};
/** A chat and its candidate, as a send needs them (not its labels). */
export type ChatWithContact = ConversationRow & { contact: ContactRow };

/** The fields a row changes through the status actions, assignment and reads. */
type ChangeableFields =
  | "unreadCount"
  | "assigneeId"
  | "archivedAt"
  | "campaignId"
  | "status"
  | "snoozedUntil"
  | "statusChangedAt"
  | "isMarkedUnread"
  | "stageId";

/** The stage and label filters as SQL: the stage a column, the label one probe of its key per chat. */
function pipelineConditions(query: { stageId?: string; labelId?: string }, clientId: string): SQL[] {
  const conditions: SQL[] = [];
  if (query.stageId) conditions.push(eq(conversations.stageId, query.stageId));
  if (query.labelId)
    conditions.push(sql`exists (select 1 from ${conversationLabels}
      where ${conversationLabels.conversationId} = ${conversations.id}
      and ${conversationLabels.labelId} = ${query.labelId} and ${conversationLabels.clientId} = ${clientId})`);
  return conditions;
}

export type { ViewCounts };

export interface ConversationListFilter {
  search?: string;
  /** The search read as a phone number (06… typed locally becomes 2126…), when it is one. */
  phoneDigits?: string;
  /**
   * Conversations whose messages match the search text: every such id when the messages
   * repository could list them all, or `"any"` when they are too many to list (then each
   * conversation is checked in recency order until the page is full).
   */
  matchingConversationIds?: string[] | "any";
  filter?: ConversationFilter;
  /** One of the views; none: every conversation that is not archived. */
  view?: ConversationView;
  /** Only these conversations (the user's pinned ones, put first on the first page). */
  onlyIds?: string[];
  /** Not these (the pinned ones, already on the first page). */
  exceptIds?: string[];
  userId?: string;
  connectionId?: string;
  externalCandidateId?: string;
  externalJobRef?: string;
  campaignId?: string;
  /** Only the chats at this hiring stage. */
  stageId?: string;
  /** Only the chats with this label. */
  labelId?: string;
  /** Leave out the chats a campaign started that the candidate never answered (the inbox's "All"). */
  hideUnansweredCampaignChats?: boolean;
  /** Keyset cursor: the last row of the previous page. */
  after?: { lastMessageAt: Date; id: string };
  /** Only this chat and the ones newer than it (how far a common search is probed at first). */
  notOlderThan?: { lastMessageAt: Date; id: string };
  limit: number;
}

/**
 * How many of the next chats a search common among the latest is probed across at first: a page
 * of 50 of a word in 2 % of them (what the sample calls common). A word common only in the latest
 * chats then stops there instead of probing the whole inbox (1 s for 100,000 chats); one common
 * further on too is probed on.
 */
const PROBED_CHATS = 3_000;

/** A chat's place in the inbox's order, as the keyset conditions take it. */
const keyOf = (chat: { lastMessageAt: Date; id: string }) => ({ at: chat.lastMessageAt, id: chat.id });

export { MIN_CONTAINS_SEARCH, searchesInside } from "../../platform/db/folded-search";

/** A chat's key by its number and its candidate (one chat per pair). */
export const chatKey = (chat: { connectionId: string; contactId: string }) =>
  `${chat.connectionId}:${chat.contactId}`;

/** The rows of `countsScanned`'s four passes. */
interface ScannedRows {
  stages: { stageId: string | null; count: number }[];
  labels: { labelId: string; count: number }[];
  groups: {
    status: ConversationStatus;
    isMine: boolean;
    isUnassigned: boolean;
    isUnansweredCampaign: boolean;
    count: number;
  }[];
  archived: { count: number }[];
}

/** The counts `countsScanned`'s passes returned: each view's from the groups, the archived apart. */
function scannedCounts(
  query: CountsQuery,
  { stages, labels, groups, archived: [archived] }: ScannedRows,
): ViewCounts {
  const counts = Object.fromEntries(["all", ...CONVERSATION_VIEWS].map((view) => [view, 0])) as Record<
    ConversationView | "all",
    number
  >;
  for (const group of groups) {
    const count = Number(group.count);
    if (!(query.hideUnansweredCampaignChats && group.isUnansweredCampaign)) counts.all += count;
    if (!ACTIVE_STATUSES.includes(group.status)) {
      counts[group.status as "snoozed" | "resolved"] += count;
      continue;
    }
    counts.open += count;
    if (group.isMine) counts.mine += count;
    if (group.isUnassigned) counts.unassigned += count;
  }
  counts.archived = Number(archived?.count ?? 0);
  return {
    views: counts,
    stages: Object.fromEntries(stages.map((row) => [row.stageId!, Number(row.count)])),
    labels: Object.fromEntries(labels.map((row) => [row.labelId, Number(row.count)])),
  };
}

/**
 * The chats of these candidates on these numbers, created on first contact, each pair once, in one
 * statement; by `chatKey`. Each row carries its client: the inbound batch writes several clients'.
 */
export async function upsertChats(
  db: Db,
  pairs: { clientId: string; connectionId: string; contactId: string }[],
): Promise<Map<string, ConversationRow>> {
  const found = new Map<string, ConversationRow>();
  // Sorted: two batches creating the same chats take their locks in one order.
  const unique = [...new Map(pairs.map((pair) => [chatKey(pair), pair])).entries()].sort(([a], [b]) =>
    compareKeys(a, b),
  );
  if (unique.length === 0) return found;
  const asked = arrayRows(
    unique.map(([, pair]) => pair),
    "given",
    {
      client_id: ["uuid", (pair) => pair.clientId],
      connection_id: ["uuid", (pair) => pair.connectionId],
      contact_id: ["uuid", (pair) => pair.contactId],
    },
  );
  // The chats created, and the ones already there read as they are: a chat is not rewritten to be
  // returned (an update that changes nothing still writes a new version of the row and its WAL,
  // and the batch updates each chat again a statement later). `DO UPDATE ... WHERE false` updates
  // nothing but locks each chat already there, in the sorted order of the rows asked, as the batch's
  // later statements need. The rows the statement inserts are not in its snapshot, so the read
  // finds only the chats that were there before it.
  const result = (await db.execute(sql`
    WITH asked AS MATERIALIZED (SELECT * FROM ${asked}),
    created AS (
      INSERT INTO conversations (client_id, connection_id, contact_id) SELECT * FROM asked
      ON CONFLICT (connection_id, contact_id) DO UPDATE SET updated_at = conversations.updated_at WHERE false
      RETURNING *
    )
    SELECT * FROM created
    UNION ALL
    SELECT c.* FROM conversations c
    JOIN asked a ON c.connection_id = a.connection_id AND c.contact_id = a.contact_id
    -- A chat deleted since the snapshot (two candidates merged) was created again: that one counts.
    WHERE NOT EXISTS (SELECT 1 FROM created n WHERE n.connection_id = c.connection_id AND n.contact_id = c.contact_id)`)) as unknown as SqlResult;
  for (const row of asTableRows(conversations, result.rows)) found.set(chatKey(row), row);
  // A chat another transaction created after this statement's snapshot: read by a new statement.
  const missing = unique.filter(([key]) => !found.has(key)).map(([, pair]) => pair);
  const late = await readByKeys(db, conversations, missing, {
    connection_id: ["uuid", (pair) => pair.connectionId],
    contact_id: ["uuid", (pair) => pair.contactId],
  });
  for (const row of late) found.set(chatKey(row), row);
  return found;
}

export function conversationsRepository(scope: TenantScope) {
  const { db } = scope;
  // The labels come with each row (a page is 30 rows; each is one probe of the labels' key).
  const labelIds = sql<string[]>`coalesce((select array_agg(${conversationLabels.labelId}::text
    order by ${conversationLabels.createdAt}, ${conversationLabels.labelId})
    from ${conversationLabels} where ${conversationLabels.conversationId} = ${conversations.id}), '{}')::text[]`;
  const withContact = () =>
    db
      .select({ conversation: conversations, contact: contacts, labelIds })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId));
  const merge = <Chat, Contact>(r: { conversation: Chat; contact: Contact; labelIds: string[] }) => ({
    ...r.conversation,
    contact: r.contact,
    labelIds: r.labelIds,
  });

  /**
   * How many of a few chats (the open windows: the last day's candidates) carry each label, each
   * chat's labels read by its key. Joined as sets, the planner reads every label of the client
   * (35,000) to keep the 70 of 175 chats.
   */
  const labelsOfFewChats = (conditions: (SQL | undefined)[], stageId?: string) => {
    const chatLabels = db
      .select({ labelId: conversationLabels.labelId })
      .from(conversationLabels)
      .where(
        and(
          eq(conversationLabels.conversationId, conversations.id),
          eq(conversationLabels.clientId, scope.clientId),
        ),
      )
      // A limit keeps this a probe per chat (the planner does not flatten a subquery that has one);
      // without it the two sets are joined again. Drizzle leaves out an `offset 0`, so the limit is
      // one no chat can reach: a client has at most MAX_LABELS labels.
      .limit(MAX_LABELS)
      .as("chat_labels");
    return db
      .select({
        labelId: sql<string>`${chatLabels.labelId}`.as("labelId"),
        count: sql<number>`count(*)::int`.as("count"),
      })
      .from(conversations)
      .innerJoinLateral(chatLabels, sql`true`)
      .where(ownedBy(conversations, scope, ...conditions, ...pipelineConditions({ stageId }, scope.clientId)))
      .groupBy(chatLabels.labelId);
  };

  /**
   * The four passes of `countsScanned`, built, not run: each stage with the chosen label, each label
   * with the chosen stage, the unarchived chats grouped by status and assignee, the archived ones.
   * Every field is aliased, so they may also run inside one statement (`readAsOne`).
   */
  const scannedReads = (query: CountsQuery) => {
    const common = [
      isNotNull(conversations.lastMessageAt),
      query.connectionId ? eq(conversations.connectionId, query.connectionId) : undefined,
      query.campaignId ? eq(conversations.campaignId, query.campaignId) : undefined,
      query.filter === "opted_out"
        ? inArray(
            conversations.contactId,
            db
              .select({ id: contacts.id })
              .from(contacts)
              .where(ownedBy(contacts, scope, isNotNull(contacts.optedOutAt))),
          )
        : chipCondition(query.filter, query.userId),
    ];
    const hidden =
      query.hideUnansweredCampaignChats && !query.view
        ? sql`(${conversations.campaignId} is null or ${conversations.lastInboundAt} is not null)`
        : undefined;
    const inList = [viewCondition(query.view, query.userId), hidden, ...common];
    const mine = sql`${conversations.assigneeId} = ${query.userId ?? NO_USER}`;
    const withPipeline = [...common, ...pipelineConditions(query, scope.clientId)];
    const count = sql<number>`count(*)::int`.as("count");
    return {
      stages: db
        .select({ stageId: sql<string | null>`${conversations.stageId}`.as("stageId"), count })
        .from(conversations)
        .where(
          ownedBy(
            conversations,
            scope,
            isNotNull(conversations.stageId),
            ...inList,
            ...pipelineConditions({ labelId: query.labelId }, scope.clientId),
          ),
        )
        .groupBy(conversations.stageId),
      labels:
        query.filter === "window_open"
          ? labelsOfFewChats(inList, query.stageId)
          : db
              .select({ labelId: sql<string>`${conversationLabels.labelId}`.as("labelId"), count })
              .from(conversationLabels)
              .innerJoin(conversations, eq(conversations.id, conversationLabels.conversationId))
              .where(
                and(
                  eq(conversationLabels.clientId, scope.clientId),
                  ownedBy(
                    conversations,
                    scope,
                    ...inList,
                    ...pipelineConditions({ stageId: query.stageId }, scope.clientId),
                  ),
                ),
              )
              .groupBy(conversationLabels.labelId),
      groups: db
        .select({
          status: sql<ConversationStatus>`${conversations.status}`.as("status"),
          isMine: sql<boolean>`coalesce(${mine}, false)`.as("isMine"),
          isUnassigned: sql<boolean>`${conversations.assigneeId} IS NULL`.as("isUnassigned"),
          isUnansweredCampaign:
            sql<boolean>`(${conversations.campaignId} IS NOT NULL AND ${conversations.lastInboundAt} IS NULL)`.as(
              "isUnansweredCampaign",
            ),
          count,
        })
        .from(conversations)
        .where(ownedBy(conversations, scope, viewCondition(undefined, query.userId), ...withPipeline))
        .groupBy(sql`1, 2, 3, 4`),
      archived: db
        .select({ count })
        .from(conversations)
        .where(ownedBy(conversations, scope, viewCondition("archived", query.userId), ...withPipeline)),
    };
  };

  return {
    async findById(id: string): Promise<ConversationWithContact | undefined> {
      const [row] = await withContact()
        .where(ownedBy(conversations, scope, eq(conversations.id, id)))
        .limit(1);
      return row && merge(row);
    },

    /** These conversations with their contacts and labels (any order; another client's ids find nothing). */
    async findByIds(ids: string[]): Promise<ConversationWithContact[]> {
      const found: ConversationWithContact[] = [];
      for (const some of chunksOf(ids, 5_000))
        found.push(
          ...(await withContact().where(ownedBy(conversations, scope, inArray(conversations.id, some)))).map(
            merge,
          ),
        );
      return found;
    },

    /** Every chat of a candidate (one per number of the client), with the contact. */
    async listOfContact(contactId: string): Promise<ConversationWithContact[]> {
      const rows = await withContact().where(
        ownedBy(conversations, scope, eq(conversations.contactId, contactId)),
      );
      return rows.map(merge);
    },

    /** The conversations on one number with these contacts, in a few queries however many. */
    async findByContacts(connectionId: string, contactIds: string[]): Promise<ConversationRow[]> {
      const found: ConversationRow[] = [];
      for (const some of chunksOf(contactIds, 5_000))
        found.push(
          ...(await db
            .select()
            .from(conversations)
            .where(
              ownedBy(
                conversations,
                scope,
                eq(conversations.connectionId, connectionId),
                inArray(conversations.contactId, some),
              ),
            )),
        );
      return found;
    },

    async findByContact(connectionId: string, contactId: string): Promise<ConversationRow | undefined> {
      const [row] = await db
        .select()
        .from(conversations)
        .where(
          ownedBy(
            conversations,
            scope,
            eq(conversations.connectionId, connectionId),
            eq(conversations.contactId, contactId),
          ),
        )
        .limit(1);
      return row;
    },

    /** The chat of a candidate on a number, created on first contact (once, whatever the races). */
    async upsert(connectionId: string, contactId: string): Promise<ConversationRow> {
      const [row] = await db
        .insert(conversations)
        .values({ clientId: scope.clientId, connectionId, contactId })
        .onConflictDoUpdate({
          target: [conversations.connectionId, conversations.contactId],
          set: { updatedAt: sql`${conversations.updatedAt}` },
        })
        .returning();
      return row!;
    },

    /** The chats of these candidates on these numbers, each created on first contact; by `chatKey`. */
    upsertMany(pairs: { connectionId: string; contactId: string }[]): Promise<Map<string, ConversationRow>> {
      return upsertChats(
        db,
        pairs.map((pair) => ({ ...pair, clientId: scope.clientId })),
      );
    },

    /** A message the team sent: the candidate is no longer waiting. */
    async recordOutbound(id: string, at: Date, preview: string) {
      await db
        .update(conversations)
        .set({
          lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at})`,
          lastMessagePreview: preview,
          lastMessageDirection: "outbound",
          isAwaitingReply: false,
          updatedAt: new Date(),
        })
        .where(ownedBy(conversations, scope, eq(conversations.id, id)));
    },

    /** Messages the team sent, one per chat (the latest of each): the candidates are no longer waiting. */
    async recordOutboundMany(sent: { id: string; at: Date; preview: string }[]) {
      if (sent.length === 0) return;
      const given = sql`(SELECT * FROM jsonb_to_recordset(${JSON.stringify(sent)}::jsonb) AS g(id uuid, at timestamptz, preview text))`;
      await db.execute(sql`
        UPDATE ${conversations} SET
          last_message_at = greatest(${conversations.lastMessageAt}, g.at),
          last_message_preview = g.preview,
          last_message_direction = 'outbound',
          is_awaiting_reply = false,
          updated_at = now()
        FROM ${given} g
        WHERE ${conversations.id} = g.id AND ${conversations.clientId} = ${scope.clientId}`);
    },

    /** Assigns the chat unless someone already has it (a teammate took it meanwhile); whether it did. */
    async assignIfUnassigned(id: string, assigneeId: string): Promise<boolean> {
      const rows = await db
        .update(conversations)
        .set({ assigneeId, updatedAt: new Date() })
        .where(ownedBy(conversations, scope, and(eq(conversations.id, id), isNull(conversations.assigneeId))))
        .returning({ id: conversations.id });
      return rows.length > 0;
    },

    /**
     * Takes the chat's turn for an away reply: at most one per `intervalMs`. Atomic, so two
     * candidates' messages processed at once send one reply; whether this call took it.
     */
    async claimAwayReply(id: string, now: Date, intervalMs: number): Promise<boolean> {
      const since = new Date(now.getTime() - intervalMs);
      const rows = await db
        .update(conversations)
        .set({ awayRepliedAt: now })
        .where(
          ownedBy(
            conversations,
            scope,
            and(
              eq(conversations.id, id),
              or(isNull(conversations.awayRepliedAt), lt(conversations.awayRepliedAt, since)),
            ),
          ),
        )
        .returning({ id: conversations.id });
      return rows.length > 0;
    },

    async update(id: string, changes: Partial<Pick<ConversationRow, ChangeableFields>>) {
      const [row] = await db
        .update(conversations)
        .set({ ...changes, updatedAt: new Date() })
        .where(ownedBy(conversations, scope, eq(conversations.id, id)))
        .returning();
      return row;
    },

    /** The chats whose messages match a search, through their words (see `chatsMatching`). */
    chatsMatching(search: string) {
      return chatsMatching(scope, search);
    },

    /** Newest first, keyset-paginated, filtered and searched; every condition starts from the client. */
    async list(query: ConversationListFilter): Promise<ListedConversation[]> {
      const conditions: (SQL | undefined)[] = [isNotNull(conversations.lastMessageAt)];
      if (query.connectionId) conditions.push(eq(conversations.connectionId, query.connectionId));
      if (query.externalCandidateId)
        conditions.push(eq(contacts.externalCandidateId, query.externalCandidateId));
      if (query.externalJobRef) conditions.push(eq(contacts.externalJobRef, query.externalJobRef));
      if (query.campaignId) conditions.push(eq(conversations.campaignId, query.campaignId));
      conditions.push(...pipelineConditions(query, scope.clientId));
      if (query.hideUnansweredCampaignChats) {
        conditions.push(or(sql`${conversations.campaignId} is null`, isNotNull(conversations.lastInboundAt)));
      }
      conditions.push(viewCondition(query.view, query.userId), chipCondition(query.filter, query.userId));
      if (query.onlyIds) conditions.push(inArray(conversations.id, query.onlyIds));
      if (query.exceptIds?.length) conditions.push(notInArray(conversations.id, query.exceptIds));
      if (query.search) {
        // The candidates matching by name, username or phone come from the contacts' trigram index (one
        // lookup, hashed), unless the search is common (below). Names are matched folded (accents and
        // case aside); one or two characters: a word of the name starting so.
        const inside = searchesInside(query.search);
        const digits = query.phoneDigits ?? query.search.replace(/\D/g, "");
        const contactMatches = or(
          ...namesMatch(query.search),
          inside && digits.length >= MIN_CONTAINS_SEARCH
            ? sql`${contacts.phone} like ${`%${digits}%`}`
            : undefined,
        );
        const common = query.matchingConversationIds === "any";
        conditions.push(
          or(
            // A common search is read chat by chat in recency order until the page is full: the
            // chat's candidate is checked on its joined row (stored folded names), not by hashing
            // every matching candidate first (3,000 for a common surname).
            common
              ? contactMatches
              : inArray(
                  conversations.contactId,
                  db
                    .select({ id: contacts.id })
                    .from(contacts)
                    .where(ownedBy(contacts, scope, contactMatches)),
                ),
            // OFFSET 0 keeps this a probe per conversation, in recency order, that stops at the
            // page's end: without it the planner hashes every matching message's chat first.
            common
              ? (chatMatchesProbe(query.search, scope) ??
                  sql`exists (select 1 from ${messages} where ${messages.clientId} = ${scope.clientId}
                  and ${messages.conversationId} = ${conversations.id}
                  and ${foldedMatch(messages.searchText, query.search)} offset 0)`)
              : Array.isArray(query.matchingConversationIds) && query.matchingConversationIds.length > 0
                ? // One array parameter: a list of 2,000 ids would be 2,000 parameters to build and bind.
                  sql`${conversations.id} = any(${sql.param(query.matchingConversationIds)}::uuid[])`
                : undefined,
          ),
        );
      }
      conditions.push(
        olderThan(conversations.lastMessageAt, conversations.id, query.after && keyOf(query.after)),
        query.notOlderThan &&
          notOlderThan(conversations.lastMessageAt, conversations.id, keyOf(query.notOlderThan)),
      );
      // The user's pin and mute of each chat listed come with it: one probe of their key per row
      // (after the limit), instead of a statement more once the page is known.
      const preference = (set: SQL) => sql<boolean>`exists (select 1 from ${conversationPreferences}
        where ${conversationPreferences.userId} = ${query.userId ?? NO_USER}
        and ${conversationPreferences.conversationId} = ${conversations.id} and ${set})`;
      const rows = await db
        .select({
          conversation: pickColumns(conversations, SHOWN_CHAT),
          contact: pickColumns(contacts, SHOWN_CONTACT),
          labelIds,
          isPinned: preference(isNotNull(conversationPreferences.pinnedAt)),
          isMuted: preference(eq(conversationPreferences.isMuted, true)),
        })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(ownedBy(conversations, scope, ...conditions))
        .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
        .limit(query.limit);
      return rows.map((row) => ({ ...merge(row), viewer: { isPinned: row.isPinned, isMuted: row.isMuted } }));
    },

    /**
     * A page of the list (`list`). A search common among the latest chats (`"any"`) is probed
     * chat by chat across the next `probedChats` only; when they do not fill the page, the rest
     * comes from the chats after them that the words' index lists, unless the search is common
     * there too (`chatsMatchingAfter`: then probed on). The two parts split the keyset at one chat,
     * so none is skipped or repeated.
     */
    async listSearched(
      query: ConversationListFilter,
      sizes = { probedChats: PROBED_CHATS, listedChats: 2_000 },
    ): Promise<ListedConversation[]> {
      if (query.matchingConversationIds !== "any" || !query.search) return this.list(query);
      const [bound] = await latestChats(scope, query.after && keyOf(query.after))
        .offset(sizes.probedChats - 1)
        .limit(1);
      if (!bound?.lastMessageAt) return this.list(query); // fewer chats left: probed to the end
      const edge = { lastMessageAt: bound.lastMessageAt, id: bound.id };
      const near = await this.list({ ...query, notOlderThan: edge });
      if (near.length === query.limit) return near;
      const far = await this.list({
        ...query,
        matchingConversationIds: await chatsMatchingAfter(
          scope,
          query.search,
          keyOf(edge),
          sizes.listedChats,
        ),
        after: edge,
        limit: query.limit - near.length,
      });
      return [...near, ...far];
    },

    /**
     * Each view's exact count for a number and chip, and the stages' and labels' counts in the list's
     * view: from the maintained tallies when they key everything asked (`talliesAnswer`), else from
     * the chats themselves. A closed window is every chat less the open windows, the few chats a
     * candidate wrote to in the last 24 hours (read through their index), in one snapshot.
     */
    async counts(query: CountsQuery): Promise<ViewCounts> {
      if (talliesAnswer(query)) return countsFromTallies(db, scope, query);
      const every = { ...query, filter: undefined };
      if (query.filter !== "window_closed" || !talliesAnswer(every)) return this.countsScanned(query);
      // A closed window is every chat less the open windows: both read in one statement, so in one
      // snapshot (a window opening between two reads would be counted twice or not at all).
      const open = { ...query, filter: "window_open" as const };
      const tallied = talliesReads(db, scope, every);
      const scanned = scannedReads(open);
      const rows = await readAsOne(db, {
        views: tallied.views,
        talliedStages: tallied.stages,
        talliedLabels: tallied.labels,
        ...scanned,
      });
      return withoutCounts(
        talliedCounts({ views: rows.views, stages: rows.talliedStages, labels: rows.talliedLabels }),
        scannedCounts(open, rows),
      );
    },

    /**
     * The same counts read from the chats: one pass over the client's unarchived chats (grouped by
     * status and assignee), one over its archived ones, one per stage and label. What `counts`
     * answers for the chips that move with the clock or the contact; the tests compare the two.
     */
    async countsScanned(query: CountsQuery): Promise<ViewCounts> {
      const reads = scannedReads(query);
      // Four independent passes, sent together: on a pool they run side by side, so the answer
      // waits for the longest rather than for their sum.
      const [stages, labels, groups, archived] = await Promise.all([
        reads.stages,
        reads.labels,
        reads.groups,
        reads.archived,
      ]);
      return scannedCounts(query, { stages, labels, groups, archived });
    },

    /**
     * Every campaign of the client, newest first, with how many unarchived chats it last wrote to (as
     * the list filtered on it counts them; 0 when none): one grouped pass over
     * `conversations_client_campaign_idx`.
     */
    async campaignCounts(): Promise<{ id: string; name: string; createdAt: Date; conversations: number }[]> {
      const counted = db
        .select({
          campaignId: sql<string>`${conversations.campaignId}`.as("counted_campaign_id"),
          count: sql<number>`count(*)::int`.as("count"),
        })
        .from(conversations)
        .where(
          ownedBy(
            conversations,
            scope,
            isNotNull(conversations.campaignId),
            isNotNull(conversations.lastMessageAt),
            viewCondition(undefined, undefined),
          ),
        )
        .groupBy(conversations.campaignId)
        .as("counted");
      const rows = await db
        .select({
          id: campaigns.id,
          name: campaigns.name,
          createdAt: campaigns.createdAt,
          conversations: sql<number>`coalesce(${counted.count}, 0)`,
        })
        .from(campaigns)
        .leftJoin(counted, eq(counted.campaignId, campaigns.id))
        .where(ownedBy(campaigns, scope))
        .orderBy(desc(campaigns.createdAt), desc(campaigns.id));
      return rows.map((row) => ({ ...row, conversations: Number(row.conversations) }));
    },

    /** Reopens a snooze that has ended (and nothing else: a later snooze or a reopen wins). */
    async endSnooze(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(conversations)
        .set({ status: "open", snoozedUntil: null, statusChangedAt: now, updatedAt: now })
        .where(
          ownedBy(
            conversations,
            scope,
            eq(conversations.id, id),
            eq(conversations.status, "snoozed"),
            lte(conversations.snoozedUntil, now),
          ),
        )
        .returning({ id: conversations.id });
      return rows.length > 0;
    },
  };
}
