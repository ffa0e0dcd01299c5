import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConnection, buildContact } from "../../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import { inboundText } from "../../../../../test/support/webhooks";
import { conversations } from "../../../platform/db/schema";
import type { PendingEvent } from "../../../platform/events/domain-events";
import { tenantRepositories } from "../../tenant-repositories";
import { downloadMediaJobRef } from "../media/download-media.job-ref";
import { type InboundItem, storeInboundMessages } from "./inbound.service";
import type { MetaInboundMessage } from "./inbound-parser";

/**
 * The inbound service called as the webhook processor calls it, in a transaction of its own: no
 * HTTP, no worker, no waiting. What it stores is read back through the tenant's repositories.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const store = (items: InboundItem[]) =>
  app.database.db.transaction((tx) => storeInboundMessages(app.deps, tx, items));

type Connection = Awaited<ReturnType<typeof buildConnection>>;

/** What Meta routes to `connection`: the candidate's message with their profile. */
function from(connection: Connection, text: ReturnType<typeof inboundText>): InboundItem {
  return {
    clientId: connection.clientId,
    connectionId: connection.id,
    message: text.message,
    contacts: text.contacts,
  };
}

/** A message of another type from `waId`, as Meta nests it under its type. */
function typed(connection: Connection, waId: string, type: string, payload: unknown): InboundItem {
  const message: MetaInboundMessage = {
    id: `wamid.${type}.${Date.now()}.${Math.random()}`,
    from: waId,
    timestamp: String(Math.floor(Date.now() / 1000)),
    type,
    [type]: payload,
  };
  return { clientId: connection.clientId, connectionId: connection.id, message, contacts: [] };
}

const candidate = (connection: Connection, waId: string) => {
  const repos = tenantRepositories(app.database.db, connection.clientId);
  return {
    contact: () => repos.contacts.findByWaId(waId),
    async conversation() {
      const contact = await repos.contacts.findByWaId(waId);
      return contact && (await repos.conversations.findByContact(connection.id, contact.id));
    },
  };
};

const namesOf = (events: PendingEvent[] | undefined) => (events ?? []).map((e) => e.name);

