import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, type Caller, loginAs } from "../../../../test/support/factories";
import {
  buildConnection,
  buildContact,
  buildConversation,
  buildMessage,
} from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import type { ConversationPage } from "../../../contracts/conversations";

/** The inbox search (`GET /api/conversations?q=`) on names, phone numbers and message text. */
let app: TestApp;
let a: { session: Caller; ids: Record<string, string> };
let b: { session: Caller; ids: Record<string, string> };

interface Candidate {
  key: string;
  phone: string;
  profileName?: string;
  name?: string;
  texts: string[];
  minutesAgo: number;
}

async function tenantWith(candidates: Candidate[]) {
  const { client, owner } = await buildClient(app);
  const connection = await buildConnection(app, { clientId: client.id });
  const ids: Record<string, string> = {};
  for (const candidate of candidates) {
    const at = new Date(Date.now() - candidate.minutesAgo * 60_000);
    const contact = await buildContact(app, {
      clientId: client.id,
      waId: candidate.phone.slice(1),
      profileName: candidate.profileName ?? null,
      name: candidate.name ?? null,
    });
    const conversation = await buildConversation(app, {
      connectionId: connection.id,
      contactId: contact.id,
      lastMessageAt: at,
    });
    ids[candidate.key] = conversation.id;
    for (const body of candidate.texts) {
      await buildMessage(app, { conversationId: conversation.id, body, occurredAt: at });
    }
  }
  return { session: await loginAs(app, owner), ids };
}

/** A chat with no message, the newest of its client (a number no search here matches). */
async function tenantChat(clientId: string, connectionId: string) {
  const contact = await buildContact(app, { clientId, waId: "212700000001" });
  await buildConversation(app, { connectionId, contactId: contact.id, lastMessageAt: new Date() });
}

beforeAll(async () => {
  app = await createTestApp();
  a = await tenantWith([
    {
      key: "fatima",
      phone: "+212612345678",
      profileName: "Fatima Zahra",
      texts: ["Bonjour, je suis intéressée par le poste de comptable à Fès"],
      minutesAgo: 1,
    },
    {
      key: "omar",
      phone: "+212699887766",
      profileName: "عمر",
      name: "Omar Benali",
      texts: ["السلام عليكم، أنا مهتم بوظيفة السائق"],
      minutesAgo: 2,
    },
    {
      key: "salma",
      phone: "+212655544433",
      profileName: "Salma",
      texts: ["Je cherche un poste de soudeuse", "Disponible dès lundi"],
      minutesAgo: 3,
    },
  ]);
  b = await tenantWith([
    {
      key: "other",
      phone: "+212612345678",
      profileName: "Fatima Autre",
      texts: ["Je suis intéressée par le poste de comptable, moi aussi"],
      minutesAgo: 1,
    },
  ]);
});
afterAll(() => app.close());

const search = async (caller: Caller, q: string) => {
  const response = await caller.get(`/api/conversations?q=${encodeURIComponent(q)}`);
  expect(response.statusCode).toBe(200);
  return response.json<ConversationPage>().conversations.map((c) => c.id);
};

describe("inbox search", () => {
  it("finds message text with accents (French) and in Arabic", async () => {
    expect(await search(a.session, "intéressée")).toEqual([a.ids.fatima]);
    expect(await search(a.session, "à Fès")).toEqual([a.ids.fatima]);
    expect(await search(a.session, "بوظيفة")).toEqual([a.ids.omar]);
    expect(await search(a.session, "Disponible DÈS")).toEqual([a.ids.salma]);
  });

  it("finds names (Latin and Arabic), case-insensitively, and phone numbers as typed", async () => {
    expect(await search(a.session, "zahra")).toEqual([a.ids.fatima]);
    expect(await search(a.session, "benali")).toEqual([a.ids.omar]);
    expect(await search(a.session, "عمر")).toEqual([a.ids.omar]);
    expect(await search(a.session, "98877")).toEqual([a.ids.omar]);
    expect(await search(a.session, "06 12 34 56 78")).toEqual([a.ids.fatima]);
  });

  it("lists newest first when several conversations match", async () => {
    expect(await search(a.session, "poste de")).toEqual([a.ids.fatima, a.ids.salma]);
  });

  it("pages a common word newest first, across more matching messages than the index lookup lists", async () => {
    const { client, owner } = await buildClient(app);
    const connection = await buildConnection(app, { clientId: client.id });
    // 250 candidates, 9 messages each with the word: 2,250 matching messages, 250 chats.
    await app.database.query(
      `WITH people AS (
         INSERT INTO contacts (client_id, wa_id, phone)
         SELECT $1, '2126' || lpad(g::text, 8, '0'), '+2126' || lpad(g::text, 8, '0')
           FROM generate_series(1, 250) g
         RETURNING id, wa_id
       )
       INSERT INTO conversations (client_id, connection_id, contact_id, last_message_at)
       SELECT $1, $2, id, now() - right(wa_id, 8)::int * interval '1 minute' FROM people`,
      [client.id, connection.id],
    );
    await app.database.query(
      `INSERT INTO messages (id, client_id, conversation_id, direction, wamid, type, content, text, status, occurred_at)
       SELECT gen_random_uuid(), $1, c.id, 'inbound', 'wamid.common.' || c.id || '.' || k, 'text', '{}',
              'Je cherche un poste en soudure, message ' || k, 'received', c.last_message_at
         FROM conversations c, generate_series(1, 9) k WHERE c.client_id = $1
        ORDER BY c.last_message_at, k`, // the newest chats' messages stored last
      [client.id],
    );
    // The newest chat of all has no match; it must not appear.
    await tenantChat(client.id, connection.id);
    const newestMatching = (
      await app.database.query(
        `SELECT c.id FROM conversations c WHERE c.client_id = $1
            AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)
          ORDER BY c.last_message_at DESC, c.id DESC`,
        [client.id],
      )
    ).rows.map((r) => r.id as string);
    const session = await loginAs(app, owner);
    const first = (await session.get("/api/conversations?q=soudure&limit=30")).json<ConversationPage>();
    expect(first.conversations.map((c) => c.id)).toEqual(newestMatching.slice(0, 30));
    const second = (
      await session.get(
        `/api/conversations?q=soudure&limit=30&cursor=${encodeURIComponent(first.nextCursor!)}`,
      )
    ).json<ConversationPage>();
    expect(second.conversations.map((c) => c.id)).toEqual(newestMatching.slice(30, 60));
  });

  it("answers an empty page for a search that matches nothing", async () => {
    expect(await search(a.session, "plombier")).toEqual([]);
    expect(await search(a.session, "100%_")).toEqual([]);
  });

  it("matches one or two characters only at the start of a name, not inside names or messages", async () => {
    expect(await search(a.session, "Sa")).toEqual([a.ids.salma]);
    expect(await search(a.session, "o")).toEqual([a.ids.omar]);
    expect(await search(a.session, "عم")).toEqual([a.ids.omar]);
    // "ma" is inside "Fatima", "Salma" and "Omar" and many messages: nothing starts with it.
    expect(await search(a.session, "ma")).toEqual([]);
    expect(await search(a.session, "61")).toEqual([]);
  });

  it("never finds another client's conversations", async () => {
    expect(await search(a.session, "moi aussi")).toEqual([]);
    expect(await search(a.session, "Autre")).toEqual([]);
    expect(await search(a.session, "comptable")).toEqual([a.ids.fatima]);
    expect(await search(b.session, "comptable")).toEqual([b.ids.other]);
    expect(await search(b.session, "Fatima")).toEqual([b.ids.other]);
    expect(await search(b.session, "Salma")).toEqual([]);
  });
});
