import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedClient, eventually } from "../../../../test/support/connected";
import { apiKeyCaller, type Caller } from "../../../../test/support/factories";
import { buildContact, buildConversation, buildMessage } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";

/** What LinkoJob's servers do with an API key: by wamid, by candidate id, contacts, send. */

let app: TestApp;
let a: Awaited<ReturnType<typeof connectedClient>>;
let b: Awaited<ReturnType<typeof connectedClient>>;
let keyA: Caller;
let keyB: Caller;

const jobOpportunity = {
  name: "job_opportunity",
  language: "fr",
  body: [{ text: "Salma" }, { text: "technicienne" }, { text: "Casablanca" }],
};

beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
  a = await connectedClient(app);
  b = await connectedClient(app, "atlas");
  const scopes = ["conversations:read", "conversations:write", "messages:send"] as const;
  keyA = (await apiKeyCaller(app, a.owner, [...scopes])).caller;
  keyB = (await apiKeyCaller(app, b.owner, [...scopes])).caller;
  await eventually(async () => (await a.session.get("/api/templates")).json().templates.length > 0);
}, 120_000);
afterAll(() => app.close());

describe("messages by wamid", () => {
  it("finds a client's message by wamid, and never another client's", async () => {
    const message = await buildMessage(app, { clientId: a.clientId, body: "Je suis disponible" });
    const found = await keyA.get(`/api/messages/by-wamid/${encodeURIComponent(message.wamid!)}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({
      id: message.id,
      wamid: message.wamid,
      content: { type: "text", body: "Je suis disponible" },
    });
    const other = await keyB.get(`/api/messages/by-wamid/${encodeURIComponent(message.wamid!)}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe("not_found");
  });
});

describe("contacts", () => {
  it("lists, searches and filters a client's candidates with keyset cursors, and no one else's", async () => {
    const tag = `Zineb${Date.now()}`;
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(
        await buildContact(app, {
          clientId: a.clientId,
          name: `${tag} ${i}`,
          externalCandidateId: `cand-${tag}-${i}`,
          ...(i === 2 ? { optedOutAt: new Date(), optOutSource: "whatsapp" } : {}),
          ...(i === 3 ? { optedInAt: new Date(), optInSource: "linkojob_form" } : {}),
        }),
      );
    await buildContact(app, {
      clientId: b.clientId,
      name: `${tag} other`,
      externalCandidateId: `cand-${tag}-0`,
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await keyA.get(`/api/contacts?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).json() as {
        contacts: { id: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.contacts.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((c) => c.id).reverse());

    const byCandidate = (await keyA.get(`/api/contacts?externalCandidateId=cand-${tag}-0`)).json().contacts;
    expect(byCandidate.map((c: { id: string }) => c.id)).toEqual([made[0]!.id]);
    const optedOut = (await keyA.get(`/api/contacts?q=${tag}&consent=opted_out`)).json().contacts;
    expect(optedOut.map((c: { id: string }) => c.id)).toEqual([made[2]!.id]);
    const optedIn = (await keyA.get(`/api/contacts?q=${tag}&consent=opted_in`)).json().contacts;
    expect(optedIn.map((c: { id: string }) => c.id)).toEqual([made[3]!.id]);
    const none = (await keyA.get(`/api/contacts?q=${tag}&consent=none`)).json().contacts;
    expect(none).toHaveLength(3);
    const phone = made[4]!.phone!.slice(-6);
    const byPhone = (await keyA.get(`/api/contacts?q=${phone}`)).json().contacts;
    expect(byPhone.map((c: { id: string }) => c.id)).toContain(made[4]!.id);

    const bad = await keyA.get("/api/contacts?consent=maybe");
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain("consent");
  });
  it("pages through candidates created within one millisecond without skipping any", async () => {
    // The database keeps what it is given to the microsecond unless told otherwise; a cursor is
    // cut from a JavaScript date, to the millisecond.
    const tag = `Idriss${Date.now()}`;
    const made = [];
    for (let i = 0; i < 5; i++) {
      const contact = await buildContact(app, { clientId: a.clientId, name: `${tag} ${i}` });
      await app.database.db.execute(
        sql`update contacts set created_at = ${`2026-03-01T09:00:00.1234${i}Z`}::timestamptz where id = ${contact.id}`,
      );
      made.push(contact);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await keyA.get(`/api/contacts?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).json() as { contacts: { id: string }[]; nextCursor: string | null };
      seen.push(...page.contacts.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.toSorted()).toEqual(made.map((c) => c.id).toSorted());
  });

  it("sets and returns a candidate's language, as LinkoJob's choice; refuses one it does not know", async () => {
    const tag = `Hamza${Date.now()}`;
    const contact = await buildContact(app, {
      clientId: a.clientId,
      name: tag,
      language: "fr",
      languageSource: "detected",
    });
    const listed = async () => (await keyA.get(`/api/contacts?q=${tag}`)).json().contacts[0];
    expect(await listed()).toMatchObject({ language: "fr", languageSource: "detected" });

    const set = await keyA.patch(`/api/contacts/${contact.id}`, { language: "ar" });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ language: "ar", languageSource: "integration" });
    expect(await listed()).toMatchObject({ language: "ar", languageSource: "integration" });

    const refused = await keyA.patch(`/api/contacts/${contact.id}`, { language: "es", name: "Autre" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("validation_failed");
    expect(await listed()).toMatchObject({ name: tag, language: "ar", languageSource: "integration" });

    // Unknown again: the next clear message of the candidate will set it.
    const cleared = await keyA.patch(`/api/contacts/${contact.id}`, { language: null });
    expect(cleared.json()).toMatchObject({ language: null, languageSource: null });
  });

  it("never replaces nor clears a recruiter's choice of language, as a send's contactLanguage does not", async () => {
    const tag = `Imane${Date.now()}`;
    const contact = await buildContact(app, { clientId: a.clientId, name: tag });
    const chosen = await a.session.patch(`/api/contacts/${contact.id}`, { language: "ar" });
    expect(chosen.json()).toMatchObject({ language: "ar", languageSource: "recruiter" });

    const replaced = await keyA.patch(`/api/contacts/${contact.id}`, { language: "fr", name: `${tag} B` });
    expect(replaced.statusCode, replaced.body).toBe(200);
    // The rest of the edit applies; the recruiter's language stays.
    expect(replaced.json()).toMatchObject({ name: `${tag} B`, language: "ar", languageSource: "recruiter" });
    const cleared = await keyA.patch(`/api/contacts/${contact.id}`, { language: null });
    expect(cleared.json()).toMatchObject({ language: "ar", languageSource: "recruiter" });

    // A recruiter may change or clear their own choice.
    const changed = await a.session.patch(`/api/contacts/${contact.id}`, { language: "en" });
    expect(changed.json()).toMatchObject({ language: "en", languageSource: "recruiter" });
    const unset = await a.session.patch(`/api/contacts/${contact.id}`, { language: null });
    expect(unset.json()).toMatchObject({ language: null, languageSource: null });
    // Then LinkoJob's choice holds again.
    const linkojob = await keyA.patch(`/api/contacts/${contact.id}`, { language: "fr" });
    expect(linkojob.json()).toMatchObject({ language: "fr", languageSource: "integration" });
  });
});

describe("conversations by LinkoJob's references", () => {
  it("finds a candidate's conversations by candidate id and job reference, only in the caller's client", async () => {
    const contact = await buildContact(app, {
      clientId: a.clientId,
      externalCandidateId: "cand-ref-1",
      externalJobRef: "job-77",
    });
    const conversation = await buildConversation(app, {
      clientId: a.clientId,
      connectionId: a.connection.id,
      contactId: contact.id,
      lastMessageAt: new Date(),
    });
    const found = (
      await keyA.get("/api/conversations?externalCandidateId=cand-ref-1&externalJobRef=job-77")
    ).json();
    expect(found.conversations.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
    expect(
      (await keyA.get("/api/conversations?externalCandidateId=cand-ref-1&externalJobRef=job-78")).json()
        .conversations,
    ).toEqual([]);
    expect(
      (await keyB.get("/api/conversations?externalCandidateId=cand-ref-1")).json().conversations,
    ).toEqual([]);
  });
});

describe("send by LinkoJob's candidate id", () => {
  it("introduces a candidate with `to`, then sends by candidate id alone, once per Idempotency-Key", async () => {
    const first = await keyA.post("/api/messages/send", {
      connectionId: a.connection.id,
      to: "0612000111",
      externalCandidateId: "cand-send-1",
      externalJobRef: "job-9",
      template: jobOpportunity,
    });
    expect(first.statusCode, first.body).toBe(202);
    const again = (body: unknown) =>
      keyA.request({
        method: "POST",
        url: "/api/messages/send",
        payload: body as object,
        headers: { "idempotency-key": "lj-send-42" },
      });
    const second = await again({ externalCandidateId: "cand-send-1", template: jobOpportunity });
    expect(second.statusCode, second.body).toBe(202);
    expect(second.json().conversationId).toBe(first.json().conversationId);
    const retried = await again({ externalCandidateId: "cand-send-1", template: jobOpportunity });
    expect(retried.json().id).toBe(second.json().id);

    // Another client's key does not know this candidate.
    const foreign = await keyB.post("/api/messages/send", {
      externalCandidateId: "cand-send-1",
      template: jobOpportunity,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toMatch(/externalCandidateId/);
    const neither = await keyA.post("/api/messages/send", { template: jobOpportunity });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details[0].field).toBe("body.conversationId");
  });
});

describe("the candidate's language given with a send", () => {
  const languageOf = async (conversationId: string) => {
    const { contact } = (await keyA.get(`/api/conversations/${conversationId}`)).json();
    return { language: contact.language, languageSource: contact.languageSource };
  };
  const send = (caller: Caller, body: object) =>
    caller.post("/api/messages/send", { template: jobOpportunity, ...body });

  it("keeps it on a new or known candidate, however the send names them; a recruiter's choice wins", async () => {
    const first = await send(keyA, {
      connectionId: a.connection.id,
      to: "0612000222",
      externalCandidateId: "cand-lang-1",
      contactLanguage: "ar",
    });
    expect(first.statusCode, first.body).toBe(202);
    const chat = first.json().conversationId as string;
    expect(await languageOf(chat)).toEqual({ language: "ar", languageSource: "integration" });

    // LinkoJob may correct its own choice, by candidate id.
    const byCandidate = await send(keyA, { externalCandidateId: "cand-lang-1", contactLanguage: "en" });
    expect(byCandidate.statusCode, byCandidate.body).toBe(202);
    expect(await languageOf(chat)).toEqual({ language: "en", languageSource: "integration" });

    // A recruiter's choice, in the dashboard's send...
    const bySession = await send(a.session, { conversationId: chat, contactLanguage: "fr" });
    expect(bySession.statusCode, bySession.body).toBe(202);
    expect(await languageOf(chat)).toEqual({ language: "fr", languageSource: "recruiter" });

    // ...is never replaced by LinkoJob's, whichever way it names the candidate; the send still goes.
    const { contact } = (await keyA.get(`/api/conversations/${chat}`)).json();
    for (const naming of [
      { contactId: contact.id },
      { connectionId: a.connection.id, to: "+212612000222" },
      { externalCandidateId: "cand-lang-1" },
      { conversationId: chat },
    ]) {
      const sent = await send(keyA, { ...naming, contactLanguage: "ar" });
      expect(sent.statusCode, sent.body).toBe(202);
      expect(sent.json().conversationId).toBe(chat);
      expect(await languageOf(chat)).toEqual({ language: "fr", languageSource: "recruiter" });
    }

    // Without the field, nothing changes.
    await send(a.session, { conversationId: chat });
    expect(await languageOf(chat)).toEqual({ language: "fr", languageSource: "recruiter" });
  });

  it("replaces a language read from the candidate's messages; refuses one it does not know", async () => {
    const contact = await buildContact(app, {
      clientId: a.clientId,
      language: "fr",
      languageSource: "detected",
    });
    const sent = await send(keyA, {
      contactId: contact.id,
      connectionId: a.connection.id,
      contactLanguage: "ar",
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const chat = sent.json().conversationId as string;
    expect(await languageOf(chat)).toEqual({ language: "ar", languageSource: "integration" });

    const refused = await send(keyA, { conversationId: chat, contactLanguage: "es" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe("body.contactLanguage");
    expect(await languageOf(chat)).toEqual({ language: "ar", languageSource: "integration" });
  });
});
