import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  connectedClient,
  eventually,
  simulatorControl,
  startWorkerBeside,
} from "../../../../test/support/connected";
import type { Caller } from "../../../../test/support/factories";
import { messageOf } from "../../../../test/support/messages";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { jobsSettled } from "../../../../test/support/waiting";
import type { ConversationPage } from "../../../contracts/conversations";
import { startMediaServer } from "../../../simulator/testing/harness";
import type { BuiltApp } from "../../app";
import type { Config } from "../../platform/config";
import { sendMessageJobRef } from "./outbound/send-message.job-ref";

// Graph calls keep the default timeout: a shorter one is reached by accident on a loaded machine,
// where signup and sends then fail as if Meta were down. Only the outage test shortens it.
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);
/** Once a client's send jobs have all ended, nothing is left that could send (again). */
const sendsSettled = (clientId: string) => jobsSettled(app.database, sendMessageJobRef.name, { clientId });

interface Sent {
  phoneNumberId: string;
  body: {
    to?: string;
    type?: string;
    status?: string;
    template?: { name: string };
    text?: { body: string };
    biz_opaque_callback_data?: string;
  };
  responseStatus: number;
}
const sentTo = async (phoneNumberId: string): Promise<Sent[]> =>
  ((await control(`sent?phoneNumberId=${phoneNumberId}`)).json().sent as Sent[]).filter((s) => s.body.type);

const jobOpportunity = (name = "Youssef") => ({
  name: "job_opportunity",
  language: "fr",
  body: [{ text: name }, { text: "technicien de maintenance" }, { text: "Casablanca" }],
});

async function ready(on: TestApp = app) {
  const client = await connectedClient(on);
  await eventually(async () => (await client.session.get("/api/templates")).json().templates.length > 0);
  return client;
}

/** Queues job_opportunity to the candidate 06 12 34 56 78 on a number; returns the queued message. */
async function sendTemplate(session: Caller, connectionId: string) {
  return (
    await session.post("/api/messages/send", { connectionId, to: "0612345678", template: jobOpportunity() })
  ).json();
}

async function candidateWrites(phoneNumberId: string, from: string, body: string) {
  await control("inbound", {
    phoneNumberId,
    from,
    profileName: "Youssef El Amrani",
    type: "text",
    text: { body },
  });
}