describe("storeInboundMessages", () => {
  it("creates the contact and the conversation on first contact, opens the 24 h window, counts one unread", async () => {
    const connection = await buildConnection(app);
    const sentAt = Math.floor(Date.now() / 1000) - 60;
    const hello = inboundText("212611000001", "Bonjour, je suis intéressée", {
      timestamp: sentAt,
      name: "Salma",
    });

    const events = await store([from(connection, hello)]);

    const { contact, conversation } = candidate(connection, "212611000001");
    expect(await contact()).toMatchObject({ waId: "212611000001", profileName: "Salma", optedOutAt: null });
    expect(await conversation()).toMatchObject({
      lastInboundAt: new Date(sentAt * 1000),
      lastMessageAt: new Date(sentAt * 1000),
      lastMessagePreview: "Bonjour, je suis intéressée",
      lastMessageDirection: "inbound",
      unreadCount: 1,
      isAwaitingReply: true,
    });
    const [received] = events.get(connection.clientId)!;
    expect(received).toMatchObject({
      name: "message:received",
      payload: {
        message: { wamid: hello.wamid, direction: "inbound", status: "received" },
        conversation: { id: (await conversation())!.id, unreadCount: 1 },
      },
    });
  });

  it("stores a message once when Meta gives it twice, in one batch or in the next", async () => {
    const connection = await buildConnection(app);
    const hello = inboundText("212611000002", "Disponible demain");

    const first = await store([from(connection, hello), from(connection, hello)]);
    const again = await store([from(connection, hello)]);

    expect(namesOf(first.get(connection.clientId))).toEqual(["message:received"]);
    expect(again.size).toBe(0);
    const { conversation } = candidate(connection, "212611000002");
    expect(await conversation()).toMatchObject({ unreadCount: 1 });
    const { rows } = await app.database.query("SELECT count(*)::int AS n FROM messages WHERE wamid = $1", [
      hello.wamid,
    ]);
    expect(rows[0]!.n).toBe(1);
  });

  it("counts each new message unread, moves the window to the newest, and shows the newest however they arrive", async () => {
    const connection = await buildConnection(app);
    const now = Math.floor(Date.now() / 1000);
    const newer = inboundText("212611000003", "Le plus récent", { timestamp: now });
    const older = inboundText("212611000003", "Plus ancien, arrivé après", { timestamp: now - 120 });
    await store([from(connection, newer)]);

    await store([
      from(connection, older),
      typed(connection, "212611000003", "reaction", { message_id: newer.wamid, emoji: "👍" }),
    ]);

    expect(await candidate(connection, "212611000003").conversation()).toMatchObject({
      // The reaction is no message to read.
      unreadCount: 2,
      lastInboundAt: new Date(now * 1000),
      lastMessagePreview: "Le plus récent",
    });
  });

  it("shows a reply dated within the second of the last message sent as the newest (Meta dates it to the second)", async () => {
    const connection = await buildConnection(app);
    const now = Math.floor(Date.now() / 1000);
    await store([from(connection, inboundText("212611000013", "Bonjour", { timestamp: now - 60 }))]);
    const { conversation } = candidate(connection, "212611000013");
    const chat = (await conversation())!;
    // The recruiter's question, sent 400 ms into the second the candidate then taps an answer in.
    await app.database.db
      .update(conversations)
      .set({
        lastMessageAt: new Date(now * 1000 + 400),
        lastMessagePreview: "Avez-vous le permis B ?",
        lastMessageDirection: "outbound",
      })
      .where(eq(conversations.id, chat.id));

    await store([from(connection, inboundText("212611000013", "Oui", { timestamp: now }))]);

    expect(await conversation()).toMatchObject({
      lastMessagePreview: "Oui",
      lastMessageDirection: "inbound",
      lastMessageAt: new Date(now * 1000 + 400),
    });
  });

  it("opts the candidate out on STOP, and back in on START", async () => {
    const connection = await buildConnection(app);
    const now = Math.floor(Date.now() / 1000);

    await store([from(connection, inboundText("212611000004", " Stop ! ", { timestamp: now }))]);
    const { contact } = candidate(connection, "212611000004");
    expect(await contact()).toMatchObject({
      optedOutAt: new Date(now * 1000),
      optOutSource: 'whatsapp: "Stop !"',
    });

    await store([from(connection, inboundText("212611000004", "START", { timestamp: now + 5 }))]);
    expect(await contact()).toMatchObject({ optedOutAt: null, optedInAt: new Date((now + 5) * 1000) });
  });

  it("does not take a stop inside a sentence for an opt-out", async () => {
    const connection = await buildConnection(app);
    await store([from(connection, inboundText("212611000005", "Je ne veux pas que ça s'arrête"))]);
    expect(await candidate(connection, "212611000005").contact()).toMatchObject({ optedOutAt: null });
  });

  it("stores a file as pending and queues its download in the same transaction", async () => {
    const connection = await buildConnection(app);
    const image = typed(connection, "212611000006", "image", {
      id: "meta-media-6",
      mime_type: "image/jpeg",
      sha256: "abc",
      caption: "Mon CV",
    });

    const events = await store([image]);

    const [received] = events.get(connection.clientId)!;
    const messageId = (received!.payload as { message: { id: string } }).message.id;
    const { rows: files } = await app.database.query(
      "SELECT id, meta_media_id, mime_type, status FROM media WHERE message_id = $1",
      [messageId],
    );
    expect(files).toEqual([
      { id: expect.any(String), meta_media_id: "meta-media-6", mime_type: "image/jpeg", status: "pending" },
    ]);
    const { rows: jobs } = await app.database.query(
      "SELECT data FROM pgboss.job WHERE name = $1 AND data->>'mediaId' = $2",
      [downloadMediaJobRef.name, files[0]!.id],
    );
    expect(jobs).toEqual([{ data: { clientId: connection.clientId, mediaId: files[0]!.id } }]);
  });

  it("leaves neither message nor download job when the batch's transaction is rolled back", async () => {
    const connection = await buildConnection(app);
    const image = typed(connection, "212611000007", "document", { id: "meta-media-7", filename: "cv.pdf" });

    await expect(
      app.database.db.transaction(async (tx) => {
        await storeInboundMessages(app.deps, tx, [image]);
        throw new Error("the batch fails later");
      }),
    ).rejects.toThrow("the batch fails later");

    const { rows } = await app.database.query(
      `SELECT (SELECT count(*)::int FROM messages WHERE wamid = $1) AS messages,
              (SELECT count(*)::int FROM pgboss.job WHERE name = $2 AND data->>'clientId' = $3) AS jobs`,
      [image.message.id, downloadMediaJobRef.name, connection.clientId],
    );
    expect(rows[0]).toEqual({ messages: 0, jobs: 0 });
  });

  it("keeps each client's candidate apart: one contact and one event list per client", async () => {
    const a = await buildConnection(app);
    const b = await buildConnection(app);
    const toA = inboundText("212611000008", "Pour A", { name: "Nadia" });
    const toB = inboundText("212611000008", "Pour B", { name: "Nadia" });

    const events = await store([from(a, toA), from(b, toB)]);

    const [atA, atB] = await Promise.all([
      candidate(a, "212611000008").contact(),
      candidate(b, "212611000008").contact(),
    ]);
    expect(atA!.id).not.toBe(atB!.id);
    expect(atA!.clientId).toBe(a.clientId);
    expect(atB!.clientId).toBe(b.clientId);
    const wamidsOf = (clientId: string) =>
      events.get(clientId)!.map((e) => (e.payload as { message: { wamid: string } }).message.wamid);
    expect(wamidsOf(a.clientId)).toEqual([toA.wamid]);
    expect(wamidsOf(b.clientId)).toEqual([toB.wamid]);
  });

  it("writes to the contact the client already has for that WhatsApp id", async () => {
    const connection = await buildConnection(app);
    const known = await buildContact(app, { clientId: connection.clientId, name: "Karim (LinkoJob)" });

    await store([from(connection, inboundText(known.waId!, "Bonjour"))]);

    const conversation = await candidate(connection, known.waId!).conversation();
    expect(conversation?.contactId).toBe(known.id);
    expect(await candidate(connection, known.waId!).contact()).toMatchObject({ name: "Karim (LinkoJob)" });
  });

  it("moves the contact to the new number Meta announces, unless another contact has it", async () => {
    const connection = await buildConnection(app);
    await store([from(connection, inboundText("212611000009", "Bonjour"))]);
    const changed = typed(connection, "212611000009", "system", {
      body: "User changed from 212611000009 to 212611000010",
      wa_id: "212611000010",
      type: "user_changed_number",
    });

    await store([changed]);

    expect(await candidate(connection, "212611000009").contact()).toBeUndefined();
    expect(await candidate(connection, "212611000010").contact()).toMatchObject({ phone: "+212611000010" });
  });

  it("skips a message that names no sender", async () => {
    const connection = await buildConnection(app);
    const anonymous = typed(connection, "", "text", { body: "Qui suis-je ?" });
    delete anonymous.message.from;

    expect((await store([anonymous])).size).toBe(0);
  });
});

