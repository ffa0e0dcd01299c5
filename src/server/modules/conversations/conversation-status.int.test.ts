import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCaller, buildUser, type Caller, loginAs } from "../../../../test/support/factories";
import { buildContact, buildConversation } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { eventually } from "../../../../test/support/waiting";
import {
  clientWithActiveNumber,
  drainWebhooks,
  inboundText,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../../../test/support/webhooks";
import { MAX_PINNED } from "../../../contracts/conversation-status";

/**
 * Conversation status end to end over the API: each transition, the views and their exact counts,
 * snoozes ending on a reply and at their time (the worker's job), archive, mark unread, and each
 * user's own pins and mutes; with the audit rows and live events they leave.
 */

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ worker: true });
});
afterAll(() => app.close());

type Number = Awaited<ReturnType<typeof clientWithActiveNumber>>;

let seq = 0;
/** A candidate's chat on the number, with one message received a moment ago (newest last). */
async function chat(number: Number, overrides: { assigneeId?: string; unreadCount?: number } = {}) {
  seq += 1;
  const contact = await buildContact(app, { clientId: number.clientId, name: `Candidat ${seq}` });
  const at = new Date(Date.now() - 60_000 + seq * 10);
  const row = await buildConversation(app, {
    clientId: number.clientId,
    connectionId: number.connection.id,
    contactId: contact.id,
    lastInboundAt: at,
    lastMessageAt: at,
    unreadCount: overrides.unreadCount ?? 0,
    assigneeId: overrides.assigneeId ?? null,
  });
  return { id: row.id, waId: contact.waId! };
}

/** A chat a campaign started on the number: answered by the candidate, or not (no inbound yet). */
async function campaignChat(number: Number, campaignId: string, answered: boolean) {
  const contact = await buildContact(app, { clientId: number.clientId });
  await buildConversation(app, {
    clientId: number.clientId,
    connectionId: number.connection.id,
    contactId: contact.id,
    lastMessageAt: new Date(),
    lastInboundAt: answered ? new Date() : null,
    campaignId,
  });
}

const put = (caller: Caller, url: string, payload: unknown) =>
  caller.request({ method: "PUT", url, payload: payload as object });
const ids = (response: { json(): { conversations: { id: string }[] } }) =>
  response.json().conversations.map((c) => c.id);
const counts = async (caller: Caller, query = "") =>
  (await caller.get(`/api/conversations/counts${query}`)).json().counts;
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

/** The candidate writes again (a signed webhook, processed as the worker does). */
async function candidateWrites(number: Number, waId: string, text: string) {
  const message = inboundText(waId, text);
  const response = await postWebhook(
    app,
    messagesEnvelope(number.phoneNumberId, { contacts: message.contacts, messages: [message.message] }),
  );
  expect(response.statusCode).toBe(200);
  await drainWebhooks(app);
  // The worker of this app may have taken the delivery first: wait for its commit.
  await eventually(async () => {
    const [stored] = await queryRows<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM messages WHERE wamid = $1",
      [message.wamid],
    );
    return stored!.n === 1;
  });
}

