import { sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom as random } from "../../../../test/drill/random";
import { buildUser } from "../../../../test/support/factories";
import { heldTransaction } from "../../../../test/support/held-transaction";
import { buildConnection, buildContact } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { testBackend } from "../../../../test/support/test-database";
import { CONVERSATION_VIEWS, type ConversationView } from "../../../contracts/conversation-status";
import type { Db } from "../../platform/db/client";
import { tenantRepositories } from "../tenant-repositories";
import { foldConversationTallies } from "./tally-fold.repository";
import { type CountsQuery, talliesAnswer } from "./view-tallies.repository";

/**
 * The inbox's counts from the maintained tallies against the same counts read from the chats, after
 * every kind of write the triggers follow: chats inserted, changed one or many per statement,
 * deleted; labels put on, taken off, deleted; a client deleted. Before the fold and after it.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const sql = (text: string, params: unknown[] = []) => app.database.query(text, params);

/** A client with two numbers, two recruiters, three stages, three labels and `chats` chats. */
async function tenant(chats: number) {
  const first = await buildConnection(app);
  const clientId = first.clientId;
  const second = await buildConnection(app, { clientId });
  const users = [(await buildUser(app, { clientId })).id, (await buildUser(app, { clientId })).id];
  const stageRows = await sql(
    `INSERT INTO hiring_stages (client_id, name, color, position)
     SELECT $1, 'Étape ' || n, 'blue', n FROM generate_series(1, 3) n RETURNING id`,
    [clientId],
  );
  const labelRows = await sql(
    `INSERT INTO labels (client_id, name, color) SELECT $1, 'Label ' || n, 'green' FROM generate_series(1, 3) n RETURNING id`,
    [clientId],
  );
  const t = {
    clientId,
    connections: [first.id, second.id],
    users,
    stages: stageRows.rows.map((r) => String(r.id)),
    labels: labelRows.rows.map((r) => String(r.id)),
    chats: [] as string[],
  };
  for (let i = 0; i < chats; i++) await addChat(t, i);
  return t;
}
type Tenant = Awaited<ReturnType<typeof tenant>>;

async function addChat(t: Tenant, i: number) {
  const contact = await buildContact(app, { clientId: t.clientId });
  const { rows } = await sql(
    `INSERT INTO conversations (client_id, connection_id, contact_id, last_message_at, unread_count)
     VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END, $5) RETURNING id`,
    [t.clientId, t.connections[i % 2], contact.id, i % 5 !== 0, i % 3],
  );
  t.chats.push(String(rows[0]!.id));
}

