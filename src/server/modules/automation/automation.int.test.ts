import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedClient, connectNumber, simulatorControl } from "../../../../test/support/connected";
import { buildClient, buildUser, type Caller, loginAs } from "../../../../test/support/factories";
import {
  buildConnection,
  buildContact,
  buildConversation,
  buildMessage,
} from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { eventually, jobsSettled } from "../../../../test/support/waiting";
import { inboundText, messagesEnvelope, postWebhook } from "../../../../test/support/webhooks";
import { DEFAULT_AWAY_MESSAGES, DEFAULT_BUSINESS_HOURS, WEEKDAYS } from "../../../contracts/automation";
import type { ConversationResponse } from "../../../contracts/conversations";
import type { MessageResponse } from "../../../contracts/messages";
import { autoAssignJobRef } from "./jobs/auto-assign.job-ref";
import { awayReplyJobRef } from "./jobs/away-reply.job-ref";

/**
 * The inbox rules end to end: candidates' messages arrive as Meta posts them, the worker runs the
 * jobs, and what the team sees is read through the API (and, for the away reply, what the
 * simulated Meta was asked to send).
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());

let waIds = 0;
const nextWaId = () => {
  waIds += 1;
  return `2126${String(Date.now()).slice(-5)}${String(waIds).padStart(3, "0")}`;
};

/** A client with a number, its owner's session and `count` recruiters (sessions too). */
async function team(count: number) {
  const { client, owner } = await buildClient(app);
  const connection = await buildConnection(app, { clientId: client.id });
  const session = await loginAs(app, owner);
  const recruiters: { id: string; session: Caller }[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = await buildUser(app, { clientId: client.id });
    recruiters.push({ id: user.id, session: await loginAs(app, user) });
  }
  // The owner is away: new conversations go to the recruiters only.
  expect((await session.patch("/api/auth/me", { isAvailable: false })).json().isAvailable).toBe(false);
  return { clientId: client.id, ownerId: owner.id, connection, session, recruiters };
}

/** A candidate's message, posted as Meta posts it; `at` can be several at once. */
async function candidateWrites(phoneNumberId: string, from: string, body = "Bonjour") {
  const text = inboundText(from, body);
  const response = await postWebhook(
    app,
    messagesEnvelope(phoneNumberId, { contacts: text.contacts, messages: [text.message] }),
  );
  expect(response.statusCode).toBe(200);
}

async function conversationsOf(session: Caller): Promise<ConversationResponse[]> {
  return (await session.get("/api/conversations?limit=100")).json().conversations;
}

/** Waits until `count` conversations are assigned; returns how many each assignee has. */
async function assignedCounts(session: Caller, count: number) {
  const chats = await eventually(async () => {
    const all = await conversationsOf(session);
    return all.filter((c) => c.assigneeId).length >= count && all;
  });
  const counts = new Map<string, number>();
  for (const chat of chats)
    if (chat.assigneeId) counts.set(chat.assigneeId, (counts.get(chat.assigneeId) ?? 0) + 1);
  return counts;
}

