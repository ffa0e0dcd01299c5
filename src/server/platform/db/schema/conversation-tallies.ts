import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, pgTable, pgView, text, unique, uuid } from "drizzle-orm/pg-core";
import { CONVERSATION_STATUSES } from "../../../../contracts/conversation-status";

/**
 * What the inbox's counts group a chat by, and how many chats share it. The client has no foreign
 * key on purpose: deleting a client deletes its chats, and their triggers append the deltas that
 * take its tallies to zero in that same statement; a key to the deleted client would refuse them.
 */
const tallyColumns = () => ({
  clientId: uuid("client_id").notNull(),
  /** Null: the chats themselves; a label: the chats carrying it (one row per label on a chat). */
  labelId: uuid("label_id"),
  connectionId: uuid("connection_id").notNull(),
  status: text("status", { enum: CONVERSATION_STATUSES }).notNull(),
  assigneeId: uuid("assignee_id"),
  stageId: uuid("stage_id"),
  isArchived: boolean("is_archived").notNull(),
  /** A campaign wrote last and the candidate never answered (what "All" may leave out). */
  isUnansweredCampaign: boolean("is_unanswered_campaign").notNull(),
  /** Unread messages, or marked unread (the unread chip). */
  isUnread: boolean("is_unread").notNull(),
  isAwaitingReply: boolean("is_awaiting_reply").notNull(),
  chats: integer("chats").notNull(),
});

/**
 * The chats with a message, counted per key: the inbox's view, stage and label counts read a few
 * hundred rows instead of grouping a client's 100,000 chats at every call. Kept by the triggers of
 * migration 0035 on `conversations` and `conversation_labels`, so no writer can forget them: they
 * append to `conversation_tally_deltas`, which the worker folds in; readers read
 * `conversation_tallies_live`. Keys whose count falls to zero are deleted by the fold.
 */
export const conversationTallies = pgTable(
  "conversation_tallies",
  { id: bigserial("id", { mode: "number" }).primaryKey(), ...tallyColumns() },
  (t) => [
    unique("conversation_tallies_key")
      .on(
        t.clientId,
        t.labelId,
        t.connectionId,
        t.status,
        t.assigneeId,
        t.stageId,
        t.isArchived,
        t.isUnansweredCampaign,
        t.isUnread,
        t.isAwaitingReply,
      )
      .nullsNotDistinct(),
    index("conversation_tallies_emptied_idx").on(t.id).where(sql`${t.chats} = 0`),
  ],
);

/**
 * What each change of a chat's key or of its labels moves between keys (−1 from the old, +1 to the
 * new), appended by the triggers and folded into `conversation_tallies` about once a second (as the
 * cost rollups are, and for the same reason: a batch's insert waits for no other batch).
 */
export const conversationTallyDeltas = pgTable(
  "conversation_tally_deltas",
  { id: bigserial("id", { mode: "number" }).primaryKey(), ...tallyColumns() },
  (t) => [index("conversation_tally_deltas_client_idx").on(t.clientId)],
);

/** The tallies as of now: the folded rows and the deltas not folded yet (`UNION ALL`); readers sum. */
export const conversationTalliesLive = pgView("conversation_tallies_live", tallyColumns()).existing();