/** One write of the kinds the product makes, picked at random. */
async function randomWrite(t: Tenant, next: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chat = pick(t.chats);
  const some = t.chats.filter(() => next() < 0.3);
  switch (Math.floor(next() * 13)) {
    case 0: {
      const status = pick(["open", "waiting", "resolved", "snoozed"] as const);
      return sql(
        `UPDATE conversations SET status = $2,
           snoozed_until = CASE WHEN $2 = 'snoozed' THEN now() + interval '1 day' END WHERE id = $1`,
        [chat, status],
      );
    }
    case 1:
      return sql("UPDATE conversations SET assignee_id = $2 WHERE id = $1", [chat, pick([null, ...t.users])]);
    case 2:
      return sql("UPDATE conversations SET stage_id = $2 WHERE id = $1", [chat, pick([null, ...t.stages])]);
    case 3:
      return sql(
        "UPDATE conversations SET archived_at = CASE WHEN archived_at IS NULL THEN now() END WHERE id = $1",
        [chat],
      );
    case 4: // a batch of reads, several chats in one statement
      return sql(
        "UPDATE conversations SET unread_count = 0, is_marked_unread = false WHERE id = ANY($1::uuid[])",
        [some],
      );
    case 5: // an inbound batch: several chats reopened, unread, awaiting, some with their first message
      return sql(
        `UPDATE conversations SET unread_count = unread_count + 1, is_awaiting_reply = true, status = 'open',
           snoozed_until = NULL, archived_at = NULL, last_inbound_at = now(), last_message_at = now()
         WHERE id = ANY($1::uuid[])`,
        [some],
      );
    case 6:
      return sql(
        `UPDATE conversations SET campaign_id = gen_random_uuid(), is_awaiting_reply = false,
           last_inbound_at = CASE WHEN $2 THEN NULL ELSE now() - interval '2 days' END, last_message_at = now()
         WHERE id = $1`,
        [chat, next() < 0.5],
      );
    case 7:
      return sql("UPDATE conversations SET is_marked_unread = NOT is_marked_unread WHERE id = $1", [chat]);
    case 8:
      return sql(
        "INSERT INTO conversation_labels (client_id, conversation_id, label_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        [t.clientId, chat, pick(t.labels)],
      );
    case 9:
      return sql("DELETE FROM conversation_labels WHERE conversation_id = $1 AND label_id = $2", [
        chat,
        pick(t.labels),
      ]);
    case 10: // a chat erased (its labels go with it), and a new one
      t.chats.splice(t.chats.indexOf(chat), 1);
      await sql("DELETE FROM conversations WHERE id = $1", [chat]);
      return addChat(t, Math.floor(next() * 10));
    case 11: // every label put on several chats at once, as a bulk action does
      return sql(
        `INSERT INTO conversation_labels (client_id, conversation_id, label_id)
         SELECT $1, c, $3 FROM unnest($2::uuid[]) c ON CONFLICT DO NOTHING`,
        [t.clientId, some, pick(t.labels)],
      );
    case 12: {
      // An inbound batch's upsert: an existing chat (updated, with its first message if it had none)
      // and a new candidate's chat, in one statement (its insert and its update both followed).
      const contact = await buildContact(app, { clientId: t.clientId });
      const { rows } = await sql(
        `INSERT INTO conversations (client_id, connection_id, contact_id, last_message_at, unread_count)
         SELECT client_id, connection_id, contact_id, now(), 1 FROM conversations WHERE id = $1
         UNION ALL SELECT $2::uuid, $3::uuid, $4::uuid, now(), 1
         ON CONFLICT (connection_id, contact_id) DO UPDATE
         SET last_message_at = excluded.last_message_at, unread_count = conversations.unread_count + 1
         RETURNING id`,
        [chat, t.clientId, t.connections[0], contact.id],
      );
      for (const row of rows) if (!t.chats.includes(String(row.id))) t.chats.push(String(row.id));
      return;
    }
  }
}

/**
 * Count queries drawn from everything the tallies answer (views, chips, stage, label, number, "All")
 * and the window's chips, a closed window being the tallies less the open windows.
 */
function randomQuery(t: Tenant, next: () => number): CountsQuery {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return {
    userId: pick([t.users[0], t.users[1], undefined]),
    view: pick([undefined, ...CONVERSATION_VIEWS] as (ConversationView | undefined)[]),
    filter: pick([
      undefined,
      "unread",
      "awaiting_reply",
      "assigned_to_me",
      "window_open",
      "window_closed",
    ] as const),
    stageId: pick([undefined, undefined, ...t.stages]),
    labelId: pick([undefined, undefined, ...t.labels]),
    connectionId: pick([undefined, undefined, t.connections[0]]),
    hideUnansweredCampaignChats: next() < 0.5,
  };
}

async function expectTalliesExact(t: Tenant, next: () => number, queries: number) {
  const conversations = tenantRepositories(app.database.db, t.clientId).conversations;
  for (let i = 0; i < queries; i++) {
    const query = randomQuery(t, next);
    if (!query.filter?.startsWith("window_")) expect(talliesAnswer(query)).toBe(true);
    const [tallied, scanned] = await Promise.all([
      conversations.counts(query),
      conversations.countsScanned(query),
    ]);
    expect({ query, counts: tallied }).toEqual({ query, counts: scanned });
  }
}

