import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectNumber, eventually, simulatorControl } from "../../../../../test/support/connected";
import { buildClient, type Caller, loginAs } from "../../../../../test/support/factories";
import { simulatorWorld } from "../../../../../test/support/simulated-signup";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import { jobsSettled } from "../../../../../test/support/waiting";
import { queryRows } from "../../../../../test/support/webhooks";
import type { ConnectionResponse } from "../../../../contracts/connections";
import type { ConversationResponse } from "../../../../contracts/conversations";
import type { MessagePage } from "../../../../contracts/messages";
import { requestAppDataJobRef } from "../../connections/jobs/request-app-data.job-ref";

// A recruiter keeps the WhatsApp Business app on the company number: onboarded without a
// registration call, the phone's messages (echoes), the app's history and contacts come in, and
// none of them does what a candidate's message does (window, unread, notification, cost).
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);
const CANDIDATE = "212612345678";

async function businessAppClient(options: { businessApp?: boolean } = { businessApp: true }) {
  const { client, owner } = await buildClient(app);
  const session = await loginAs(app, owner);
  const { connection, phoneNumberId } = await connectNumber(app, session, "casablanca", undefined, options);
  expect(connection.state).toBe("active");
  return { clientId: client.id, session, connection, phoneNumberId };
}

const conversations = async (session: Caller) =>
  (await session.get("/api/conversations")).json().conversations as ConversationResponse[];
const messagesOf = async (session: Caller, conversationId: string) =>
  (await session.get(`/api/messages/${conversationId}`)).json<MessagePage>().messages;

/** Cost rows of the client: the ledger's charges and the rollups' counts, folded or not (inbound included). */
async function costRows(clientId: string) {
  const [row] = await queryRows<{ ledger: number; rollups: number }>(
    app,
    `SELECT (SELECT count(*)::int FROM cost_ledger WHERE client_id = $1) AS ledger,
            (SELECT count(*)::int FROM cost_rollups_live WHERE client_id = $1) AS rollups`,
    [clientId],
  );
  return row!;
}

describe("onboarding a WhatsApp Business app number", () => {
  it("connects it without a registration call, at Meta's fixed 20 messages per second", async () => {
    const { connection, phoneNumberId } = await businessAppClient();
    expect(connection.businessApp).toBe(true);
    expect(connection.throughputPerSecond).toBe(20);
    expect(connection.steps.find((s) => s.name === "register")?.status).toBe("skipped");
    const world = await simulatorWorld(app);
    const number = world.wabas.flatMap((w) => w.phoneNumbers).find((p) => p.id === phoneNumberId)!;
    expect(number.registrationCalls).toBe(0);
  });
});

describe("asking Meta for the app's contacts and history", () => {
  const syncsOf = async (phoneNumberId: string) => {
    const world = await simulatorWorld(app);
    const number = world.wabas.flatMap((w) => w.phoneNumbers).find((p) => p.id === phoneNumberId)!;
    return (number.appDataSyncs ?? []).map((s) => s.syncType).sort();
  };

  it("asks once for each after a business app number's onboarding", async () => {
    const { clientId, phoneNumberId } = await businessAppClient();
    // The requests are queued as the onboarding ends: wait for both to reach Meta, then for every
    // such job to end, so that a request made twice would show.
    await eventually(async () => (await syncsOf(phoneNumberId)).length >= 2);
    await jobsSettled(app.database, requestAppDataJobRef.name, { clientId });
    expect(await syncsOf(phoneNumberId)).toEqual(["history", "smb_app_state_sync"]);
  });

  it("asks nothing for a number onboarded without the app", async () => {
    const plain = await businessAppClient({ businessApp: false });
    await jobsSettled(app.database, requestAppDataJobRef.name, { clientId: plain.clientId });
    expect(await syncsOf(plain.phoneNumberId)).toEqual([]);
  });

  it("records Meta's refusal of a second request instead of retrying it, and never acts on another client's number", async () => {
    const { clientId, connection, phoneNumberId } = await businessAppClient();
    await jobsSettled(app.database, requestAppDataJobRef.name, { clientId });
    await app.deps.queue.enqueue(requestAppDataJobRef, {
      clientId,
      connectionId: connection.id,
      syncType: "history",
    });
    await jobsSettled(app.database, requestAppDataJobRef.name, { clientId });
    const refused = await queryRows<{ metadata: { syncType: string; errorCode: number } }>(
      app,
      "SELECT metadata FROM audit_log WHERE client_id = $1 AND action = 'connection.app_data_refused'",
      [clientId],
    );
    expect(refused.map((r) => [r.metadata.syncType, r.metadata.errorCode])).toEqual([["history", 100]]);

    // Another client's job naming this connection finds nothing: no call reaches Meta.
    const other = await buildClient(app);
    await app.deps.queue.enqueue(requestAppDataJobRef, {
      clientId: other.client.id,
      connectionId: connection.id,
      syncType: "smb_app_state_sync",
    });
    await jobsSettled(app.database, requestAppDataJobRef.name, { clientId: other.client.id });
    expect(await syncsOf(phoneNumberId)).toEqual(["history", "smb_app_state_sync"]);
  });
});