describe("conversation status", () => {
  it("resolves, sets waiting and reopens, each audited and announced, the views counting exactly", async () => {
    const number = await clientWithActiveNumber(app);
    const first = await chat(number);
    const second = await chat(number);
    expect(await counts(number.session)).toEqual({
      all: 2,
      mine: 0,
      unassigned: 2,
      open: 2,
      snoozed: 0,
      resolved: 0,
      archived: 0,
    });

    const resolved = await number.session.post(`/api/conversations/${first.id}/status`, {
      status: "resolved",
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: "resolved", snoozedUntil: null, isArchived: false });
    expect(await counts(number.session)).toMatchObject({ open: 1, unassigned: 1, resolved: 1 });
    expect(ids(await number.session.get("/api/conversations?view=resolved"))).toEqual([first.id]);
    expect(ids(await number.session.get("/api/conversations?view=open"))).toEqual([second.id]);
    // "All" (no view) still lists both.
    expect(ids(await number.session.get("/api/conversations"))).toEqual([second.id, first.id]);

    const waiting = await number.session.post(`/api/conversations/${second.id}/status`, {
      status: "waiting",
    });
    expect(waiting.json().status).toBe("waiting");
    // Waiting for the candidate is still the team's to follow: in "Open".
    expect(ids(await number.session.get("/api/conversations?view=open"))).toEqual([second.id]);
    await number.session.post(`/api/conversations/${first.id}/status`, { status: "open" });
    expect(await counts(number.session)).toMatchObject({ open: 2, resolved: 0 });

    const audit = await queryRows<{ action: string; metadata: { from: string; to: string } }>(
      app,
      "SELECT action, metadata FROM audit_log WHERE client_id = $1 AND target_id = $2 ORDER BY id",
      [number.clientId, first.id],
    );
    expect(audit.map((row) => [row.action, row.metadata.from, row.metadata.to])).toEqual([
      ["conversation.status_changed", "open", "resolved"],
      ["conversation.status_changed", "resolved", "open"],
    ]);
    const events = await queryRows<{ payload: { conversation: { id: string; status: string } } }>(
      app,
      "SELECT payload FROM domain_events WHERE client_id = $1 AND type = 'conversation:updated' ORDER BY id",
      [number.clientId],
    );
    expect(events.map((e) => [e.payload.conversation.id, e.payload.conversation.status])).toEqual([
      [first.id, "resolved"],
      [second.id, "waiting"],
      [first.id, "open"],
    ]);
  });

  it("counts All as the list shows it: without the campaign chats nobody answered, when the client hides them", async () => {
    const number = await clientWithActiveNumber(app);
    const answered = await chat(number);
    await campaignChat(number, crypto.randomUUID(), false);
    await number.session.patch("/api/campaigns/settings", { hideUnansweredCampaignChats: false });
    expect((await counts(number.session)).all).toBe(2);
    expect(ids(await number.session.get("/api/conversations"))).toHaveLength(2);
    const hide = await number.session.patch("/api/campaigns/settings", { hideUnansweredCampaignChats: true });
    expect(hide.statusCode).toBe(200);
    expect(ids(await number.session.get("/api/conversations"))).toEqual([answered.id]);
    expect(await counts(number.session)).toMatchObject({ all: 1, open: 2, unassigned: 2 });
  });

  it("counts only a campaign's chats when the list shows one campaign, answered or not", async () => {
    const number = await clientWithActiveNumber(app);
    await chat(number);
    const campaignId = crypto.randomUUID();
    await campaignChat(number, campaignId, true);
    await campaignChat(number, campaignId, false);
    const hide = await number.session.patch("/api/campaigns/settings", { hideUnansweredCampaignChats: true });
    expect(hide.statusCode).toBe(200);
    const inCampaign = `?campaignId=${campaignId}`;
    expect(ids(await number.session.get(`/api/conversations${inCampaign}`))).toHaveLength(2);
    expect(await counts(number.session, inCampaign)).toMatchObject({ all: 2, open: 2, unassigned: 2 });
    expect(await counts(number.session)).toMatchObject({ all: 2, open: 3 });
  });

  it("refuses a snooze without a future time, and a time on another status, with a 400 naming the field", async () => {
    const number = await clientWithActiveNumber(app);
    const { id } = await chat(number);
    const status = (body: unknown) => number.session.post(`/api/conversations/${id}/status`, body);
    for (const body of [
      { status: "snoozed" },
      { status: "snoozed", snoozedUntil: new Date(Date.now() - 60_000).toISOString() },
      { status: "snoozed", snoozedUntil: "demain" },
      { status: "snoozed", snoozedUntil: inFuture(400 * 86_400_000) },
      { status: "resolved", snoozedUntil: inFuture(60_000) },
      { status: "closed" },
      {},
    ]) {
      const response = await status(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe("validation_failed");
    }
    expect(
      (await number.session.post(`/api/conversations/${id}/archive`, { isArchived: "yes" })).statusCode,
    ).toBe(400);
    expect((await put(number.session, `/api/conversations/${id}/preferences`, {})).statusCode).toBe(400);
    expect((await number.session.get("/api/conversations?view=everything")).statusCode).toBe(400);
    expect((await number.session.get("/api/conversations/counts?filter=nope")).statusCode).toBe(400);
    expect((await number.session.get(`/api/conversations/${id}`)).json().status).toBe("open");
  });

  it("reopens a snoozed conversation when the candidate writes, before its time", async () => {
    const number = await clientWithActiveNumber(app);
    const { id, waId } = await chat(number);
    const until = inFuture(3 * 86_400_000);
    const snoozed = await number.session.post(`/api/conversations/${id}/status`, {
      status: "snoozed",
      snoozedUntil: until,
    });
    expect(snoozed.json()).toMatchObject({ status: "snoozed", snoozedUntil: until });
    expect(ids(await number.session.get("/api/conversations?view=snoozed"))).toEqual([id]);
    expect(await counts(number.session)).toMatchObject({ open: 0, snoozed: 1 });

    await candidateWrites(number, waId, "Je suis disponible demain");

    expect((await number.session.get(`/api/conversations/${id}`)).json()).toMatchObject({
      status: "open",
      snoozedUntil: null,
      unreadCount: 1,
    });
    expect(await counts(number.session)).toMatchObject({ open: 1, snoozed: 0 });
  });

  it("reopens a snoozed conversation at its time (the worker's job), and a later snooze outlives the earlier one's job", async () => {
    const number = await clientWithActiveNumber(app);
    const { id } = await chat(number);
    const other = await chat(number);
    await number.session.post(`/api/conversations/${id}/status`, {
      status: "snoozed",
      snoozedUntil: inFuture(1_500),
    });
    // Snoozed briefly, then again for a week: the first job finds a snooze that has not ended.
    await number.session.post(`/api/conversations/${other.id}/status`, {
      status: "snoozed",
      snoozedUntil: inFuture(1_000),
    });
    await number.session.post(`/api/conversations/${other.id}/status`, {
      status: "snoozed",
      snoozedUntil: inFuture(7 * 86_400_000),
    });

    await eventually(
      async () => (await number.session.get(`/api/conversations/${id}`)).json().status === "open",
    );
    await eventually(async () => {
      const [job] = await queryRows<{ n: number }>(
        app,
        "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'conversations.end-snooze' AND data->>'conversationId' = $1 AND state = 'completed'",
        [other.id],
      );
      return job!.n >= 1;
    });
    expect((await number.session.get(`/api/conversations/${other.id}`)).json().status).toBe("snoozed");
    const [reopened] = await queryRows<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM domain_events WHERE client_id = $1 AND type = 'conversation:updated' AND payload->'conversation'->>'id' = $2 AND payload->'conversation'->>'status' = 'open'",
      [number.clientId, id],
    );
    expect(reopened!.n).toBe(1);
  });

  it("archives out of every view but Archived, and a reply brings the chat back", async () => {
    const number = await clientWithActiveNumber(app);
    const { id, waId } = await chat(number);
    const archived = await number.session.post(`/api/conversations/${id}/archive`, { isArchived: true });
    expect(archived.json()).toMatchObject({ isArchived: true, status: "open" });
    expect(ids(await number.session.get("/api/conversations"))).toEqual([]);
    expect(ids(await number.session.get("/api/conversations?view=open"))).toEqual([]);
    expect(ids(await number.session.get("/api/conversations?view=archived"))).toEqual([id]);
    expect(await counts(number.session)).toMatchObject({ all: 0, open: 0, unassigned: 0, archived: 1 });

    await number.session.post(`/api/conversations/${id}/archive`, { isArchived: false });
    expect(ids(await number.session.get("/api/conversations?view=open"))).toEqual([id]);
    await number.session.post(`/api/conversations/${id}/archive`, { isArchived: true });
    await candidateWrites(number, waId, "Bonjour ?");
    expect(ids(await number.session.get("/api/conversations?view=open"))).toEqual([id]);

    const actions = await queryRows<{ action: string }>(
      app,
      "SELECT action FROM audit_log WHERE client_id = $1 AND target_id = $2 ORDER BY id",
      [number.clientId, id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      "conversation.archived",
      "conversation.unarchived",
      "conversation.archived",
    ]);
  });

  it("marks unread for the team until opened; the unread chip combines with the views and their counts", async () => {
    const number = await clientWithActiveNumber(app);
    const recruiter = await buildUser(app, { clientId: number.clientId });
    const read = await chat(number, { assigneeId: recruiter.id });
    const unread = await chat(number, { unreadCount: 2 });
    const mine = await loginAs(app, recruiter);

    const marked = await mine.post(`/api/conversations/${read.id}/unread`);
    expect(marked.json()).toMatchObject({ isMarkedUnread: true, unreadCount: 0 });
    expect(ids(await mine.get("/api/conversations?filter=unread"))).toEqual([unread.id, read.id]);
    expect(ids(await mine.get("/api/conversations?view=mine&filter=unread"))).toEqual([read.id]);
    expect(ids(await mine.get("/api/conversations?view=unassigned&filter=unread"))).toEqual([unread.id]);
    expect(await counts(mine, "?filter=unread")).toMatchObject({ mine: 1, unassigned: 1, open: 2 });

    const opened = await mine.request({ method: "PATCH", url: `/api/conversations/${read.id}/read` });
    expect(opened.json()).toMatchObject({ isMarkedUnread: false, unreadCount: 0 });
    expect(await counts(mine, "?filter=unread")).toMatchObject({ mine: 0, unassigned: 1, open: 1 });
    // Nothing new to tick blue on WhatsApp: no read receipt was queued for a merely marked chat.
    const [receipts] = await queryRows<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'messaging.mark-read' AND data->>'conversationId' = $1",
      [read.id],
    );
    expect(receipts!.n).toBe(0);
  });

  it("pins to the top of the user's own list (first page only) and mutes for that user alone", async () => {
    const number = await clientWithActiveNumber(app);
    const colleague = await loginAs(app, await buildUser(app, { clientId: number.clientId }));
    const chats = [];
    for (let i = 0; i < 4; i += 1) chats.push(await chat(number));
    const [oldest, , , newest] = chats;

    const pinned = await put(number.session, `/api/conversations/${oldest!.id}/preferences`, {
      isPinned: true,
    });
    expect(pinned.statusCode).toBe(200);
    expect(pinned.json()).toEqual({ conversationId: oldest!.id, isPinned: true, isMuted: false });
    await put(number.session, `/api/conversations/${newest!.id}/preferences`, { isMuted: true });

    const first = (await number.session.get("/api/conversations?limit=2")).json();
    expect(first.conversations.map((c: { id: string }) => c.id)).toEqual([
      oldest!.id,
      newest!.id,
      chats[2]!.id,
    ]);
    expect(first.conversations[0]).toMatchObject({ isPinned: true, isMuted: false });
    expect(first.conversations[1]).toMatchObject({ isPinned: false, isMuted: true });
    const second = (await number.session.get(`/api/conversations?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.conversations.map((c: { id: string }) => c.id)).toEqual([chats[1]!.id]);
    // A pinned chat outside the view is not forced into it.
    await number.session.post(`/api/conversations/${oldest!.id}/status`, { status: "resolved" });
    expect(ids(await number.session.get("/api/conversations?view=open")).includes(oldest!.id)).toBe(false);

    // The colleague's list and settings are their own.
    const theirs = (await colleague.get("/api/conversations")).json().conversations;
    expect(theirs.map((c: { id: string }) => c.id)[0]).toBe(newest!.id);
    expect(theirs.every((c: { isPinned: boolean; isMuted: boolean }) => !c.isPinned && !c.isMuted)).toBe(
      true,
    );
    const events = await queryRows<{ payload: Record<string, unknown> }>(
      app,
      "SELECT payload FROM domain_events WHERE client_id = $1 AND type = 'conversation:preferences' ORDER BY id",
      [number.clientId],
    );
    expect(events.map((e) => [e.payload.conversationId, e.payload.isPinned, e.payload.isMuted])).toEqual([
      [oldest!.id, true, false],
      [newest!.id, false, true],
    ]);
  });

  it(`allows ${MAX_PINNED} pins, keeps pins and mutes to people, not integrations`, async () => {
    const number = await clientWithActiveNumber(app);
    const { user } = (await number.session.get("/api/auth/session")).json();
    for (let i = 0; i < MAX_PINNED; i += 1) {
      const { id } = await chat(number);
      expect(
        (await put(number.session, `/api/conversations/${id}/preferences`, { isPinned: true })).statusCode,
      ).toBe(200);
    }
    const { id } = await chat(number);
    const refused = await put(number.session, `/api/conversations/${id}/preferences`, { isPinned: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/unpin/);
    const key = await apiKeyCaller(app, { email: user.email }, ["conversations:read", "conversations:write"]);
    expect(
      (await put(key.caller, `/api/conversations/${id}/preferences`, { isMuted: true })).statusCode,
    ).toBe(403);
    // An integration changes statuses for the whole client; it has no "mine".
    expect(
      (await key.caller.post(`/api/conversations/${id}/status`, { status: "resolved" })).statusCode,
    ).toBe(200);
    expect((await key.caller.get("/api/conversations/counts?filter=assigned_to_me")).statusCode).toBe(400);
    expect((await key.caller.get("/api/conversations/counts")).json().counts).toMatchObject({ resolved: 1 });
  });

  it("lets a recruiter triage their own and unassigned chats, not a colleague's; admins any", async () => {
    const number = await clientWithActiveNumber(app);
    const salma = await buildUser(app, { clientId: number.clientId });
    const karim = await buildUser(app, { clientId: number.clientId });
    const admin = await loginAs(app, await buildUser(app, { clientId: number.clientId, role: "admin" }));
    const asSalma = await loginAs(app, salma);
    const hers = await chat(number, { assigneeId: salma.id });
    const his = await chat(number, { assigneeId: karim.id });
    const nobodys = await chat(number);
    const resolve = (caller: Caller, id: string) =>
      caller.post(`/api/conversations/${id}/status`, { status: "resolved" });

    expect((await resolve(asSalma, hers.id)).statusCode).toBe(200);
    expect((await resolve(asSalma, nobodys.id)).statusCode).toBe(200);
    const refused = await resolve(asSalma, his.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("forbidden");
    expect(
      (await asSalma.post(`/api/conversations/${his.id}/archive`, { isArchived: true })).statusCode,
    ).toBe(403);
    expect((await asSalma.get(`/api/conversations/${his.id}`)).json()).toMatchObject({
      status: "open",
      isArchived: false,
    });
    // Marking unread, pinning and muting are not triage: anyone may.
    expect((await asSalma.post(`/api/conversations/${his.id}/unread`)).statusCode).toBe(200);
    expect((await resolve(admin, his.id)).statusCode).toBe(200);
    expect(await counts(asSalma)).toMatchObject({ mine: 0, resolved: 3 });
  });
});
