import { sql } from "drizzle-orm";
import { bigserial, boolean, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ownerClientId } from "./columns";
import { conversations } from "./messaging";

/**
 * Each chat's words: the distinct words (split on ASCII whitespace) of its messages' folded search
 * text, each with a space before and after, in a few parts per chat. The inbox's list, searched by message text, asks
 * these rows through their trigram index instead of the messages (a word common in a client's 5
 * million messages matched tens of thousands, each read only to learn its chat). A search without
 * whitespace matches inside one word, so a chat's words match it exactly when one of its messages
 * does, as long as no part of the chat is inexact.
 *
 * Kept by the triggers of migration 0036 on `messages`, so no writer can forget them. Parts are only
 * ever added by writers, never updated, so two batches writing one chat take no lock on its words:
 * - a statement inserting messages adds one part per chat with the words the chat did not have;
 * - a message whose words change adds its new words, and, when some may have left, a part with no
 *   words and `isExact = false`: the search then checks that chat's messages too.
 * The worker merges a chat's parts into one when they are many (`chat-words-compaction.repository.ts`).
 * Messages leave only with their chat, and its parts with it.
 */
export const conversationSearch = pgTable(
  "conversation_search",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    clientId: ownerClientId(),
    words: text("words").notNull(),
    /** False: words of this chat may have left its messages (a part of its own, or merged parts). */
    isExact: boolean("is_exact").notNull().default(true),
  },
  (t) => [
    index("conversation_search_conversation_idx").on(t.conversationId),
    index("conversation_search_inexact_idx").on(t.conversationId).where(sql`NOT ${t.isExact}`),
    index("conversation_search_words_trgm_idx").using("gin", t.clientId, t.words.op("gin_trgm_ops")),
  ],
);