describe("sending", () => {
  it("works end to end when the Meta app requires appsecret_proof, which every Graph call carries", async () => {
    await control("appsecret-proof", { required: true });
    const { session, connection } = await ready();
    const message = await sendTemplate(session, connection.id);
    await eventually(
      async () => (await messageOf(session, message.conversationId, message.id)).status === "read",
    );
    const refused = (await sentTo(connection.phoneNumberId!)).filter((s) => s.responseStatus !== 200);
    expect(refused).toEqual([]);
    // A call whose proof does not match its token gets Meta's error.
    const world = (await control("state")).json() as { tokens: { token: string; wabaIds: string[] }[] };
    const token = world.tokens.find((t) => t.wabaIds.includes(connection.wabaId!))!.token;
    const wrong = await app.inject({
      method: "GET",
      url: `/simulator/graph/v23.0/${connection.phoneNumberId}?appsecret_proof=${"0".repeat(64)}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(wrong.json().error).toMatchObject({
      message: "Invalid appsecret_proof provided in the API argument",
      code: 100,
    });
  });

  it("sends a template to a new candidate typed as a local number, once, and follows its ticks to read", async () => {
    const { clientId, session, connection } = await ready();
    const response = await session.request({
      method: "POST",
      url: "/api/messages/send",
      payload: {
        connectionId: connection.id,
        to: "06 12 34 56 78",
        contactName: "Youssef",
        template: jobOpportunity(),
      },
    });
    expect(response.statusCode, response.body).toBe(202);
    const queued = response.json();
    expect(queued.status).toBe("queued");
    expect(queued.content.rendered).toContain(
      "Bonjour Youssef, nous avons une opportunité de technicien de maintenance à Casablanca",
    );
    const read = await eventually(async () => {
      const m = await messageOf(session, queued.conversationId, queued.id);
      return m.status === "read" && m;
    });
    expect(read.wamid).toMatch(/^wamid\./);
    await sendsSettled(clientId);
    const sent = await sentTo(connection.phoneNumberId!);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({
      to: "+212612345678",
      type: "template",
      biz_opaque_callback_data: queued.id,
    });
  });

  it("refuses free text before the candidate has written, and explains", async () => {
    const { session, connection } = await ready();
    const response = await session.post("/api/messages/send", {
      connectionId: connection.id,
      to: "0612345679",
      text: "Bonjour",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "window_closed" });
    expect(response.json().error.message).toMatch(/first message must be a template/);
    expect(await sentTo(connection.phoneNumberId!)).toHaveLength(0);
  });

  it("refuses an invalid number and a template with the wrong values, naming the field, before Meta", async () => {
    const { session, connection } = await ready();
    const badNumber = await session.post("/api/messages/send", {
      connectionId: connection.id,
      to: "12345",
      template: jobOpportunity(),
    });
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().error.message).toMatch(/^body\.to: /);
    const badValues = await session.post("/api/messages/send", {
      connectionId: connection.id,
      to: "0612345678",
      template: { name: "job_opportunity", language: "fr", body: [{ text: "Youssef" }] },
    });
    expect(badValues.statusCode).toBe(400);
    expect(badValues.json().error.message).toMatch(/^body\.template\.body: this template needs 3 value/);
    const invitation = (jobTitle: string, timeKey: string) =>
      session.post("/api/messages/send", {
        connectionId: connection.id,
        to: "0612345678",
        template: {
          name: "interview_schedule",
          language: "fr",
          headerText: [{ name: "job_title", text: jobTitle }],
          body: [
            { name: "first_name", text: "Fatima" },
            { name: "date", text: "12 mars" },
            { name: timeKey, text: "10h" },
          ],
        },
      });
    const named = await invitation("Comptable", "when");
    expect(named.json().error.message).toMatch(/missing value for \{\{time\}\}/);
    // A blank named value used to go to Meta (only positional ones were checked), as the dashboard never let it.
    const blankNamed = await invitation(" ", "time");
    expect(blankNamed.statusCode).toBe(400);
    expect(blankNamed.json().error.message).toBe("body.template.headerText.0: must not be empty");
    expect(await sentTo(connection.phoneNumberId!)).toHaveLength(0);
  });

  it("receives the candidate's reply, then answers in the window with a quoted reply", async () => {
    const { session, connection } = await ready();
    await candidateWrites(connection.phoneNumberId!, "212612345678", "Bonjour, je suis intéressé");
    const conversation = await eventually(
      async () => (await session.get("/api/conversations")).json().conversations[0],
    );
    expect(conversation).toMatchObject({ unreadCount: 1, isWindowOpen: true, isAwaitingReply: true });
    // Found by the number as a recruiter types it locally.
    const found = (
      await session.get(`/api/conversations?q=${encodeURIComponent("06 12 34 56 78")}`)
    ).json<ConversationPage>().conversations;
    expect(found.map((c) => c.id)).toEqual([conversation.id]);
    const inbound = (await session.get(`/api/messages/${conversation.id}`)).json().messages[0];
    const reply = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      text: "Merci ! Quand êtes-vous disponible ?",
      replyToMessageId: inbound.id,
    });
    expect(reply.statusCode).toBe(202);
    await eventually(async () => (await messageOf(session, conversation.id, reply.json().id)).wamid);
    const [sent] = await sentTo(connection.phoneNumberId!);
    expect(sent!.body).toMatchObject({
      type: "text",
      text: { body: "Merci ! Quand êtes-vous disponible ?" },
    });
    expect((sent!.body as { context?: { message_id: string } }).context?.message_id).toBe(inbound.wamid);
    const after = (await session.get(`/api/conversations/${conversation.id}`)).json();
    expect(after.isAwaitingReply).toBe(false);
    // Opening the conversation marks it read, here and on WhatsApp.
    expect((await session.patch(`/api/conversations/${conversation.id}/read`, {})).json().unreadCount).toBe(
      0,
    );
    await eventually(
      async () =>
        (await sentTo(connection.phoneNumberId!)).length >= 0 &&
        ((await control(`sent?phoneNumberId=${connection.phoneNumberId}`)).json().sent as Sent[]).some(
          (s) => s.body.status === "read",
        ),
    );
  });

  it("returns the first message for a repeated Idempotency-Key and sends once", async () => {
    const { clientId, session, connection } = await ready();
    const call = () =>
      session.request({
        method: "POST",
        url: "/api/messages/send",
        headers: { "idempotency-key": "campaign-42-candidate-7" },
        payload: { connectionId: connection.id, to: "0612345678", template: jobOpportunity() },
      });
    const [first, second] = await Promise.all([call(), call()]);
    const third = await call();
    expect(first.json().id).toBe(second.json().id);
    expect(third.json().id).toBe(first.json().id);
    // The same key for another candidate is a caller's mistake: refused, never answered with the
    // first message (which would read as "sent" to the wrong person).
    const other = await session.request({
      method: "POST",
      url: "/api/messages/send",
      headers: { "idempotency-key": "campaign-42-candidate-7" },
      payload: { connectionId: connection.id, to: "0612345679", template: jobOpportunity() },
    });
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json().error.code).toBe("idempotency_key_reused");
    await eventually(
      async () => (await messageOf(session, first.json().conversationId, first.json().id)).wamid,
    );
    await sendsSettled(clientId);
    expect(await sentTo(connection.phoneNumberId!)).toHaveLength(1);
  });

  it("honours STOP: marketing templates are refused, utility ones still go", async () => {
    const { session, connection } = await ready();
    await candidateWrites(connection.phoneNumberId!, "212612345678", "STOP");
    const conversation = await eventually(
      async () => (await session.get("/api/conversations?filter=opted_out")).json().conversations[0],
    );
    expect(conversation.contact.isOptedOut).toBe(true);
    const marketing = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      template: jobOpportunity(),
    });
    expect(marketing.statusCode).toBe(409);
    expect(marketing.json().error.code).toBe("opted_out");
    const utility = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      template: {
        name: "application_received",
        language: "fr",
        body: [{ text: "Youssef" }, { text: "technicien" }],
        buttons: [{ index: 0, subType: "url", value: "42" }],
      },
    });
    expect(utility.statusCode, utility.body).toBe(202);
  });
});

describe("the outbound pipeline under Meta's errors", () => {
  it("backs off on 130429 and 131056 and sends exactly once", async () => {
    const { clientId, session, connection } = await ready();
    await control("fail-next", { code: 130429, count: 2 });
    const first = await sendTemplate(session, connection.id);
    await eventually(async () => (await messageOf(session, first.conversationId, first.id)).wamid);
    await control("fail-next", { code: 131056, count: 1 });
    const second = (
      await session.post("/api/messages/send", {
        conversationId: first.conversationId,
        template: jobOpportunity("Y."),
      })
    ).json();
    await eventually(async () => (await messageOf(session, first.conversationId, second.id)).wamid);
    await sendsSettled(clientId);
    const accepted = (await sentTo(connection.phoneNumberId!)).filter((s) => s.responseStatus === 200);
    expect(accepted).toHaveLength(2);
  });

  it("waits out Graph's app call-rate limit (error 4) and sends exactly once when it lifts", async () => {
    const { clientId, session, connection } = await ready();
    const refusedCalls = async () =>
      Number(
        /^graph_api_errors_total\{code="4"\} (\d+)/m.exec(
          (await app.inject({ method: "GET", url: "/metrics" })).body,
        )?.[1] ?? 0,
      );
    await control("call-limits", { appPerHour: 0 });
    const message = await sendTemplate(session, connection.id);
    await eventually(async () => (await refusedCalls()) > 0);
    expect((await messageOf(session, message.conversationId, message.id)).status).not.toBe("failed");
    await control("call-limits", { appPerHour: null });
    await eventually(async () => (await messageOf(session, message.conversationId, message.id)).wamid);
    await sendsSettled(clientId);
    expect((await sentTo(connection.phoneNumberId!)).filter((s) => s.responseStatus === 200)).toHaveLength(1);
  });

  it("fails at once, in words, on a permanent error such as 131047", async () => {
    const { session, connection } = await ready();
    await control("fail-next", { code: 131047, count: 1 });
    const message = await sendTemplate(session, connection.id);
    const failed = await eventually(async () => {
      const m = await messageOf(session, message.conversationId, message.id);
      return m.status === "failed" && m;
    });
    expect(failed.error).toMatchObject({ code: 131047 });
    expect(failed.error!.explanation).toMatch(/send a template/);
    const metrics = (await app.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toMatch(/graph_api_errors_total\{code="131047"\} [1-9]/);
    expect(metrics).toMatch(/job_queue_depth\{queue="messaging.send"\} \d+/);
    expect((await sentTo(connection.phoneNumberId!)).filter((s) => s.responseStatus === 200)).toHaveLength(0);
  });

  it("shows in the chat, with the reason, a template whose header link Meta could not fetch (131053)", async () => {
    const { session, connection } = await ready();
    const media = await startMediaServer({
      "/affiche.jpg": { type: "image/jpeg", body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]) },
      "/affiche.html": { type: "text/html", body: Buffer.from("<html>connexion requise</html>") },
    });
    try {
      const invite = async (link: string) =>
        (
          await session.post("/api/messages/send", {
            connectionId: connection.id,
            to: "0612345678",
            template: {
              name: "job_fair_invitation",
              language: "fr",
              headerMedia: { kind: "image", link },
              body: [{ text: "Tanger" }, { text: "15 avril" }],
            },
          })
        ).json();
      const good = await invite(media.url("/affiche.jpg"));
      const page = await invite(media.url("/affiche.html"));
      const unreachable = await invite("https://127.0.0.1:1/affiche.jpg");
      const final = (m: { id: string; conversationId: string }) =>
        eventually(async () => {
          const found = await messageOf(session, m.conversationId, m.id);
          return (found.status === "read" || found.status === "failed") && found;
        });
      expect((await final(good)).status).toBe("read");
      for (const sent of [page, unreachable]) {
        const failed = await final(sent);
        expect(failed.status).toBe("failed");
        expect(failed.error).toMatchObject({ code: 131053 });
        expect(failed.error!.explanation).toMatch(/could not fetch the file sent by link/);
      }
    } finally {
      await media.close();
    }
  });

  it("explains Meta's refusals for the recipient or the number: 131030 at once, 131049 and 131048 after acceptance", async () => {
    const { session, connection } = await ready();
    const phoneNumberId = connection.phoneNumberId!;
    const final = async (m: { id: string; conversationId: string }) =>
      eventually(async () => {
        const found = await messageOf(session, m.conversationId, m.id);
        return (found.status === "read" || found.status === "failed") && found;
      });
    const offer = async (to: string) =>
      (
        await session.post("/api/messages/send", {
          connectionId: connection.id,
          to,
          template: jobOpportunity(),
        })
      ).json();

    await control("allowed-recipients", { phoneNumberId, waIds: ["212611111111"] });
    const notAllowed = await final(await offer("0612345678"));
    expect(notAllowed.error).toMatchObject({ code: 131030 });
    expect(notAllowed.error!.explanation).toMatch(/test number/);
    await control("allowed-recipients", { phoneNumberId, waIds: null });

    await control("candidates", { waId: "212622222222", ecosystemLimited: true });
    const heldBack = await final(await offer("0622222222"));
    expect(heldBack.error).toMatchObject({ code: 131049 });
    expect(heldBack.error!.explanation).toMatch(/held back this marketing message/);

    await control("spam-rate-limit", { phoneNumberId, limited: true });
    const limited = await final(await offer("0633333333"));
    expect(limited.error).toMatchObject({ code: 131048 });
    expect(limited.error!.explanation).toMatch(/blocked or reported/);
  });

  it("stops sending at once when the token starts answering 190", async () => {
    const { session, connection } = await ready();
    const world = (await control("state")).json() as { tokens: { token: string; wabaIds: string[] }[] };
    for (const token of world.tokens.filter((t) => t.wabaIds.includes(connection.wabaId!))) {
      await control("tokens/invalidate", { token: token.token, reason: "expired" });
    }
    const message = await sendTemplate(session, connection.id);
    const failed = await eventually(async () => {
      const m = await messageOf(session, message.conversationId, message.id);
      return m.status === "failed" && m;
    });
    expect(failed.error!.code).toBe(190);
    expect((await session.get(`/api/connections/${connection.id}`)).json().state).toBe("needs_reconnect");
    const refused = await session.post("/api/messages/send", {
      conversationId: message.conversationId,
      template: jobOpportunity(),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("needs_reconnect");
  });

  it("asks to reconnect, losing nothing, once the connection's token is revoked at Meta (190/467)", async () => {
    const { session, connection } = await ready();
    const { appId, appSecret } = app.deps.config.meta;
    const world = (await control("state")).json() as { tokens: { token: string; wabaIds: string[] }[] };
    for (const { token } of world.tokens.filter((t) => t.wabaIds.includes(connection.wabaId!))) {
      const revoked = await app.inject({
        method: "GET",
        url: `/simulator/graph/v23.0/oauth/revoke?${new URLSearchParams({ client_id: appId, client_secret: appSecret, revoke_token: token })}`,
      });
      expect(revoked.json()).toEqual({ success: "true" });
    }
    const message = await sendTemplate(session, connection.id);
    const failed = await eventually(async () => {
      const m = await messageOf(session, message.conversationId, message.id);
      return m.status === "failed" && m;
    });
    expect(failed.error).toMatchObject({ code: 190 });
    expect(failed.error!.explanation).toMatch(/Reconnect WhatsApp/);
    const after = (await session.get(`/api/connections/${connection.id}`)).json();
    expect(after.state).toBe("needs_reconnect");
    // Nothing lost: the message stays in the chat (messageOf reads the chat), failed with its reason.
  });

  it("flips to needs_reconnect on the PARTNER_APP_UNINSTALLED webhook", async () => {
    const { session, connection } = await ready();
    await control("account-update", {
      wabaId: connection.wabaId,
      event: "PARTNER_APP_UNINSTALLED",
      invalidateTokens: true,
    });
    const after = await eventually(async () => {
      const c = (await session.get(`/api/connections/${connection.id}`)).json();
      return c.state === "needs_reconnect" && c;
    });
    expect(after.stateReason).toMatch(/withdrew LinkoJob's access/);
  });
});

describe("a Meta outage", () => {
  // An app of its own, running no worker: each phase of the outage runs a worker of its own. Only
  // the one for held calls gives up after a second; the others keep the default timeout, which a
  // loaded machine never reaches by accident (a call answered late would look like a timeout).
  let outageApp: TestApp;
  beforeAll(async () => {
    outageApp = await createTestApp({
      listen: true,
      worker: false,
      env: { SEND_UNCERTAIN_GRACE_SECONDS: "2" },
    });
  });
  afterAll(() => outageApp.close());

  /** Runs `work` beside a worker with these settings, stopped afterwards whatever happens. */
  async function withWorker<T>(config: Config, work: (worker: BuiltApp) => Promise<T>): Promise<T> {
    const worker = await startWorkerBeside(outageApp, config);
    try {
      return await work(worker);
    } finally {
      await worker.close();
    }
  }

  /** A worker's failed Graph calls with this code ("none": no answer in time). */
  async function failedCalls(worker: BuiltApp, code: string): Promise<number> {
    const metrics = (await worker.app.inject({ method: "GET", url: "/metrics" })).body;
    return Number(
      new RegExp(`^graph_api_errors_total\\{code="${code}"\\} (\\d+)`, "m").exec(metrics)?.[1] ?? 0,
    );
  }

  it("rides out a Meta outage (5xx, then timeouts) without losing or doubling the message", async () => {
    const control = simulatorControl(outageApp);
    const outage = (mode: "error" | "timeout" | "off") => control("outage", { mode, code: 2 });
    const config = outageApp.deps.config;

    // Meta answers 5xx: the send is tried, and neither sent nor given up.
    const { session, connection, message } = await withWorker(config, async (worker) => {
      const client = await ready(outageApp);
      await outage("error");
      const message = await sendTemplate(client.session, client.connection.id);
      await eventually(async () => (await failedCalls(worker, "2")) > 0);
      return { ...client, message };
    });
    const unsentButKept = async () => {
      const m = await messageOf(session, message.conversationId, message.id);
      expect(m.wamid).toBeNull();
      expect(m.status).not.toBe("failed");
    };
    await unsentButKept();

    // Meta holds the calls: one times out (for all the worker knows, Meta took it); still kept.
    await outage("timeout");
    const impatient = { ...config, meta: { ...config.meta, graphTimeoutMs: 1_000 } };
    await withWorker(impatient, (worker) => eventually(async () => (await failedCalls(worker, "none")) > 0));
    await unsentButKept();

    // Meta is back: the message goes, once.
    await outage("off");
    await withWorker(config, async () => {
      const sent = await eventually(async () => {
        const m = await messageOf(session, message.conversationId, message.id);
        return m.wamid ? m : undefined;
      });
      expect(["sent", "delivered", "read"]).toContain(sent.status);
      await jobsSettled(outageApp.database, sendMessageJobRef.name, { messageId: message.id });
    });
    const accepted = (
      (await control(`sent?phoneNumberId=${connection.phoneNumberId}`)).json().sent as Sent[]
    ).filter((s) => s.body.type && s.responseStatus === 200);
    expect(accepted).toHaveLength(1);
  });
});

describe("inbound media", () => {
  it("downloads a candidate's image at once, checks it, and serves it to the team", async () => {
    const { session, connection } = await ready();
    const bytes = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    await control("inbound", {
      phoneNumberId: connection.phoneNumberId,
      from: "212612345678",
      type: "image",
      image: { caption: "Mon CV en photo", mime_type: "image/png", data_base64: bytes.toString("base64") },
    });
    const conversation = await eventually(
      async () => (await session.get("/api/conversations")).json().conversations[0],
    );
    const stored = await eventually(async () => {
      const [message] = (await session.get(`/api/messages/${conversation.id}`)).json().messages;
      return message?.content.media.status === "stored" && message;
    });
    expect(stored.content.media).toMatchObject({
      mimeType: "image/png",
      caption: "Mon CV en photo",
      sizeBytes: bytes.length,
    });
    const file = await session.get(`/api/media/${stored.content.media.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers["content-security-policy"]).toContain("sandbox");
  });
});

describe("inbound media Meta cannot give", () => {
  const candidateSendsImage = (phoneNumberId: string | null) =>
    control("inbound", {
      phoneNumberId,
      from: "212612345678",
      type: "image",
      image: { mime_type: "image/png", data_base64: Buffer.from("png").toString("base64") },
    });
  const mediaOfFirstMessage = async (session: Caller, status: string) => {
    const conversation = await eventually(
      async () => (await session.get("/api/conversations")).json().conversations[0],
    );
    return eventually(async () => {
      const [message] = (await session.get(`/api/messages/${conversation.id}`)).json().messages;
      return message?.content.media.status === status && message.content.media;
    });
  };

  it("gives up at once when Meta no longer has the file (#100): asking again cannot change it", async () => {
    const { session, connection } = await ready();
    await control("media/fail-next", { code: 100, count: 3 });
    await candidateSendsImage(connection.phoneNumberId);
    expect(await mediaOfFirstMessage(session, "failed")).toMatchObject({ id: expect.any(String) });
    // Meta was asked once: the other failures queued are still waiting.
    expect((await control("state")).json().faults.failMedia).toHaveLength(2);
  });

  it("tries again when Meta's trouble is passing (#2), and stores the file", async () => {
    const { session, connection } = await ready();
    await control("media/fail-next", { code: 2 });
    await candidateSendsImage(connection.phoneNumberId);
    expect(await mediaOfFirstMessage(session, "stored")).toMatchObject({ sizeBytes: 3 });
  });
});

describe("sending files and typing", () => {
  it("uploads a CV, sends it by id in the window, and refuses a file WhatsApp would not take", async () => {
    const { session, connection } = await ready();
    await candidateWrites(
      connection.phoneNumberId!,
      "212612345678",
      "Pouvez-vous m'envoyer la fiche de poste ?",
    );
    const conversation = await eventually(
      async () => (await session.get("/api/conversations")).json().conversations[0],
    );
    const pdf = Buffer.from("%PDF-1.4\n% fiche de poste\n%%EOF\n");
    const upload = await session.request({
      method: "POST",
      url: "/api/media?filename=fiche-de-poste.pdf",
      headers: { "content-type": "application/pdf" },
      payload: pdf,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({
      kind: "document",
      sizeBytes: pdf.length,
      filename: "fiche-de-poste.pdf",
    });
    const refused = await session.request({
      method: "POST",
      url: "/api/media",
      headers: { "content-type": "application/x-msdownload" },
      payload: Buffer.from("MZ"),
    });
    expect(refused.statusCode).toBe(400);

    const send = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      media: { kind: "document", mediaId: upload.json().id, caption: "Voici la fiche" },
    });
    expect(send.statusCode, send.body).toBe(202);
    await eventually(async () => (await messageOf(session, conversation.id, send.json().id)).wamid);
    const [sent] = await sentTo(connection.phoneNumberId!);
    expect(sent!.body).toMatchObject({ type: "document" });
    const document = (sent!.body as { document?: { id: string; caption: string; filename: string } })
      .document!;
    expect(document).toMatchObject({ caption: "Voici la fiche", filename: "fiche-de-poste.pdf" });
    // The file reached Meta: its id answers with the same bytes' hash.
    const media = await app.deps.graph.getMedia(
      document.id,
      (await control("state"))
        .json()
        .tokens.find((t: { wabaIds: string[] }) => t.wabaIds.includes(connection.wabaId!)).token,
    );
    expect(Number(media.file_size)).toBe(pdf.length);
    // The same upload cannot be sent twice as a new message.
    const again = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      media: { kind: "document", mediaId: upload.json().id },
    });
    expect(again.statusCode).toBe(404);
  });

  it("shows the typing indicator with a read receipt of the candidate's last message", async () => {
    const { session, connection } = await ready();
    await candidateWrites(connection.phoneNumberId!, "212612345678", "Allô ?");
    const conversation = await eventually(
      async () => (await session.get("/api/conversations")).json().conversations[0],
    );
    expect((await session.post(`/api/conversations/${conversation.id}/typing`)).statusCode).toBe(204);
    const calls = (await control(`sent?phoneNumberId=${connection.phoneNumberId}`)).json().sent as {
      body: { status?: string; typing_indicator?: unknown };
    }[];
    expect(calls.some((c) => c.body.status === "read" && c.body.typing_indicator)).toBe(true);
  });
});
