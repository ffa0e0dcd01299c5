import { and, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom as random } from "../../../../test/drill/random";
import { buildConnection, buildContact } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { testBackend } from "../../../../test/support/test-database";
import { foldedMatch } from "../../platform/db/folded-search";
import { conversationSearch, messages } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { newestMatchingMessages } from "../messaging/message-search.repository";
import { tenantRepositories } from "../tenant-repositories";
import { chatsMatching, chatWordsMatch } from "./conversation-search.repository";
import { mergeChatWordParts, PARTS_BEFORE_MERGE } from "./search-compaction.repository";

/**
 * Each chat's words (`conversation_search`, kept by migration 0036's triggers) against the truth,
 * the chats having a message that matches, after every kind of write to messages: inserts of one
 * or many rows (texts, captions, file names, accents, Arabic harakat, tabs and newlines, "½"),
 * texts edited, messages moved to another chat (a merge), deleted, chats erased; and the worker's
 * merge of a chat's parts, between any of them. The message search, which walks the chats through
 * their words, against the matching messages in their order, page by page.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const sql = (text: string, params: unknown[] = []) => app.database.query(text, params);

const PIECES = [
  "Bonjour",
  "diplôme",
  "École",
  "soudeuse",
  "mécanicien",
  "مُحَمَّد",
  "السائق",
  "½",
  "CV_Tazi_4.pdf",
  "CV_Tazi_41.pdf",
  "jour",
  "poste,",
  "l'entretien",
  "100%",
  "a_b",
];
const SEPARATORS = [" ", "  ", "\t", "\n", " - "];
/** What the tests search: whole words, pieces of words, accents dropped, across words, none. */
const SEARCHES = [
  "bonjour",
  "onjou",
  "diplome",
  "ecole",
  "soudeuse",
  "mecanicien",
  "محمد",
  "سائق",
  "½",
  "1/2",
  "cv_tazi_4",
  "tazi_4.pdf",
  "jour poste",
  "poste, l'",
  "100%",
  "a_b",
  "bonjour diplome",
  "ab",
  "plombier",
];

function text(next: () => number) {
  const words = Array.from(
    { length: 1 + Math.floor(next() * 4) },
    () => PIECES[Math.floor(next() * PIECES.length)],
  );
  return words
    .map((w, i) => (i === 0 ? w : `${SEPARATORS[Math.floor(next() * SEPARATORS.length)]}${w}`))
    .join("");
}

/** A client, a number, and `count` chats of candidates whose names no search matches. */
async function tenant(count: number) {
  const connection = await buildConnection(app);
  const chats: string[] = [];
  for (let i = 0; i < count; i++) chats.push(await addChat(connection.clientId, connection.id));
  return { clientId: connection.clientId, connectionId: connection.id, chats, merged: { after: 0 } };
}

/** A chat whose last message time is a whole second, as its messages' are: chats share times. */
async function addChat(clientId: string, connectionId: string) {
  const contact = await buildContact(app, { clientId, name: null, profileName: null });
  const { rows } = await sql(
    `INSERT INTO conversations (client_id, connection_id, contact_id, last_message_at)
     VALUES ($1, $2, $3, date_trunc('second', now()) - interval '1 minute') RETURNING id`,
    [clientId, connectionId, contact.id],
  );
  return String(rows[0]!.id);
}

type Tenant = Awaited<ReturnType<typeof tenant>>;

/**
 * Messages into chats, in one statement: a text, a caption with a file, or a file alone, dated
 * `secondsAgo` (whole seconds, so that many share a time), each chat's newest message time moved
 * as the product moves it.
 */