describe("the inbox's tallies", () => {
  it("count exactly what the chats count, through random writes, before and after each fold, each client apart", async () => {
    const next = random(20261206);
    const a = await tenant(24);
    const b = await tenant(8);
    for (let round = 0; round < 6; round++) {
      for (let write = 0; write < 30; write++) await randomWrite(next() < 0.75 ? a : b, next);
      await expectTalliesExact(a, next, 25);
      await expectTalliesExact(b, next, 10);
      if (round % 2 === 1) {
        await foldConversationTallies(app.database.db);
        await expectTalliesExact(a, next, 25);
      }
    }
    // A label deleted takes its chats' label tallies with it.
    await sql("DELETE FROM labels WHERE id = $1", [a.labels[0]]);
    await expectTalliesExact(a, next, 15);

    await foldConversationTallies(app.database.db);
    const left = await sql("SELECT count(*)::int AS n FROM conversation_tally_deltas WHERE client_id = $1", [
      a.clientId,
    ]);
    expect(left.rows[0]).toEqual({ n: 0 });
    const zeros = await sql("SELECT count(*)::int AS n FROM conversation_tallies WHERE chats = 0", []);
    expect(zeros.rows[0]).toEqual({ n: 0 });
    await expectTalliesExact(a, next, 25);
  });

  it("go to nothing when a client is deleted, and leave other clients' as they were", async () => {
    const next = random(7);
    const a = await tenant(6);
    const b = await tenant(6);
    for (let write = 0; write < 20; write++) await randomWrite(next() < 0.5 ? a : b, next);
    const before = await tenantRepositories(app.database.db, b.clientId).conversations.counts({});

    await sql("DELETE FROM clients WHERE id = $1", [a.clientId]);
    await foldConversationTallies(app.database.db);
    const left = await sql(
      `SELECT (SELECT count(*) FROM conversation_tallies WHERE client_id = $1)::int AS tallies,
        (SELECT count(*) FROM conversation_tally_deltas WHERE client_id = $1)::int AS deltas`,
      [a.clientId],
    );
    expect(left.rows[0]).toEqual({ tallies: 0, deltas: 0 });
    expect(await tenantRepositories(app.database.db, b.clientId).conversations.counts({})).toEqual(before);
    expect(before.views.all).toBeGreaterThan(0);
  });

  it("leave the window's chips, the opt-out and the campaign filter to the chats themselves", () => {
    expect(talliesAnswer({ filter: "window_open" })).toBe(false);
    expect(talliesAnswer({ filter: "window_closed" })).toBe(false);
    expect(talliesAnswer({ filter: "opted_out" })).toBe(false);
    expect(talliesAnswer({ campaignId: "c" })).toBe(false);
    expect(talliesAnswer({ filter: "unread", stageId: "s", labelId: "l", view: "mine" })).toBe(true);
  });
});

// On PostgreSQL only: PGlite has one connection, so two transactions are never open at once there.
describe.skipIf(testBackend !== "postgres")("the tallies under concurrent writes", () => {
  it("count a label put on a chat whose status another transaction changes at the same time", async () => {
    const a = await tenant(4);
    const chat = a.chats[1]!; // one with a message (the fifth of each five has none)
    const putLabel = (db: Db) =>
      db.execute(dsql`INSERT INTO conversation_labels (client_id, conversation_id, label_id)
        VALUES (${a.clientId}, ${chat}, ${a.labels[0]})`);
    const resolve = (db: Db) =>
      db.execute(dsql`UPDATE conversations SET status = 'resolved' WHERE id = ${chat}`);
    for (const labelFirst of [true, false]) {
      await sql("DELETE FROM conversation_labels WHERE conversation_id = $1", [chat]);
      await sql("UPDATE conversations SET status = 'open' WHERE id = $1", [chat]);
      const [first, second] = labelFirst ? [putLabel, resolve] : [resolve, putLabel];
      // The first transaction writes and holds its commit; the second runs meanwhile and must see it.
      const firstTransaction = heldTransaction(app.database.db, first);
      await firstTransaction.ready;
      const secondDone = second(app.database.db);
      await new Promise((resolve) => setTimeout(resolve, 150));
      firstTransaction.commit();
      await Promise.all([firstTransaction.done, secondDone]);
      await expectTalliesExact(a, random(labelFirst ? 1 : 2), 10);
      const labelled = await tenantRepositories(app.database.db, a.clientId).conversations.counts({
        view: "resolved",
      });
      expect(labelled.labels[a.labels[0]!]).toBe(1);
    }
  });
});