describe("echoes of the phone", () => {
  it("show as the team's message sent from the phone, open no window, count nothing and apply later statuses", async () => {
    const { clientId, session, phoneNumberId } = await businessAppClient();
    const echo = (
      await control("business-app/echo", {
        phoneNumberId,
        to: CANDIDATE,
        text: "Bonjour, votre entretien est demain à 10h.",
        statuses: ["delivered"],
      })
    ).json<{ id: string }>();

    const [chat] = await eventually(async () => {
      const list = await conversations(session);
      return list.length > 0 && list;
    });
    const message = await eventually(async () => {
      const [m] = await messagesOf(session, chat!.id);
      return m?.status === "delivered" && m;
    });
    expect(message).toMatchObject({
      wamid: echo.id,
      direction: "outbound",
      origin: "business_app",
      content: { type: "text", body: "Bonjour, votre entretien est demain à 10h." },
    });
    expect(chat).toMatchObject({ unreadCount: 0, windowExpiresAt: null, isAwaitingReply: false });
    // No window: free text is refused, as for a candidate who never wrote.
    const reply = await session.post("/api/messages/send", { conversationId: chat!.id, text: "Et aussi…" });
    expect(reply.statusCode, reply.body).toBe(400);
    expect(reply.json().error.code).toBe("window_closed");
    expect(await costRows(clientId)).toEqual({ ledger: 0, rollups: 0 });
  });

  it("are kept for a number the app was not said to keep (the echo decides, not the onboarding)", async () => {
    const { session, phoneNumberId, connection } = await businessAppClient({});
    expect(connection.businessApp).toBe(false);
    await control("business-app/echo", { phoneNumberId, to: CANDIDATE, text: "Envoyé du téléphone" });
    const [chat] = await eventually(async () => {
      const list = await conversations(session);
      return list.length > 0 && list;
    });
    const [message] = await messagesOf(session, chat!.id);
    expect(message).toMatchObject({ direction: "outbound", origin: "business_app", status: "sent" });
  });
});

describe("the app's history", () => {
  it("is imported once from chunks sent out of order and twice, with its times, and nothing else moves", async () => {
    const { clientId, session, phoneNumberId, connection } = await businessAppClient();
    const sync = (
      await control("business-app/history", { phoneNumberId, order: "reversed", repeat: 2 })
    ).json<{
      chunks: number;
      messages: number;
      deliveries: number;
    }>();
    expect(sync.deliveries).toBe(sync.chunks + 2);

    // Every delivery processed, then the counts: a repeated chunk stored nothing twice.
    await eventually(async () => {
      const deliveries = (await control("webhooks")).json().deliveries as {
        state: string;
        payload: unknown;
      }[];
      const history = deliveries.filter((d) => JSON.stringify(d.payload).includes('"field":"history"'));
      return history.length === sync.deliveries && history.every((d) => d.state === "delivered");
    });
    await eventually(async () => {
      const [pending] = await queryRows<{ n: number }>(
        app,
        "SELECT count(*)::int AS n FROM webhook_events WHERE processed_at IS NULL AND dead_at IS NULL",
      );
      return pending!.n === 0;
    });
    const stored = await queryRows<{ direction: string; origin: string; occurred_at: Date; status: string }>(
      app,
      "SELECT direction, origin, occurred_at, status FROM messages WHERE client_id = $1 ORDER BY occurred_at",
      [clientId],
    );
    expect(stored).toHaveLength(sync.messages);
    expect(stored.every((m) => m.origin === "history")).toBe(true);
    // The oldest message keeps its time, four months back, not the time of import.
    expect(Date.now() - new Date(stored[0]!.occurred_at).getTime()).toBeGreaterThan(100 * 86_400_000);
    expect(stored.filter((m) => m.direction === "outbound").map((m) => m.status)).toEqual([
      "delivered",
      "read",
    ]);

    const chats = await conversations(session);
    expect(chats).toHaveLength(3);
    for (const chat of chats)
      expect(chat).toMatchObject({ unreadCount: 0, windowExpiresAt: null, isMarkedUnread: false });
    expect(await costRows(clientId)).toEqual({ ledger: 0, rollups: 0 });

    const after = (await session.get(`/api/connections/${connection.id}`)).json<ConnectionResponse>();
    expect(after.historySync).toMatchObject({ status: "shared", phase: 2, progress: 100, messages: 5 });
  });

  it("says so on the connection when the business declined to share it", async () => {
    const { session, phoneNumberId, connection } = await businessAppClient();
    await control("business-app/history", { phoneNumberId, declined: true });
    const after = await eventually(async () => {
      const c = (await session.get(`/api/connections/${connection.id}`)).json<ConnectionResponse>();
      return c.historySync && c;
    });
    expect(after.historySync).toMatchObject({ status: "declined", messages: 0 });
  });
});

describe("the app's contacts", () => {
  it("become candidates with the name the recruiter gave them; a rename follows, a removal keeps them", async () => {
    const { clientId, phoneNumberId } = await businessAppClient();
    const contactsNamed = async () =>
      queryRows<{ wa_id: string; name: string | null }>(
        app,
        "SELECT wa_id, name FROM contacts WHERE client_id = $1 ORDER BY wa_id",
        [clientId],
      );
    await control("business-app/contacts", {
      phoneNumberId,
      contacts: [
        { waId: "212600000001", fullName: "Salma Bennani" },
        { waId: "212600000002", fullName: "Omar Tazi" },
      ],
    });
    await eventually(async () => (await contactsNamed()).length === 2);
    await control("business-app/contacts", {
      phoneNumberId,
      contacts: [
        { waId: "212600000001", fullName: "Salma Bennani (caissière)" },
        { waId: "212600000002", action: "remove" },
      ],
    });
    await eventually(async () => (await contactsNamed())[0]?.name === "Salma Bennani (caissière)");
    expect(await contactsNamed()).toEqual([
      { wa_id: "212600000001", name: "Salma Bennani (caissière)" },
      { wa_id: "212600000002", name: "Omar Tazi" },
    ]);
  });
});