function insertMessages(
  t: Tenant,
  rows: { chat: string; text: string; file?: string; secondsAgo?: number }[],
) {
  return sql(
    `WITH inserted AS (
       INSERT INTO messages (client_id, conversation_id, direction, type, content, text, status, occurred_at)
       SELECT $1, r.chat, 'inbound', 'document',
         jsonb_build_object('content', jsonb_build_object('media', jsonb_build_object('filename', r.file))),
         r.text, 'received', date_trunc('second', now()) - make_interval(secs => coalesce(r.ago, 0))
       FROM jsonb_to_recordset($2::jsonb) AS r(chat uuid, text text, file text, ago int)
       RETURNING conversation_id, occurred_at)
     UPDATE conversations SET last_message_at = greatest(last_message_at, newest.at)
     FROM (SELECT conversation_id, max(occurred_at) AS at FROM inserted GROUP BY 1) newest
     WHERE conversations.id = newest.conversation_id`,
    [t.clientId, JSON.stringify(rows.map(({ secondsAgo, ...row }) => ({ ...row, ago: secondsAgo })))],
  );
}

async function randomWrite(t: Tenant, next: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const { rows: existing } = await sql("SELECT id, conversation_id FROM messages WHERE client_id = $1", [
    t.clientId,
  ]);
  const message = existing.length > 0 ? String(pick(existing).id) : undefined;
  switch (Math.floor(next() * 8)) {
    case 0: // an inbound batch: several messages over several chats, one statement
    case 1:
      return insertMessages(
        t,
        Array.from({ length: 1 + Math.floor(next() * 5) }, () => ({
          chat: pick(t.chats),
          text: text(next),
          file: next() < 0.3 ? pick(PIECES) : undefined,
          secondsAgo: Math.floor(next() * 3),
        })),
      );
    case 2: // a text edited (words may leave)
      if (!message) return;
      return sql("UPDATE messages SET text = $2 WHERE id = $1", [message, next() < 0.2 ? null : text(next)]);
    case 3: // a file's name learnt later, in the content
      if (!message) return;
      return sql(
        `UPDATE messages SET content = jsonb_set(content, '{content}', jsonb_build_object('media',
           jsonb_build_object('filename', $2::text))) WHERE id = $1`,
        [message, pick(PIECES)],
      );
    case 4: // a message moved to another chat, as merging two chats of one candidate does
      if (!message) return;
      return sql(
        `WITH moved AS (UPDATE messages SET conversation_id = $2 WHERE id = $1 RETURNING occurred_at)
         UPDATE conversations SET last_message_at = greatest(last_message_at, moved.occurred_at)
         FROM moved WHERE conversations.id = $2`,
        [message, pick(t.chats)],
      );
    case 5: // messages deleted without their chat
      if (!message) return;
      return sql("DELETE FROM messages WHERE id = $1", [message]);
    case 6: {
      // a chat erased with its messages, and a new one
      const chat = pick(t.chats);
      t.chats.splice(t.chats.indexOf(chat), 1);
      await sql("DELETE FROM conversations WHERE id = $1", [chat]);
      t.chats.push(await addChat(t.clientId, t.connectionId));
      return;
    }
    case 7: // the worker merges crowded chats' parts
      await mergeChatWordParts(app.database.db, t.merged);
      return;
  }
}

const scopeOf = (t: Tenant): TenantScope => ({ db: app.database.db, clientId: t.clientId });

/** The chats having a message that matches: what the words must say. */
async function truth(t: Tenant, search: string) {
  const rows = await app.database.db
    .selectDistinct({ id: messages.conversationId })
    .from(messages)
    .where(ownedBy(messages, scopeOf(t), foldedMatch(messages.searchText, search)));
  return rows.map((row) => row.id).sort();
}

async function byWords(t: Tenant, search: string) {
  const scope = scopeOf(t);
  const match = chatWordsMatch(search, scope);
  if (!match) return undefined;
  const rows = await app.database.db
    .selectDistinct({ id: conversationSearch.conversationId })
    .from(conversationSearch)
    .where(ownedBy(conversationSearch, scope, match));
  return rows.map((row) => row.id).sort();
}

/** The messages that match, newest first: what the message search must list. */
async function truthInOrder(t: Tenant, search: string) {
  const rows = await app.database.db
    .select({ id: messages.id })
    .from(messages)
    .where(ownedBy(messages, scopeOf(t), foldedMatch(messages.searchText, search)))
    .orderBy(desc(messages.occurredAt), desc(messages.id));
  return rows.map((row) => row.id);
}