describe("automatic assignment", () => {
  it("is off by default: a new conversation stays unassigned", async () => {
    const { clientId, connection, session } = await team(1);
    expect((await session.get("/api/automation")).json()).toMatchObject({
      assignmentMode: "off",
      awayReplyEnabled: false,
      businessHours: DEFAULT_BUSINESS_HOURS,
    });
    await candidateWrites(connection.phoneNumberId!, nextWaId());
    await eventually(async () => (await conversationsOf(session)).length === 1);
    await jobsSettled(app.database, autoAssignJobRef.name, { clientId });
    expect((await conversationsOf(session))[0]!.assigneeId).toBeNull();
  });

  it("round robin: goes round the available recruiters in turn, skipping one who is away", async () => {
    const { connection, session, recruiters } = await team(4);
    const away = recruiters[2]!;
    expect((await away.session.patch("/api/auth/me", { isAvailable: false })).statusCode).toBe(200);
    expect((await session.patch("/api/automation", { assignmentMode: "round_robin" })).statusCode).toBe(200);

    for (let i = 0; i < 6; i += 1) {
      await candidateWrites(connection.phoneNumberId!, nextWaId());
      await eventually(
        async () => (await conversationsOf(session)).filter((c) => c.assigneeId).length === i + 1,
      );
    }
    const counts = await assignedCounts(session, 6);
    expect(counts.get(away.id)).toBeUndefined();
    for (const recruiter of recruiters.filter((r) => r !== away)) expect(counts.get(recruiter.id)).toBe(2);

    // Recorded as any assignment: in the audit log, with the rule that made it.
    const audit = (await session.get("/api/audit?limit=50")).json().entries as {
      action: string;
      actorType: string;
      metadata: Record<string, unknown>;
    }[];
    const assigned = audit.filter((entry) => entry.action === "conversation.assigned");
    expect(assigned).toHaveLength(6);
    expect(assigned[0]).toMatchObject({ actorType: "system", metadata: { rule: "round_robin" } });
  });

  it("round robin: candidates writing at once are shared out evenly", async () => {
    const { connection, session, recruiters } = await team(3);
    await session.patch("/api/automation", { assignmentMode: "round_robin" });
    await Promise.all(
      Array.from({ length: 9 }, () => candidateWrites(connection.phoneNumberId!, nextWaId())),
    );
    const counts = await assignedCounts(session, 9);
    expect(recruiters.map((r) => counts.get(r.id))).toEqual([3, 3, 3]);
  });

  it("last writer: the recruiter who last wrote to the candidate gets their chat, else the next in turn", async () => {
    const { clientId, connection, session, recruiters } = await team(3);
    await session.patch("/api/automation", { assignmentMode: "last_writer" });
    const writer = recruiters[1]!;
    // A template the second recruiter sent the candidate, who had not answered yet.
    const known = await buildContact(app, { clientId, waId: nextWaId() });
    const chat = await buildConversation(app, { clientId, connectionId: connection.id, contactId: known.id });
    await buildMessage(app, {
      conversationId: chat.id,
      direction: "outbound",
      senderUserId: recruiters[0]!.id,
      occurredAt: new Date(Date.now() - 120_000),
    });
    await buildMessage(app, {
      conversationId: chat.id,
      direction: "outbound",
      senderUserId: writer.id,
      occurredAt: new Date(Date.now() - 60_000),
    });

    await candidateWrites(connection.phoneNumberId!, known.waId!);
    const assigned = await eventually(async () => {
      const found = (await conversationsOf(session)).find((c) => c.id === chat.id);
      return found?.assigneeId ? found : undefined;
    });
    expect(assigned.assigneeId).toBe(writer.id);

    // Nobody wrote to this one: the turn decides.
    await candidateWrites(connection.phoneNumberId!, nextWaId());
    const counts = await assignedCounts(session, 2);
    expect([...counts.values()].reduce((a, b) => a + b)).toBe(2);

    // A candidate's later message does not move a chat already assigned.
    const before = (await conversationsOf(session)).map((c) => [c.id, c.assigneeId]);
    await candidateWrites(connection.phoneNumberId!, known.waId!, "Encore moi");
    await eventually(
      async () => (await conversationsOf(session)).find((c) => c.id === chat.id)!.unreadCount === 2,
    );
    await jobsSettled(app.database, autoAssignJobRef.name, { clientId });
    expect((await conversationsOf(session)).map((c) => [c.id, c.assigneeId])).toEqual(
      expect.arrayContaining(before),
    );
  });

  it("only owners and admins change the rules; recruiters read them", async () => {
    const { session, recruiters } = await team(1);
    const recruiter = recruiters[0]!.session;
    expect((await recruiter.get("/api/automation")).statusCode).toBe(200);
    expect((await recruiter.patch("/api/automation", { assignmentMode: "round_robin" })).statusCode).toBe(
      403,
    );
    expect((await session.get("/api/automation")).json().assignmentMode).toBe("off");
    const invalid = await session.patch("/api/automation", {
      businessHours: { ...DEFAULT_BUSINESS_HOURS, monday: { open: "18:00", close: "09:00" } },
    });
    expect(invalid.statusCode).toBe(400);
  });
});