describe("the candidate's language", () => {
  const languageOf = async (connection: Connection, waId: string) => {
    const contact = await candidate(connection, waId).contact();
    return contact && { language: contact.language, languageSource: contact.languageSource };
  };

  it("is read from a clear message, kept through one that says too little, replaced by the next clear one", async () => {
    const connection = await buildConnection(app);
    await store([from(connection, inboundText("212611000101", "السلام عليكم، بغيت نخدم معاكم"))]);
    expect(await languageOf(connection, "212611000101")).toEqual({
      language: "ar",
      languageSource: "detected",
    });

    await store([
      from(connection, inboundText("212611000101", "ok")),
      typed(connection, "212611000101", "image", { id: "media-1", mime_type: "image/jpeg" }),
    ]);
    expect(await languageOf(connection, "212611000101")).toEqual({
      language: "ar",
      languageSource: "detected",
    });

    await store([from(connection, inboundText("212611000101", "Bonjour, je suis disponible demain"))]);
    expect(await languageOf(connection, "212611000101")).toEqual({
      language: "fr",
      languageSource: "detected",
    });
  });

  it("takes a batch's last clear message of each candidate, and a caption, never a button's title", async () => {
    const connection = await buildConnection(app);
    await store([
      from(connection, inboundText("212611000102", "Hello, I am interested in the job")),
      from(connection, inboundText("212611000103", "Bonjour, je suis intéressée")),
      from(connection, inboundText("212611000102", "Merci pour votre réponse")),
      typed(connection, "212611000104", "image", {
        id: "media-2",
        mime_type: "image/jpeg",
        caption: "Hello, this is my CV for the job",
      }),
      typed(connection, "212611000105", "button", { payload: "yes", text: "Oui, je suis disponible" }),
    ]);
    expect(await languageOf(connection, "212611000102")).toEqual({
      language: "fr",
      languageSource: "detected",
    });
    expect(await languageOf(connection, "212611000103")).toEqual({
      language: "fr",
      languageSource: "detected",
    });
    expect(await languageOf(connection, "212611000104")).toEqual({
      language: "en",
      languageSource: "detected",
    });
    expect(await languageOf(connection, "212611000105")).toEqual({ language: null, languageSource: null });
  });

  it("never replaces a language a recruiter or LinkoJob chose", async () => {
    const connection = await buildConnection(app);
    const chosen = await buildContact(app, {
      clientId: connection.clientId,
      language: "en",
      languageSource: "recruiter",
    });
    const fromLinkoJob = await buildContact(app, {
      clientId: connection.clientId,
      language: "fr",
      languageSource: "integration",
    });

    await store([
      from(connection, inboundText(chosen.waId!, "السلام عليكم")),
      from(connection, inboundText(fromLinkoJob.waId!, "Hello, I am interested in the job")),
    ]);

    expect(await languageOf(connection, chosen.waId!)).toEqual({
      language: "en",
      languageSource: "recruiter",
    });
    expect(await languageOf(connection, fromLinkoJob.waId!)).toEqual({
      language: "fr",
      languageSource: "integration",
    });
  });
});
