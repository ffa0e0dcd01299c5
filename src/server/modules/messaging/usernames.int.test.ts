import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JOB_OPPORTUNITY } from "../../../../test/support/api-sender";
import { connectedClient, eventually, simulatorControl } from "../../../../test/support/connected";
import type { Caller } from "../../../../test/support/factories";
import { messageOf } from "../../../../test/support/messages";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { deliveryState, postWebhook } from "../../../../test/support/webhooks";
import type { ConversationPage, ConversationResponse } from "../../../contracts/conversations";
import type { MessagePage } from "../../../contracts/messages";
import { serializeAsMeta } from "../../../simulator/index";

/**
 * WhatsApp usernames and business-scoped user ids (BSUIDs), played by the simulator: a candidate
 * who withholds their number writes with a BSUID and a username only, is answered through Meta's
 * `recipient`, joins their number's chat when Meta shows both, keeps one chat across a number or
 * BSUID change; authentication templates need a number.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);

interface Sent {
  body: { to?: string; recipient?: string; type?: string; template?: { name: string } };
  responseStatus: number;
  response: { contacts?: { input: string; user_id?: string; wa_id?: string }[]; error?: { code: number } };
}
const sentTo = async (phoneNumberId: string): Promise<Sent[]> =>
  ((await control(`sent?phoneNumberId=${phoneNumberId}`)).json().sent as Sent[]).filter((s) => s.body.type);

async function ready(number: "casablanca" | "atlas" = "casablanca") {
  const client = await connectedClient(app, number);
  await eventually(async () => (await client.session.get("/api/templates")).json().templates.length > 0);
  return client;
}

/** The candidate writes; `identity` says what WhatsApp shows of them (username, number withheld). */
async function candidateWrites(
  phoneNumberId: string,
  from: string,
  body: string,
  identity: { userId?: string; username?: string; withoutPhone?: boolean } = {},
) {
  const response = await control("inbound", {
    phoneNumberId,
    from,
    profileName: "Salma Idrissi",
    type: "text",
    text: { body },
    ...identity,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ id: string }>().id;
}

const conversationsOf = async (session: Caller) =>
  (await session.get("/api/conversations")).json<ConversationPage>().conversations;

/** The client's chat holding the message with this wamid, once the webhook is processed. */
async function chatOf(session: Caller, wamid: string): Promise<ConversationResponse> {
  return eventually(async () => {
    for (const chat of await conversationsOf(session)) {
      // A chat listed may be gone a moment later, folded into another one.
      const page = (await session.get(`/api/messages/${chat.id}`)).json<Partial<MessagePage>>();
      if (page.messages?.some((m) => m.wamid === wamid)) return chat;
    }
    return false;
  });
}

const wamidsIn = async (session: Caller, conversationId: string) =>
  (await session.get(`/api/messages/${conversationId}`))
    .json<MessagePage>()
    .messages.map((m) => m.wamid)
    .sort();

const bsuidOf = async (waId: string) =>
  ((await control("state")).json().candidates as { waId: string; userId?: string }[]).find(
    (c) => c.waId === waId,
  )?.userId;

describe("usernames and business-scoped user ids", () => {
  it("keeps a username-only candidate by BSUID, shows the username, and answers through `recipient`", async () => {
    const { session, connection } = await ready();
    const pn = connection.phoneNumberId!;
    const wamid = await candidateWrites(pn, "212611220001", "Bonjour, je cherche un poste", {
      username: "salma.dev",
      withoutPhone: true,
    });
    const bsuid = await bsuidOf("212611220001");
    expect(bsuid).toMatch(/^MA\.\d{20}$/);

    const chat = await chatOf(session, wamid);
    expect(chat.contact).toMatchObject({
      bsuid,
      username: "salma.dev",
      phone: null,
      waId: null,
      displayName: "Salma Idrissi",
    });

    const reply = await session.post("/api/messages/send", {
      conversationId: chat.id,
      text: "Bonjour Salma !",
    });
    expect(reply.statusCode, reply.body).toBe(202);
    const read = await eventually(async () => {
      const m = await messageOf(session, chat.id, reply.json().id);
      return m.status === "read" && m;
    });
    expect(read.wamid).toMatch(/^wamid\./);
    const [sent] = await sentTo(pn);
    expect(sent!.body.to).toBeUndefined();
    expect(sent!.body.recipient).toBe(bsuid);
    expect(sent!.response.contacts).toEqual([{ input: bsuid, user_id: bsuid }]);

    // Found by the username, as the dashboard shows it ("@salma.dev") or without its "@", in the
    // inbox and in the candidates' list.
    for (const q of ["@salma.dev", "salma.dev", "SALMA.D"]) {
      const found = (await session.get(`/api/conversations?q=${encodeURIComponent(q)}`)).json();
      expect(
        found.conversations.map((c: { id: string }) => c.id),
        q,
      ).toEqual([chat.id]);
    }
    const contacts = (await session.get(`/api/contacts?q=${encodeURIComponent("@salma.dev")}`)).json();
    expect(contacts.contacts.map((c: { bsuid: string }) => c.bsuid)).toEqual([bsuid]);
  });

  it("sends from the API by BSUID (`recipient`, or a BSUID in `to`) and by contact id, into the same chat", async () => {
    const { session, connection } = await ready();
    const pn = connection.phoneNumberId!;
    const wamid = await candidateWrites(pn, "212611220002", "Salut", {
      username: "karim_b",
      withoutPhone: true,
    });
    const bsuid = (await bsuidOf("212611220002"))!;
    const chat = await chatOf(session, wamid);

    const byRecipient = await session.post("/api/messages/send", {
      connectionId: connection.id,
      recipient: bsuid,
      text: "Par BSUID",
    });
    expect(byRecipient.statusCode, byRecipient.body).toBe(202);
    const byTo = await session.post("/api/messages/send", {
      connectionId: connection.id,
      to: bsuid,
      text: "Par to",
    });
    expect(byTo.statusCode, byTo.body).toBe(202);
    const byContact = await session.post("/api/messages/send", {
      contactId: chat.contact.id,
      text: "Par contact",
    });
    expect(byContact.statusCode, byContact.body).toBe(202);
    const template = await session.post("/api/messages/send", {
      connectionId: connection.id,
      recipient: bsuid,
      template: {
        name: "job_opportunity",
        language: "fr",
        body: [{ text: "Karim" }, { text: "cariste" }, { text: "Tanger" }],
      },
    });
    expect(template.statusCode, template.body).toBe(202);
    for (const sent of [byRecipient, byTo, byContact, template])
      expect(sent.json().conversationId).toBe(chat.id);

    await eventually(async () => (await sentTo(pn)).filter((s) => s.responseStatus === 200).length === 4);
    for (const sent of await sentTo(pn)) expect(sent.body).toMatchObject({ recipient: bsuid });

    const malformed = await session.post("/api/messages/send", {
      connectionId: connection.id,
      recipient: "not a bsuid",
      text: "x",
    });
    expect(malformed.statusCode).toBe(400);
  });

  it("refuses an authentication template to a candidate without a number, with its own error code", async () => {
    const { session, connection } = await ready();
    const seeded = await control("templates", {
      wabaId: connection.wabaId,
      name: "code_verification",
      language: "fr",
      category: "AUTHENTICATION",
      components: [{ type: "BODY", text: "{{1}} est votre code de vérification." }],
    });
    expect(seeded.statusCode, seeded.body).toBeLessThan(300);
    await session.post("/api/templates/sync", { connectionId: connection.id });
    const wamid = await candidateWrites(connection.phoneNumberId!, "212611220003", "Bonjour", {
      username: "nadia",
      withoutPhone: true,
    });
    const chat = await chatOf(session, wamid);

    const refused = await session.post("/api/messages/send", {
      conversationId: chat.id,
      template: { name: "code_verification", language: "fr", body: [{ text: "123456" }] },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("phone_number_required");
    expect(await sentTo(connection.phoneNumberId!)).toHaveLength(0);
  });

  it("joins the number's chat and the username's chat when Meta shows both: one contact, one history", async () => {
    const { session, connection, clientId } = await ready();
    const pn = connection.phoneNumberId!;
    // The recruiter first wrote to the number; the candidate then answered under a username only.
    const template = await session.post("/api/messages/send", {
      connectionId: connection.id,
      to: "0611220004",
      template: JOB_OPPORTUNITY,
    });
    expect(template.statusCode, template.body).toBe(202);
    const numberChat = template.json().conversationId as string;
    await eventually(async () => (await messageOf(session, numberChat, template.json().id)).wamid !== null);
    const hidden = await candidateWrites(pn, "212611220004", "C'est moi, sous mon pseudo", {
      username: "salma.i",
      withoutPhone: true,
    });
    const usernameChat = await chatOf(session, hidden);
    expect(usernameChat.id).not.toBe(numberChat);

    // Meta now shows the number and the BSUID together.
    const shown = await candidateWrites(pn, "212611220004", "Voici mon numéro", { withoutPhone: false });
    const merged = await chatOf(session, shown);
    expect(merged.id).toBe(numberChat);
    expect(merged.contact).toMatchObject({
      phone: "+212611220004",
      waId: "212611220004",
      bsuid: await bsuidOf("212611220004"),
      username: "salma.i",
    });
    const chats = await conversationsOf(session);
    expect(chats.map((c) => c.id)).toEqual([numberChat]);
    // The dashboards are told: the username's chat is gone, its history in the number's chat.
    const removed = await app.database.query(
      "SELECT client_id, payload FROM domain_events WHERE type = 'conversation:removed' AND payload->>'conversationId' = $1",
      [usernameChat.id],
    );
    expect(removed.rows).toEqual([
      { client_id: clientId, payload: { conversationId: usernameChat.id, keptConversationId: numberChat } },
    ]);
    expect(await wamidsIn(session, numberChat)).toEqual(
      [hidden, shown, (await messageOf(session, numberChat, template.json().id)).wamid].sort(),
    );
    expect(merged.unreadCount).toBe(2);
  });

  it("keeps one chat when the candidate changes number (new BSUID) or only their BSUID changes", async () => {
    const { session, connection } = await ready();
    const pn = connection.phoneNumberId!;
    const first = await candidateWrites(pn, "212611220005", "Bonjour", { username: "omar" });
    const chat = await chatOf(session, first);
    const before = (await bsuidOf("212611220005"))!;

    const changed = await control("inbound", {
      phoneNumberId: pn,
      from: "212611220005",
      type: "system",
      system: { type: "user_changed_number", new_wa_id: "212611220006" },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await bsuidOf("212611220006"))!;
    expect(after).not.toBe(before);
    const fromNewNumber = await candidateWrites(pn, "212611220006", "Mon nouveau numéro");
    expect((await chatOf(session, fromNewNumber)).id).toBe(chat.id);
    const moved = (await chatOf(session, fromNewNumber)).contact;
    expect(moved).toMatchObject({
      waId: "212611220006",
      phone: "+212611220006",
      bsuid: after,
      username: "omar",
    });

    // A username-only candidate: only the BSUID changes.
    const hidden = await candidateWrites(pn, "212611220007", "Bonjour", {
      username: "lina",
      withoutPhone: true,
    });
    const hiddenChat = await chatOf(session, hidden);
    await control("inbound", {
      phoneNumberId: pn,
      from: "212611220007",
      type: "system",
      system: { type: "user_changed_user_id" },
    });
    const renewed = (await bsuidOf("212611220007"))!;
    const again = await candidateWrites(pn, "212611220007", "Toujours moi");
    const sameChat = await chatOf(session, again);
    expect(sameChat.id).toBe(hiddenChat.id);
    expect(sameChat.contact).toMatchObject({ bsuid: renewed, phone: null, username: "lina" });
    expect((await conversationsOf(session)).map((c) => c.id).sort()).toEqual([chat.id, hiddenChat.id].sort());
  });

  it("never joins or shows another client's candidate of the same BSUID", async () => {
    const a = await ready("casablanca");
    const b = await ready("atlas");
    const bsuid = "MA.77777777777777777777";
    const toA = await candidateWrites(a.connection.phoneNumberId!, "212611220008", "Bonjour A", {
      userId: bsuid,
      username: "sami",
      withoutPhone: true,
    });
    const toB = await candidateWrites(b.connection.phoneNumberId!, "212611220008", "Bonjour B", {
      withoutPhone: false,
    });
    const chatA = await chatOf(a.session, toA);
    const chatB = await chatOf(b.session, toB);
    expect(chatA.contact.id).not.toBe(chatB.contact.id);
    expect(chatB.contact).toMatchObject({ bsuid, waId: "212611220008" });
    expect(chatA.contact).toMatchObject({ bsuid, waId: null });
    expect((await conversationsOf(a.session)).map((c) => c.id)).toEqual([chatA.id]);

    // A's send by that BSUID stays in A's chat; B's contact id is unknown to A.
    const byA = await a.session.post("/api/messages/send", {
      connectionId: a.connection.id,
      recipient: bsuid,
      text: "Pour A",
    });
    expect(byA.json().conversationId).toBe(chatA.id);
    const foreign = await a.session.post("/api/messages/send", { contactId: chatB.contact.id, text: "x" });
    expect(foreign.statusCode).toBe(404);
    const foreignChat = await a.session.post("/api/messages/send", {
      connectionId: b.connection.id,
      recipient: bsuid,
      text: "x",
    });
    expect(foreignChat.statusCode).toBe(404);
  });

  it("stores a delivery with BSUID fields it does not know or cannot read, raw, without failing it", async () => {
    const { session, connection } = await ready();
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: connection.wabaId,
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "212661234567", phone_number_id: connection.phoneNumberId },
                contacts: [
                  {
                    profile: { name: "Hamza", username: { handle: "not a string" }, future_field: 1 },
                    user_id: "MA.12345678901234567890",
                    parent_user_id: 42,
                    identity_key_hash: "abc",
                    some_new_thing: { nested: true },
                  },
                ],
                messages: [
                  {
                    from_user_id: "MA.12345678901234567890",
                    id: "wamid.bsuid-bad-input-1",
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: "text",
                    text: { body: "Bonjour" },
                    username_hint: "?",
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const raw = serializeAsMeta(payload);
    const response = await postWebhook(app, payload, { raw });
    expect(response.statusCode).toBe(200);
    const chat = await chatOf(session, "wamid.bsuid-bad-input-1");
    expect(chat.contact).toMatchObject({
      bsuid: "MA.12345678901234567890",
      username: null,
      parentBsuid: null,
    });
    const state = await eventually(async () => {
      const s = await deliveryState(app, raw);
      return s?.processed && s;
    });
    expect(state).toMatchObject({ processed: true, error: null });
  });
});
