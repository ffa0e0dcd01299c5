import { desc, isNotNull, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { foldedMatch, MIN_CONTAINS_SEARCH } from "../../platform/db/folded-search";
import { olderThan } from "../../platform/db/keyset";
import { conversationSearch, conversations, messages } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

/**
 * The inbox list searched by message text, through each chat's words (`conversation_search`,
 * kept by migration 0036's triggers, in parts): rows of words and their trigram index, instead of
 * the messages, where a word common in a client's millions of messages matched tens of thousands,
 * each read only to learn its chat.
 *
 * A search without whitespace matches inside one word, so a chat whose part holds it has a message
 * that matches, unless the chat is inexact (a part says words may have left it). A search of several
 * words asks its longest word of three characters or more of the parts (what the index can find),
 * then the messages of those chats only, as does an inexact chat.
 */

/** The longest word of a search (the rarest, likely), when the trigram index can look it up. */
function lookedUpWord(search: string): string | undefined {
  const words = search
    .trim()
    .split(/\s+/u)
    .filter((word) => [...word].length >= MIN_CONTAINS_SEARCH);
  return words.sort((a, b) => [...b].length - [...a].length)[0];
}

/**
 * The characters `unaccent` spells with a space (its 20 vulgar fractions: "½" is " 1/2"), so a word
 * holding one would be split by the folding: such a search asks the messages, as before the words.
 */
const SPACED_BY_FOLDING = /[\u00BC-\u00BE\u2150-\u215F\u2189]/u;

/**
 * A `conversation_search` row's chat has a message matching the search (three characters or
 * more), or undefined when the words cannot say (no word of the search long enough for the index,
 * `a b c`, or a fraction sign): the caller asks the messages then.
 */
export function chatWordsMatch(search: string, scope: TenantScope): SQL | undefined {
  const mayMatch = chatWordsMayMatch(search);
  if (!mayMatch) return undefined;
  // Certain without the messages: one word, in a chat with no inexact part.
  const certain = /\s/u.test(search.trim())
    ? sql`false`
    : sql`not exists (select 1 from ${conversationSearch} as inexact
        where inexact.conversation_id = ${conversationSearch.conversationId} and not inexact.is_exact)`;
  const messageMatches = sql`exists (select 1 from ${messages} where ${messages.clientId} = ${scope.clientId}
    and ${messages.conversationId} = ${conversationSearch.conversationId}
    and ${foldedMatch(messages.searchText, search)})`;
  return sql`${mayMatch} and (${certain} or ${messageMatches})`;
}

/**
 * A `conversation_search` row holds the search's looked-up word: its chat may have a matching
 * message (every chat that has one does), or undefined as for `chatWordsMatch`. For a caller that
 * reads the chat's matching messages anyway.
 */
export function chatWordsMayMatch(search: string): SQL | undefined {
  const word = lookedUpWord(search);
  if (!word || SPACED_BY_FOLDING.test(search)) return undefined;
  // The word is three characters or more, so `foldedMatch` is `like '%…%'`, which the index answers.
  return foldedMatch(conversationSearch.words, word);
}

/**
 * The list's per-chat probe, for a search matching too many chats to list (`"any"`): the chat's
 * few parts, by its key, in the list's recency order until the page is full.
 */
export function chatMatchesProbe(search: string, scope: TenantScope): SQL | undefined {
  const match = chatWordsMatch(search, scope);
  return match && probe(match, conversations.id);
}

/** One chat's parts matching, by its key. */
export function probe(match: SQL, chatId: SQLWrapper): SQL {
  // OFFSET 0, as the list's other probes: without it the planner may hash every matching chat first.
  return sql`exists (select 1 from ${conversationSearch}
    where ${conversationSearch.conversationId} = ${chatId} and ${match} offset 0)`;
}

/** How many of the client's latest chats are probed to judge how common a search is. */
const RECENT_SAMPLE = 200;
/** Matches among them from which the list probes chats in recency order (a page of 50 is near). */
const COMMON_IN_SAMPLE = 4;

/**
 * The chats whose messages match the search: `"any"` when it is common among the latest chats
 * (the list then probes each chat in recency order, quick precisely because a common word is met
 * early; the trigram index would first gather every match: 23 ms for a word in 94,000 chats),
 * else every id through the index, or `"any"` again when more than `chatLimit` match. Undefined
 * when the chats' words cannot answer (see `chatWordsMatch`).
 */
export async function chatsMatching(
  scope: TenantScope,
  search: string,
  chatLimit = 2_000,
): Promise<string[] | "any" | undefined> {
  const match = chatWordsMatch(search, scope);
  if (!match) return undefined;
  if (await isCommonIn(scope, match)) return "any";
  return chatsListed(scope, match, chatLimit);
}

/**
 * The chats after `edge` (the walk so far) whose messages match, or `"any"` when the search is
 * common among the next ones too (then probing on finds the page soon) or the words cannot say:
 * what the list asks once a common search has been probed as far as it goes (`listSearched`).
 */
export async function chatsMatchingAfter(
  scope: TenantScope,
  search: string,
  edge: { at: Date; id: string },
  chatLimit = 2_000,
): Promise<string[] | "any"> {
  const match = chatWordsMatch(search, scope);
  if (!match || (await isCommonIn(scope, match, edge))) return "any";
  return chatsListed(scope, match, chatLimit);
}

/** The client's chats in the inbox's order (newest activity first), after `edge` when given. */
export function latestChats(scope: TenantScope, edge?: { at: Date; id: string }) {
  return scope.db
    .select({ id: conversations.id, lastMessageAt: conversations.lastMessageAt })
    .from(conversations)
    .where(
      ownedBy(
        conversations,
        scope,
        isNotNull(conversations.lastMessageAt),
        olderThan(conversations.lastMessageAt, conversations.id, edge),
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id));
}

/** Whether the search matches `COMMON_IN_SAMPLE` or more of the client's latest chats (after `edge`). */
async function isCommonIn(scope: TenantScope, match: SQL, edge?: { at: Date; id: string }): Promise<boolean> {
  const latest = latestChats(scope, edge).limit(RECENT_SAMPLE).as("latest");
  const [sample] = await scope.db
    .select({ matches: sql<number>`count(*)::int` })
    .from(latest)
    .where(probe(match, latest.id));
  return (sample?.matches ?? 0) >= COMMON_IN_SAMPLE;
}

/**
 * The chats whose words match (`chatWordsMatch`'s condition), through the words' trigram index:
 * every id, or `"any"` when more than `chatLimit` match.
 */
export async function chatsListed(
  scope: TenantScope,
  match: SQL,
  chatLimit = 2_000,
): Promise<string[] | "any"> {
  const rows = await scope.db
    .selectDistinct({ id: conversationSearch.conversationId })
    .from(conversationSearch)
    .where(ownedBy(conversationSearch, scope, match))
    .limit(chatLimit + 1);
  return rows.length > chatLimit ? "any" : rows.map((row) => row.id);
}
