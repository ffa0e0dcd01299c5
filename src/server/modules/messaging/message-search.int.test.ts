import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, type Caller, loginAs } from "../../../../test/support/factories";
import {
  buildConnection,
  buildContact,
  buildConversation,
  buildMessage,
} from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import type { ChatFindResponse, MessageSearchPage } from "../../../contracts/messages";

/**
 * The inbox search in messages (`GET /api/messages/search`) and "find in chat"
 * (`GET /api/messages/{conversationId}/search`): accents, case and Arabic harakat aside, from two
 * characters, in file names too; the matched snippet marked; only the caller's client's messages.
 */
let app: TestApp;
let a: { session: Caller; chats: Record<string, string>; messages: Record<string, string> };
let b: { session: Caller; chats: Record<string, string>; messages: Record<string, string> };

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function tenant(
  chats: Record<
    string,
    {
      name: string | null;
      /** The candidate's other fields, e.g. one known only by a username. */
      contact?: { username?: string; phone?: null };
      messages: Record<string, { body: string; at: number; file?: string; outbound?: boolean }>;
    }
  >,
) {
  const { client, owner } = await buildClient(app);
  const connection = await buildConnection(app, { clientId: client.id });
  const chatIds: Record<string, string> = {};
  const messageIds: Record<string, string> = {};
  let phone = 212600000100;
  for (const [key, chat] of Object.entries(chats)) {
    phone += 1;
    const contact = await buildContact(app, {
      clientId: client.id,
      waId: String(phone),
      name: chat.name,
      ...chat.contact,
    });
    const conversation = await buildConversation(app, {
      connectionId: connection.id,
      contactId: contact.id,
      lastMessageAt: new Date(),
    });
    chatIds[key] = conversation.id;
    for (const [messageKey, message] of Object.entries(chat.messages)) {
      const media = message.file
        ? {
            type: "document",
            media: { id: null, filename: message.file, caption: message.body, mimeType: "application/pdf" },
          }
        : null;
      const row = await buildMessage(app, {
        conversationId: conversation.id,
        body: message.body,
        occurredAt: minutesAgo(message.at),
        ...(media
          ? message.outbound
            ? { direction: "outbound" as const, type: "document", content: media }
            : { type: "document", content: { content: media, context: null, referral: null } }
          : {}),
      });
      messageIds[messageKey] = row.id;
    }
  }
  return { session: await loginAs(app, owner), chats: chatIds, messages: messageIds };
}

beforeAll(async () => {
  app = await createTestApp();
  a = await tenant({
    fatima: {
      name: "Fatima Zahra",
      messages: {
        diploma: { body: "Bonjour, voici mon Diplôme de technicien et mon expérience", at: 30 },
        school: { body: "J'ai étudié à l'École Hassania", at: 20 },
        candidate: { body: "Candidature envoyée", at: 10 },
        file: { body: "Mon attestation", at: 5, file: "Attestation_Réussite_2024.pdf" },
      },
    },
    omar: {
      name: "عمر",
      messages: {
        engineer: { body: "أنا مُهَنْـــدِس مدني", at: 25 },
        poste1: { body: "Le poste est à Rabat", at: 15 },
        poste2: { body: "Quel POSTE exactement ?", at: 12 },
        other: { body: "Merci beaucoup", at: 11 },
        poste3: { body: "Un poste de nuit", at: 3 },
        sent: { body: "Notre fiche", at: 2, file: "Fiche_de_poste_Ingénieur.pdf", outbound: true },
      },
    },
  });
  b = await tenant({
    other: { name: "Fatima Autre", messages: { diploma: { body: "Mon diplôme d'ingénieur", at: 1 } } },
  });
});
afterAll(() => app.close());

