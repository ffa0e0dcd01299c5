import { and, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import { foldedMatch } from "../../platform/db/folded-search";
import { olderThan } from "../../platform/db/keyset";
import { conversations, messages } from "../../platform/db/schema/index";
import type { TenantScope } from "../../platform/db/tenant-scope";
import {
  chatsListed,
  chatsMatching,
  chatWordsMatch,
  chatWordsMayMatch,
  probe,
} from "../conversations/conversation-search.repository";

/**
 * The inbox search in messages, newest first, in two steps:
 *
 * 1. The client's latest messages (`SIZES.latestMessages`), read in time order: a common word
 *    fills the page among them, as reading on would.
 * 2. Else the chats that may match, walked in recency order (`last_message_at`, their newest
 *    message's time), each giving its newest matching messages, until the next chat's newest
 *    message is older than the last result the page needs. Every message that carries text moves
 *    its chat's `last_message_at` (a reaction, which has none, does not), so no chat walked later
 *    can hold a newer match. The chats come from their words (`chatsMatching`): listed when few
 *    match; else the latest chats are probed in growing windows, and listed after all if the page
 *    is still not full after `SIZES.probedBeforeListing` of them.
 *
 * The messages' own trigram index gathered every match before sorting: `chraibi`, in 12,000 of
 * 5 million messages, read all of them for a page of 20; a file's name (`CV_Tazi_4`) has trigrams
 * common to every CV, whose whole lists the index reads.
 */

/** A result: the message, and its time as text and in microseconds (exact, unlike a `Date`). */
type Found = { id: string; at: string; us: number };
/** A chat walked: its key in the walk's order. */
type Walked = { id: string; lastAt: string; lastUs: number };

/**
 * The ids of the client's messages matching the search, newest first (`occurred_at desc, id desc`),
 * at most `limit`, older than `after` when given; undefined when the chats' words cannot answer
 * (see `chatWordsMatch`), and the caller asks the messages.
 */
export async function newestMatchingMessages(
  scope: TenantScope,
  search: string,
  options: {
    limit: number;
    after?: { at: Date; id: string };
    /** The tests' own sizes, to take every path on a small data set. */
    sizes?: Partial<typeof SIZES>;
  },
): Promise<string[] | undefined> {
  const mayMatch = chatWordsMayMatch(search);
  if (!mayMatch) return undefined;
  const matches = foldedMatch(messages.searchText, search);
  const sizes = { ...SIZES, ...options.sizes };
  const latest = await amongLatest(scope, search, { ...options, latestMessages: sizes.latestMessages });
  if (latest.length === options.limit) return latest;
  const chats = await chatsMatching(scope, search);
  if (chats === undefined) return undefined;
  if (chats !== "any" && chats.length === 0) return [];
  let listed = chats === "any" ? undefined : chats;
  let probed = 0;
  const found = new Map<string, Found>();
  let walkedTo: Walked | undefined;
  let newest: Found[] = [];
  // Listed: a page of matching chats, then twice as many each time. Probed: windows of the latest
  // chats, likewise growing; most searches end within the first.
  let chatsAtOnce = listed ? options.limit : sizes.firstWindow;
  for (;;) {
    // Once the page could be full, a chat's messages older than its last result cannot enter it.
    const notBefore = newest.length === options.limit ? newest.at(-1) : undefined;
    const page = await walkChats(scope, {
      chats: listed ? { listed } : { mayMatch },
      matches,
      walkedTo,
      chatsAtOnce,
      notBefore,
      ...options,
    });
    for (const message of page.found) found.set(message.id, message);
    walkedTo = page.walked.at(-1) ?? walkedTo;
    newest = [...found.values()].sort(newestFirst).slice(0, options.limit);
    const last = newest.at(-1);
    const pageIsFull = newest.length === options.limit && last && walkedTo && last.us > walkedTo.lastUs;
    if (pageIsFull || page.walked.length < chatsAtOnce) return newest.map((message) => message.id);
    chatsAtOnce *= 2;
    probed += listed ? 0 : page.walked.length;
    if (!listed && probed >= sizes.probedBeforeListing) {
      // Common among the latest chats, rare beyond them: the rest are listed through the words'
      // index, unless too many match to list (then probing goes on, and finds them often).
      const rest = await chatsListed(scope, chatWordsMatch(search, scope)!);
      if (rest !== "any") [listed, chatsAtOnce] = [rest, options.limit];
      probed = Number.NEGATIVE_INFINITY;
    }
  }
}

const SIZES = {
  /** How many of the client's latest messages the first step reads. */
  latestMessages: 600,
  /**
   * The first window of chats probed in recency order (then 300): a window is probed whole, and
   * the searches measured common enough to be probed filled their page within 233 and 388 chats.
   */
  firstWindow: 150,
  /**
   * Chats probed without filling the page, after which the rest are listed through the words'
   * index instead: a word in a few of the latest chats and almost none before would otherwise have
   * every chat of the client probed (100,000: 2 seconds; listed after 450: 20–30 ms).
   */
  probedBeforeListing: 450,
};

const byKeyDesc = (aUs: number, aId: string, bUs: number, bId: string) =>
  bUs - aUs || (aId < bId ? 1 : aId > bId ? -1 : 0);
const newestFirst = (a: Found, b: Found) => byKeyDesc(a.us, a.id, b.us, b.id);

/** The first step: the matches among the client's latest messages (older than `after`), newest first. */
async function amongLatest(
  scope: TenantScope,
  search: string,
  options: { limit: number; after?: { at: Date; id: string }; latestMessages: number },
): Promise<string[]> {
  // The inner limit keeps the subquery apart: read lazily in time order, it stops with the page.
  const result = (await scope.db.execute(sql`
    select latest.id from (
      select ${messages.id} as id, ${messages.searchText} as search_text
      from ${messages}
      where ${and(eq(messages.clientId, scope.clientId), olderThan(messages.occurredAt, messages.id, options.after))}
      order by ${messages.occurredAt} desc, ${messages.id} desc
      limit ${options.latestMessages}
    ) latest
    where ${foldedMatch(sql`latest.search_text`, search)}
    limit ${options.limit}`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((row) => row.id);
}

/**
 * The next chats in recency order after `walkedTo`: `chatsAtOnce` of those `listed`, or the next
 * `chatsAtOnce` of the client's, each probed (`mayMatch` on its words); each chat that may match
 * with its newest `limit` matching messages (older than `after`, not older than `notBefore`).
 * Times travel as text and microseconds: a JavaScript date keeps milliseconds, and a key cut short
 * would skip chats.
 */
async function walkChats(
  scope: TenantScope,
  walk: {
    chats: { listed: string[] } | { mayMatch: SQL };
    matches: SQL;
    walkedTo: Walked | undefined;
    chatsAtOnce: number;
    notBefore: Found | undefined;
    limit: number;
    after?: { at: Date; id: string };
  },
): Promise<{ walked: Walked[]; found: Found[] }> {
  const { walkedTo, notBefore } = walk;
  const listed = "listed" in walk.chats ? walk.chats.listed : undefined;
  const next = sql`select ${conversations.id} as id, ${conversations.lastMessageAt} as last_at
      from ${conversations}
      where ${and(
        eq(conversations.clientId, scope.clientId),
        isNotNull(conversations.lastMessageAt),
        olderThan(
          conversations.lastMessageAt,
          conversations.id,
          walkedTo && { at: sql`${walkedTo.lastAt}::timestamptz`, id: walkedTo.id },
        ),
        listed && sql`${conversations.id} = any(${sql.param(listed)}::uuid[])`,
      )}
      order by ${conversations.lastMessageAt} desc, ${conversations.id} desc
      limit ${walk.chatsAtOnce}`;
  const mayMatch = "mayMatch" in walk.chats ? probe(walk.chats.mayMatch, sql`next.id`) : sql`true`;
  const result = (await scope.db.execute(sql`
    select walk.id as chat_id, walk.last_at::text as last_at, ${microseconds(sql`walk.last_at`)} as last_us,
      found.id, found.at::text as at, ${microseconds(sql`found.at`)} as us
    from (select next.*, ${mayMatch} as may_match from (${next}) next) walk
    left join lateral (
      select ${messages.id} as id, ${messages.occurredAt} as at
      from ${messages}
      where walk.may_match and ${and(
        eq(messages.clientId, scope.clientId),
        sql`${messages.conversationId} = walk.id`,
        walk.matches,
        olderThan(messages.occurredAt, messages.id, walk.after),
        notBefore && sql`${messages.occurredAt} >= ${notBefore.at}::timestamptz`,
      )}
      order by ${messages.occurredAt} desc, ${messages.id} desc
      limit ${walk.limit}
    ) found on true`)) as unknown as {
    rows: {
      chat_id: string;
      last_at: string;
      last_us: number;
      id: string | null;
      at: string | null;
      us: number | null;
    }[];
  };
  const walked = new Map<string, Walked>();
  const found: Found[] = [];
  for (const row of result.rows) {
    walked.set(row.chat_id, { id: row.chat_id, lastAt: row.last_at, lastUs: Number(row.last_us) });
    if (row.id !== null) found.push({ id: row.id, at: String(row.at), us: Number(row.us) });
  }
  const inWalkOrder = [...walked.values()].sort((a, b) => byKeyDesc(a.lastUs, a.id, b.lastUs, b.id));
  return { walked: inWalkOrder, found };
}

/** A time as microseconds since 1970, exactly (a double holds them to the year 2255). */
const microseconds = (time: SQL) => sql`(extract(epoch from ${time}) * 1000000)::float8`;