/** The message search's sizes that walk the chats alone (the data set is smaller than its first step). */
const WALKED = { latestMessages: 0, firstWindow: 2, probedBeforeListing: Number.POSITIVE_INFINITY };
/** …and that list the chats after probing a few, as for a word common only among the latest. */
const LISTED_AFTER_PROBING = { ...WALKED, probedBeforeListing: 3 };

/** The message search through the chats' words, every page of `limit` read in turn. */
async function messagesByWords(
  t: Tenant,
  search: string,
  limit: number,
  sizes?: Parameters<typeof newestMatchingMessages>[2]["sizes"],
) {
  const listed: string[] = [];
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const page = await newestMatchingMessages(scopeOf(t), search, { limit, after, sizes });
    if (!page) return undefined;
    listed.push(...page);
    if (page.length < limit) return listed;
    const [last] = await app.database.db
      .select({ at: messages.occurredAt, id: messages.id })
      .from(messages)
      .where(eq(messages.id, page.at(-1)!));
    after = last;
  }
}

async function expectWordsAgreeWithMessages(t: Tenant) {
  for (const search of SEARCHES) {
    const expected = await truth(t, search);
    const found = await byWords(t, search);
    const listed = await messagesByWords(t, search, 3);
    const walked = await messagesByWords(t, search, 3, WALKED);
    const listedAfterProbing = await messagesByWords(t, search, 3, LISTED_AFTER_PROBING);
    // "ab" is under three characters and "½" folds to " 1/2": the messages answer those (undefined).
    if (search === "ab" || search === "½") {
      expect(found).toBeUndefined();
      expect(listed).toBeUndefined();
    } else {
      expect({ search, chats: found }).toEqual({ search, chats: expected });
      const inOrder = await truthInOrder(t, search);
      expect({ search, messages: listed }).toEqual({ search, messages: inOrder });
      expect({ search, walked }).toEqual({ search, walked: inOrder });
      expect({ search, listedAfterProbing }).toEqual({ search, listedAfterProbing: inOrder });
    }
  }
}