describe("away reply", () => {
  const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);
  const closedAllWeek = Object.fromEntries(WEEKDAYS.map((day) => [day, null]));
  const openAllWeek = Object.fromEntries(WEEKDAYS.map((day) => [day, { open: "00:00", close: "24:00" }]));

  async function writesThroughMeta(phoneNumberId: string, from: string, body: string) {
    const response = await control("inbound", {
      phoneNumberId,
      from,
      profileName: "Candidat",
      type: "text",
      text: { body },
    });
    expect(response.statusCode).toBe(200);
  }

  const textsSentTo = async (phoneNumberId: string) =>
    (
      (await control(`sent?phoneNumberId=${phoneNumberId}`)).json().sent as {
        body: { type?: string; text?: { body: string } };
      }[]
    )
      .filter((s) => s.body.type === "text")
      .map((s) => s.body.text!.body);

  async function chatOf(session: Caller) {
    return eventually(async () => (await conversationsOf(session))[0]);
  }

  const messagesIn = async (session: Caller, conversationId: string): Promise<MessageResponse[]> =>
    (await session.get(`/api/messages/${conversationId}`)).json().messages;

  it("answers an Arabic message outside business hours in Arabic, once in 12 hours, as the automatic reply", async () => {
    const { clientId, session, connection } = await connectedClient(app);
    const saved = await session.patch("/api/automation", {
      awayReplyEnabled: true,
      businessHours: closedAllWeek,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const phoneNumberId = connection.phoneNumberId!;
    await writesThroughMeta(phoneNumberId, "212612340001", "السلام عليكم، بغيت نعرف واش الوظيفة مازال متاحة");

    const chat = await chatOf(session);
    const reply = await eventually(async () =>
      (await messagesIn(session, chat.id)).find((m) => m.direction === "outbound" && m.wamid),
    );
    expect(reply).toMatchObject({
      automation: "away_reply",
      senderUserId: null,
      content: { type: "text", body: DEFAULT_AWAY_MESSAGES.ar },
    });
    expect(await textsSentTo(phoneNumberId)).toEqual([DEFAULT_AWAY_MESSAGES.ar]);

    // The candidate writes again: no second away reply within 12 hours.
    await writesThroughMeta(phoneNumberId, "212612340001", "واش كاين شي جواب؟");
    await eventually(
      async () => (await messagesIn(session, chat.id)).filter((m) => m.direction === "inbound").length === 2,
    );
    await jobsSettled(app.database, awayReplyJobRef.name, { clientId });
    expect((await messagesIn(session, chat.id)).filter((m) => m.automation === "away_reply")).toHaveLength(1);
  });

  it("says nothing within business hours", async () => {
    // This number has a two-step verification PIN: it is given with the signup.
    const { client, owner } = await buildClient(app);
    const session = await loginAs(app, owner);
    const { connection } = await connectNumber(app, session, "rabat", "246810");
    expect(connection.state).toBe("active");
    const clientId = client.id;
    await session.patch("/api/automation", { awayReplyEnabled: true, businessHours: openAllWeek });
    await writesThroughMeta(connection.phoneNumberId!, "212612340002", "Bonjour, je suis intéressé");
    const chat = await chatOf(session);
    await jobsSettled(app.database, awayReplyJobRef.name, { clientId });
    expect((await messagesIn(session, chat.id)).filter((m) => m.direction === "outbound")).toEqual([]);
  });

  it("never answers a candidate who opted out", async () => {
    const { clientId, session, connection } = await connectedClient(app, "atlas");
    await session.patch("/api/automation", { awayReplyEnabled: true, businessHours: closedAllWeek });
    await writesThroughMeta(connection.phoneNumberId!, "212612340003", "STOP");
    const chat = await chatOf(session);
    await eventually(async () => (await conversationsOf(session))[0]!.contact.optedOutAt !== null);
    await jobsSettled(app.database, awayReplyJobRef.name, { clientId });
    expect((await messagesIn(session, chat.id)).filter((m) => m.direction === "outbound")).toEqual([]);
  });
});