const search = async (caller: Caller, q: string, extra = "") => {
  const response = await caller.get(`/api/messages/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response.statusCode).toBe(200);
  return response.json<MessageSearchPage>();
};
const ids = async (caller: Caller, q: string) => (await search(caller, q)).results.map((r) => r.messageId);
const marked = (hit: MessageSearchPage["results"][number]) =>
  hit.snippet.filter((part) => part.isMatch).map((part) => part.text);

describe("search in messages", () => {
  it("finds a message accents and case aside, with its chat, candidate and the match marked", async () => {
    const page = await search(a.session, "diplome");
    expect(page.results).toHaveLength(1);
    const [hit] = page.results;
    expect(hit).toMatchObject({
      messageId: a.messages.diploma,
      conversationId: a.chats.fatima,
      direction: "inbound",
      contact: { displayName: "Fatima Zahra" },
    });
    expect(marked(hit!)).toEqual(["Diplôme"]);
    expect(hit!.snippet.map((part) => part.text).join("")).toBe(
      "Bonjour, voici mon Diplôme de technicien et mon expérience",
    );
    expect(await ids(a.session, "ECOLE")).toEqual([a.messages.school]);
    expect(await ids(a.session, "experience")).toEqual([a.messages.diploma]);
  });

  it("names a candidate known only by a username as the list does", async () => {
    const c = await tenant({
      karim: {
        name: null,
        contact: { username: "karim.dev", phone: null },
        messages: { cv: { body: "Voici mon portfolio", at: 1 } },
      },
    });
    const [hit] = (await search(c.session, "portfolio")).results;
    expect(hit).toMatchObject({
      messageId: c.messages.cv,
      contact: { displayName: "@karim.dev", phone: null },
    });
  });

  it("finds Arabic without its harakat and tatweel, and hamza'd alefs typed plain", async () => {
    const page = await search(a.session, "مهندس");
    expect(page.results.map((r) => r.messageId)).toEqual([a.messages.engineer]);
    expect(marked(page.results[0]!)).toEqual(["مُهَنْـــدِس"]);
    expect(await ids(a.session, "انا مهندس")).toEqual([a.messages.engineer]);
  });

  it("finds file names, received or sent, even under a caption", async () => {
    const received = await search(a.session, "reussite");
    expect(received.results.map((r) => r.messageId)).toEqual([a.messages.file]);
    expect(marked(received.results[0]!)).toEqual(["Réussite"]);
    expect(await ids(a.session, "ingenieur")).toEqual([a.messages.sent]);
  });

  it("works from two characters, at the start of words", async () => {
    // "di" starts "Diplôme" only: "Candidature" and "étudié" have it inside.
    const page = await search(a.session, "di");
    expect(page.results.map((r) => r.messageId)).toEqual([a.messages.diploma]);
    expect(marked(page.results[0]!)).toEqual(["Di"]);
    expect(await ids(a.session, "ec")).toEqual([a.messages.school]);
    expect((await a.session.get("/api/messages/search?q=d")).statusCode).toBe(400);
  });

  it("lists the newest first, page by page", async () => {
    expect(await ids(a.session, "poste")).toEqual([
      a.messages.sent,
      a.messages.poste3,
      a.messages.poste2,
      a.messages.poste1,
    ]);
    const first = await search(a.session, "poste", "&limit=3");
    expect(first.results.map((r) => r.messageId)).toEqual([
      a.messages.sent,
      a.messages.poste3,
      a.messages.poste2,
    ]);
    const second = await search(a.session, "poste", `&limit=3&cursor=${first.nextCursor}`);
    expect(second.results.map((r) => r.messageId)).toEqual([a.messages.poste1]);
    expect(second.nextCursor).toBeNull();
    expect(await ids(a.session, "100%_")).toEqual([]);
  });

  it("never finds another client's messages", async () => {
    expect(await ids(b.session, "diplome")).toEqual([b.messages.diploma]);
    expect(await ids(a.session, "ingenieur")).toEqual([a.messages.sent]);
    expect(await ids(b.session, "poste")).toEqual([]);
  });
});

describe("find in chat", () => {
  const find = async (caller: Caller, chat: string, q: string, extra = "") => {
    const response = await caller.get(`/api/messages/${chat}/search?q=${encodeURIComponent(q)}${extra}`);
    expect(response.statusCode).toBe(200);
    return response.json<ChatFindResponse>();
  };

  it("lists the chat's matching messages, newest first, and only that chat's", async () => {
    const found = await find(a.session, a.chats.omar!, "POSTE");
    expect(found.matches.map((m) => m.messageId)).toEqual([
      a.messages.sent,
      a.messages.poste3,
      a.messages.poste2,
      a.messages.poste1,
    ]);
    expect(found.isComplete).toBe(true);
    expect((await find(a.session, a.chats.fatima!, "poste")).matches).toEqual([]);
    const some = await find(a.session, a.chats.omar!, "poste", "&limit=2");
    expect(some.matches.map((m) => m.messageId)).toEqual([a.messages.sent, a.messages.poste3]);
    expect(some.isComplete).toBe(false);
  });

  it("is not found in another client's chat", async () => {
    const response = await a.session.get(`/api/messages/${b.chats.other}/search?q=diplome`);
    expect(response.statusCode).toBe(404);
  });
});