describe(`each chat's words (${testBackend})`, () => {
  it("match exactly the chats whose messages match, after random writes of every kind", async () => {
    const t = await tenant(6);
    const other = await tenant(2);
    await insertMessages(other, [
      { chat: other.chats[0]!, text: "Bonjour diplôme soudeuse ½ CV_Tazi_4.pdf" },
    ]);
    const next = random(16);
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 8; i++) await randomWrite(t, next);
      await expectWordsAgreeWithMessages(t);
    }
    // Another client's identical words never answer for this one, nor this one's for it.
    const ours = new Set(t.chats);
    for (const search of ["bonjour", "diplome", "cv_tazi_4"]) {
      const found = await byWords(other, search);
      expect(found?.some((id) => ours.has(id))).toBe(false);
      expect(found).toEqual(await truth(other, search));
      const theirs = await truthInOrder(other, search);
      expect(theirs).toHaveLength(1);
      expect(await messagesByWords(other, search, 3, WALKED)).toEqual(theirs);
      expect(await messagesByWords(other, search, 3, LISTED_AFTER_PROBING)).toEqual(theirs);
      expect(await messagesByWords(other, search, 3)).toEqual(theirs);
    }
  });

  const partsOf = async (chat: string) =>
    (
      await sql("SELECT words, is_exact FROM conversation_search WHERE conversation_id = $1 ORDER BY id", [
        chat,
      ])
    ).rows.map((row) => ({
      words: String(row.words).split(" ").filter(Boolean).sort(),
      exact: row.is_exact,
    }));

  it("add a part only for the words a chat did not have", async () => {
    const t = await tenant(1);
    const chat = t.chats[0]!;
    await insertMessages(t, [{ chat, text: "Bonjour, diplôme" }]);
    await insertMessages(t, [{ chat, text: "diplôme Bonjour," }]);
    expect(await partsOf(chat)).toEqual([{ words: ["bonjour,", "diplome"], exact: true }]);
    await insertMessages(t, [{ chat, text: "École diplôme" }]);
    expect(await partsOf(chat)).toEqual([
      { words: ["bonjour,", "diplome"], exact: true },
      { words: ["ecole"], exact: true },
    ]);
  });

  it("mark a chat inexact only when words may have left it", async () => {
    const t = await tenant(2);
    const [first, second] = t.chats as [string, string];
    await insertMessages(t, [{ chat: first, text: "soudeuse" }]);
    const { rows } = await sql("SELECT id FROM messages WHERE conversation_id = $1", [first]);
    const id = String(rows[0]!.id);
    const exact = async (chat: string) => (await partsOf(chat)).every((part) => part.exact);
    await sql("UPDATE messages SET text = 'soudeuse disponible' WHERE id = $1", [id]); // words added only
    expect(await exact(first)).toBe(true);
    await sql("UPDATE messages SET status = 'read' WHERE id = $1", [id]); // no word touched
    expect(await exact(first)).toBe(true);
    await sql("UPDATE messages SET text = 'disponible' WHERE id = $1", [id]); // "soudeuse" left
    expect(await exact(first)).toBe(false);
    // The inexact chat is checked against its messages: it no longer matches "soudeuse".
    expect(await byWords(t, "soudeuse")).toEqual([]);
    await sql("UPDATE messages SET conversation_id = $2 WHERE id = $1", [id, second]);
    expect(await exact(second)).toBe(true);
    expect(await byWords(t, "disponible")).toEqual([second]);
    // A message deleted without its chat: the chat is inexact, and its words no longer answer.
    await insertMessages(t, [{ chat: second, text: "mécanicien" }]);
    expect(await byWords(t, "mecanicien")).toEqual([second]);
    await sql("DELETE FROM messages WHERE conversation_id = $1 AND text = 'mécanicien'", [second]);
    expect(await exact(second)).toBe(false);
    expect(await byWords(t, "mecanicien")).toEqual([]);
  });

  it("are merged by the worker into one part per crowded chat, inexact if any part was", async () => {
    const t = await tenant(3);
    const [crowded, inexact, calm] = t.chats as [string, string, string];
    for (let i = 0; i <= PARTS_BEFORE_MERGE; i++) {
      await insertMessages(t, [
        { chat: crowded, text: `mot${i} Bonjour` },
        { chat: inexact, text: `mot${i}` },
      ]);
    }
    await insertMessages(t, [{ chat: calm, text: "Bonjour" }]);
    const { rows } = await sql("SELECT id FROM messages WHERE conversation_id = $1 AND text = 'mot0'", [
      inexact,
    ]);
    await sql("UPDATE messages SET text = 'autre' WHERE id = $1", [rows[0]!.id]);
    const other = await tenant(1);
    await insertMessages(other, [{ chat: other.chats[0]!, text: "Bonjour" }]);

    expect(await mergeChatWordParts(app.database.db, t.merged)).toBe(2);
    const words = Array.from({ length: PARTS_BEFORE_MERGE + 1 }, (_, i) => `mot${i}`);
    expect(await partsOf(crowded)).toEqual([{ words: ["bonjour", ...words].sort(), exact: true }]);
    expect(await partsOf(inexact)).toEqual([{ words: ["autre", ...words].sort(), exact: false }]);
    expect(await partsOf(calm)).toEqual([{ words: ["bonjour"], exact: true }]);
    expect(await partsOf(other.chats[0]!)).toEqual([{ words: ["bonjour"], exact: true }]);
    expect(await byWords(t, "mot0")).toEqual([crowded]);
    expect(await byWords(t, "bonjour")).toEqual([crowded, calm].sort());
    // Nothing new since: the next pass reads nothing and merges nothing.
    expect(await mergeChatWordParts(app.database.db, t.merged)).toBe(0);
  });

  it("answers every chat when few match, and 'any' when a search is common among the latest", async () => {
    const t = await tenant(8);
    await insertMessages(
      t,
      t.chats.map((chat, i) => ({
        chat,
        text: i < 6 ? "Bonjour" : "Salam",
        file: i === 7 ? "CV_Tazi_4.pdf" : undefined,
      })),
    );
    const scope = scopeOf(t);
    expect(await chatsMatching(scope, "bonjour")).toBe("any");
    expect(await chatsMatching(scope, "cv_tazi")).toEqual([t.chats[7]]);
    expect(await chatsMatching(scope, "salam", 1)).toBe("any"); // two match, more than asked
    expect(await chatsMatching(scope, "plombier")).toEqual([]);
    expect(await chatsMatching(scope, "a b")).toBeUndefined();
    // The list reads the common search chat by chat, through the words, and finds the same chats.
    const repos = tenantRepositories(app.database.db, t.clientId);
    const listed = await repos.conversations.list({
      search: "bonjour",
      matchingConversationIds: "any",
      limit: 50,
    });
    expect(listed.map((c) => c.id).sort()).toEqual(t.chats.slice(0, 6).sort());
    const several = await repos.conversations.list({
      search: "bonjour ",
      matchingConversationIds: "any",
      limit: 50,
    });
    expect(several).toHaveLength(6);
    const other = await tenant(1);
    const fromOther = tenantRepositories(app.database.db, other.clientId);
    expect(
      await fromOther.conversations.list({ search: "bonjour", matchingConversationIds: "any", limit: 50 }),
    ).toEqual([]);
  });

  it("probe a search common among the latest chats only so far, then list the rest or probe on", async () => {
    const t = await tenant(12);
    // chats[0] the newest, chats[11] the oldest; "zorglub" in the two latest and in two old ones,
    // "salam" in every other.
    const zorglub = [0, 1, 9, 11];
    await insertMessages(
      t,
      t.chats.map((chat, i) => ({ chat, text: zorglub.includes(i) ? "zorglub" : "salam", secondsAgo: i })),
    );
    const other = await tenant(3);
    await insertMessages(
      other,
      other.chats.map((chat) => ({ chat, text: "zorglub salam" })),
    );
    const repos = tenantRepositories(app.database.db, t.clientId);
    const chatsOf = (indexes: number[]) => indexes.map((i) => t.chats[i]);
    const salam = t.chats.flatMap((chat, i) => (zorglub.includes(i) ? [] : [chat]));
    for (const [search, sizes, expected] of [
      ["zorglub", { probedChats: 4, listedChats: 2_000 }, chatsOf(zorglub)], // rare after: listed
      ["zorglub", { probedChats: 4, listedChats: 1 }, chatsOf(zorglub)], // too many listed: probed on
      ["zorglub", { probedChats: 100, listedChats: 2_000 }, chatsOf(zorglub)], // fewer chats: to the end
      ["salam", { probedChats: 2, listedChats: 2_000 }, salam], // common after too: probed on
    ] as const) {
      const query = { search, matchingConversationIds: "any" as const };
      const whole = await repos.conversations.listSearched({ ...query, limit: 50 }, sizes);
      expect({ search, sizes, ids: whole.map((c) => c.id) }).toEqual({ search, sizes, ids: expected });
      // Page by page (two chats each), through both parts and across their split.
      const paged: string[] = [];
      let after: { lastMessageAt: Date; id: string } | undefined;
      for (let page = 0; page < 8; page++) {
        const rows = await repos.conversations.listSearched({ ...query, limit: 2, after }, sizes);
        paged.push(...rows.map((row) => row.id));
        const last = rows.at(-1);
        if (rows.length < 2 || !last) break;
        after = { lastMessageAt: last.lastMessageAt!, id: last.id };
      }
      expect({ search, sizes, ids: paged }).toEqual({ search, sizes, ids: expected });
    }
  });

  it.runIf(testBackend === "postgres")("keep every word when batches write one chat at once", async () => {
    const t = await tenant(1);
    const chat = t.chats[0]!;
    const words = Array.from({ length: PARTS_BEFORE_MERGE + 4 }, (_, i) => `mot${i}x`);
    await Promise.all(words.map((word) => insertMessages(t, [{ chat, text: word }])));
    const kept = (await partsOf(chat)).flatMap((part) => part.words);
    expect(kept.sort()).toEqual([...words].sort());
    await mergeChatWordParts(app.database.db, t.merged);
    expect(await partsOf(chat)).toEqual([{ words: [...words].sort(), exact: true }]);
    const stored = await app.database.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.clientId, t.clientId), inArray(messages.conversationId, [chat])));
    expect(stored).toHaveLength(words.length);
  });
});
