import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCaller, buildUser, type Caller, loginAs } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { eventually } from "../../../../test/support/waiting";
import {
  clientWithActiveNumber,
  inboundText,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../../../test/support/webhooks";
import {
  type CreatedWebhookEndpointResponse,
  type RotatedWebhookSecretResponse,
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryDetailResponse,
  type WebhookDeliveryPage,
  type WebhookEndpointResponse,
} from "../../../contracts/outbound-webhooks";

/** A real HTTP receiver on loopback: records every request, answers as each path is told to. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}
type Behaviour = "ok" | "fail" | "hang" | "fail-first" | "slow";
/** How long the "slow" receiver takes to answer. */
const SLOW_MS = 300;
class Receiver {
  readonly received: Received[] = [];
  readonly behaviour = new Map<string, Behaviour>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly failedOnce = new Set<string>();
  private server!: Server;
  url = "";

  async start() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const path = request.url ?? "/";
        this.received.push({ path, headers: request.headers, body, at: Date.now() });
        const behaviour = this.behaviour.get(path) ?? "ok";
        const eventId = String(request.headers["webhook-id"]);
        if (behaviour === "hang") {
          this.hanging.add(response);
          return;
        }
        if (behaviour === "slow") {
          setTimeout(() => response.writeHead(200, { "content-type": "text/plain" }).end("slow ok"), SLOW_MS);
          return;
        }
        if (behaviour === "fail" || (behaviour === "fail-first" && !this.failedOnce.has(eventId))) {
          this.failedOnce.add(eventId);
          response
            .writeHead(503, { "content-type": "text/plain" })
            .end(`down for maintenance ${"x".repeat(5000)}`);
          return;
        }
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string) {
    return this.received.filter((r) => r.path === path);
  }

  async stop() {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const receiver = new Receiver();
let app: TestApp;

// Fast back-off and a short retry period, so retries and giving up happen within a test.
const BASE_MS = 300;
beforeAll(async () => {
  await receiver.start();
  app = await createTestApp({
    worker: true,
    env: {
      OUTBOUND_WEBHOOK_RETRY_BASE_SECONDS: String(BASE_MS / 1000),
      // Well above what a loaded machine adds to a local receiver's answer: only the receiver that
      // never answers reaches it.
      OUTBOUND_WEBHOOK_TIMEOUT_SECONDS: "5",
      // Long enough for three attempts (0, 0.3 and 0.9 s) even when a loaded machine delays each by
      // seconds: the test counts attempts, not time.
      OUTBOUND_WEBHOOK_RETRY_FOR_HOURS: String(8 / 3600),
    },
  });
});
afterAll(async () => {
  await app.close();
  await receiver.stop();
});

async function register(session: Caller, path: string, eventTypes = ["message.received"]) {
  const response = await session.post("/api/webhook-endpoints", {
    url: `${receiver.url}${path}`,
    eventTypes,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CreatedWebhookEndpointResponse>();
}

/** A candidate writes to the client's number, through Meta's webhook as in production. */
async function candidateWrites(target: App, from: string, text: string) {
  const inbound = inboundText(from, text);
  const response = await postWebhook(
    app,
    messagesEnvelope(
      target.phoneNumberId,
      { contacts: inbound.contacts, messages: [inbound.message] },
      target.wabaId,
    ),
  );
  expect(response.statusCode).toBe(200);
  return inbound;
}
type App = Awaited<ReturnType<typeof clientWithActiveNumber>>;

const deliveriesOf = async (session: Caller, endpointId: string, state = "") =>
  (
    await session.get(`/api/webhook-endpoints/${endpointId}/deliveries${state ? `?state=${state}` : ""}`)
  ).json<WebhookDeliveryPage>().deliveries;

describe("outbound webhooks", () => {
  it("brings a candidate's reply to a registered endpoint, signed so the receiver verifies it", async () => {
    const client = await clientWithActiveNumber(app);
    const { endpoint, secret } = await register(client.session, "/signed");
    expect(secret).toMatch(/^whsec_/);

    const inbound = await candidateWrites(client, "212612340001", "Bonjour, je suis intéressé");
    const [request] = await eventually(
      async () => receiver.at("/signed").length > 0 && receiver.at("/signed"),
    );
    const verified = new Webhook(secret).verify(
      request!.body,
      request!.headers as Record<string, string>,
    ) as {
      id: string;
      type: string;
      clientId: string;
      data: { message: { wamid: string; content: { body: string } }; conversation: { id: string } };
    };
    expect(verified.type).toBe("message.received");
    expect(verified.clientId).toBe(client.clientId);
    expect(verified.id).toBe(request!.headers["webhook-id"]);
    expect(verified.data.message.wamid).toBe(inbound.wamid);
    expect(verified.data.message.content.body).toBe("Bonjour, je suis intéressé");
    // A wrong secret does not verify.
    expect(() =>
      new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verify(
        request!.body,
        request!.headers as Record<string, string>,
      ),
    ).toThrow();

    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(client.session, endpoint.id);
      return list[0]?.state === "delivered" && list;
    });
    expect(delivery!.eventId).toBe(verified.id);
    const detail = (
      await client.session.get(`/api/webhook-endpoints/${endpoint.id}/deliveries/${delivery!.id}`)
    ).json<WebhookDeliveryDetailResponse>();
    expect(detail.requestBody).toBe(request!.body);
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]).toMatchObject({ attempt: 1, responseStatus: 204, error: null });
    expect(detail.attempts[0]!.requestHeaders["webhook-signature"]).toBe(
      request!.headers["webhook-signature"],
    );
  });

  it("logs each attempt's latency, measured around the HTTP call, with its request and answer", async () => {
    const client = await clientWithActiveNumber(app);
    receiver.behaviour.set("/slow", "slow");
    const { endpoint } = await register(client.session, "/slow");
    await candidateWrites(client, "212612340011", "Un récepteur lent");
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(client.session, endpoint.id);
      return list[0]?.state === "delivered" && list;
    });
    expect(delivery!.lastStatus).toBe(200);
    expect(delivery!.lastLatencyMs).toBeGreaterThanOrEqual(SLOW_MS);
    const detail = (
      await client.session.get(`/api/webhook-endpoints/${endpoint.id}/deliveries/${delivery!.id}`)
    ).json<WebhookDeliveryDetailResponse>();
    expect(detail.delivery.lastLatencyMs).toBe(delivery!.lastLatencyMs);
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]).toMatchObject({ responseStatus: 200, responseBody: "slow ok", error: null });
    expect(detail.attempts[0]!.latencyMs).toBe(delivery!.lastLatencyMs);
    expect(detail.attempts[0]!.requestHeaders["webhook-id"]).toBe(delivery!.eventId);
    expect(JSON.parse(detail.requestBody)).toMatchObject({ id: delivery!.eventId, type: "message.received" });
  });

  it("changes an endpoint's URL, events and description: the next delivery follows them", async () => {
    const client = await clientWithActiveNumber(app);
    const { endpoint, secret } = await register(client.session, "/before-edit", ["contact.opted_out"]);
    const changed = await client.session.patch(`/api/webhook-endpoints/${endpoint.id}`, {
      url: `${receiver.url}/after-edit`,
      eventTypes: ["message.received", "message.received"],
      description: "Serveur ATS",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<WebhookEndpointResponse>()).toMatchObject({
      url: `${receiver.url}/after-edit`,
      eventTypes: ["message.received"],
      description: "Serveur ATS",
      isEnabled: true,
    });
    // An empty event list or a URL that is not http(s) is refused, and changes nothing.
    for (const body of [{ eventTypes: [] }, { url: "ftp://example.com/hook" }, { secret: "x" }])
      expect((await client.session.patch(`/api/webhook-endpoints/${endpoint.id}`, body)).statusCode).toBe(
        400,
      );

    await candidateWrites(client, "212612340012", "Après la modification");
    const [request] = await eventually(
      async () => receiver.at("/after-edit").length > 0 && receiver.at("/after-edit"),
    );
    expect(receiver.at("/before-edit")).toHaveLength(0);
    // The secret stays: the receiver verifies with the one shown at creation.
    const verified = new Webhook(secret).verify(
      request!.body,
      request!.headers as Record<string, string>,
    ) as {
      type: string;
    };
    expect(verified.type).toBe("message.received");

    // Disabled by hand, then enabled again: both audited with the change.
    const off = await client.session.patch(`/api/webhook-endpoints/${endpoint.id}`, { isEnabled: false });
    expect(off.json<WebhookEndpointResponse>()).toMatchObject({ isEnabled: false, disabledReason: "manual" });
    const on = await client.session.patch(`/api/webhook-endpoints/${endpoint.id}`, { isEnabled: true });
    expect(on.json<WebhookEndpointResponse>()).toMatchObject({ isEnabled: true, disabledReason: null });
    const audit = (await client.session.get("/api/audit")).json().entries as { action: string }[];
    expect(audit.filter((entry) => entry.action === "webhook_endpoint.updated")).toHaveLength(3);
  });

  it("retries a failing endpoint with growing delays, gives up after the retry period, and replays from the log", async () => {
    const client = await clientWithActiveNumber(app);
    receiver.behaviour.set("/flaky", "fail");
    const { endpoint, secret } = await register(client.session, "/flaky");
    await candidateWrites(client, "212612340002", "Toujours disponible ?");

    const [failed] = await eventually(async () => {
      const list = await deliveriesOf(client.session, endpoint.id, "failed");
      return list.length > 0 && list;
    });
    const attempts = receiver.at("/flaky");
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    // Exponential back-off: each wait at least the base doubled per attempt.
    for (let i = 1; i < attempts.length; i++)
      expect(attempts[i]!.at - attempts[i - 1]!.at).toBeGreaterThanOrEqual(BASE_MS * 2 ** (i - 1) - 50);
    // Every attempt carries the same event id: the receiver can dedupe.
    expect(new Set(attempts.map((a) => a.headers["webhook-id"]))).toEqual(new Set([failed!.eventId]));

    const detail = (
      await client.session.get(`/api/webhook-endpoints/${endpoint.id}/deliveries/${failed!.id}`)
    ).json<WebhookDeliveryDetailResponse>();
    expect(detail.attempts.length).toBe(attempts.length);
    expect(detail.attempts[0]).toMatchObject({ responseStatus: 503, error: "answered 503" });
    expect(detail.attempts[0]!.responseBody!.startsWith("down for maintenance")).toBe(true);
    expect(detail.attempts[0]!.responseBody!.length).toBeLessThanOrEqual(2048);

    // A delivery given up is replayed from the log once the receiver is back.
    receiver.behaviour.set("/flaky", "ok");
    const replay = await client.session.post(`/api/webhook-endpoints/${endpoint.id}/replay-failed`);
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toEqual({ replayed: 1 });
    await eventually(async () => (await deliveriesOf(client.session, endpoint.id, "delivered")).length === 1);
    const last = receiver.at("/flaky").at(-1)!;
    expect(last.headers["webhook-id"]).toBe(failed!.eventId);
    expect(() => new Webhook(secret).verify(last.body, last.headers as Record<string, string>)).not.toThrow();
    // Delivered: replaying it again is refused, it is not sent twice.
    const again = await client.session.post(
      `/api/webhook-endpoints/${endpoint.id}/deliveries/${failed!.id}/replay`,
    );
    expect(again.statusCode).toBe(409);
  });

  it("times out a receiver that does not answer, without slowing the webhook ingress, and replays one delivery", async () => {
    const client = await clientWithActiveNumber(app);
    receiver.behaviour.set("/hang", "hang");
    const { endpoint } = await register(client.session, "/hang");
    await candidateWrites(client, "212612340003", "Allô ?");
    await eventually(async () => receiver.at("/hang").length > 0);

    // While the endpoint holds its request open, Meta's webhooks are still taken: the intake does
    // not wait for the endpoint's time limit.
    const started = Date.now();
    await candidateWrites(client, "212612340033", "Un autre candidat");
    expect(Date.now() - started).toBeLessThan(5000);

    const [first] = await eventually(async () => {
      const list = (await deliveriesOf(client.session, endpoint.id)).filter(
        (d) => d.attempts >= 1 && d.lastError,
      );
      return list.length > 0 && list;
    });
    const detail = (
      await client.session.get(`/api/webhook-endpoints/${endpoint.id}/deliveries/${first!.id}`)
    ).json<WebhookDeliveryDetailResponse>();
    expect(detail.attempts[0]!.error).toBe("no answer within 5000 ms");
    expect(detail.attempts[0]!.responseStatus).toBeNull();
    expect(detail.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(5000);

    receiver.behaviour.set("/hang", "ok");
    await eventually(async () => {
      const response = await client.session.post(
        `/api/webhook-endpoints/${endpoint.id}/deliveries/${first!.id}/replay`,
      );
      // 409 while an attempt is in flight or once delivered by its own retry.
      return (
        response.statusCode === 202 ||
        (await deliveriesOf(client.session, endpoint.id, "delivered")).some((d) => d.id === first!.id)
      );
    });
    // The replayed one arrives; the other candidate's may have been delivered by its own retry or
    // given up meanwhile, depending on how fast the machine is: not this test's concern.
    await eventually(async () =>
      (await deliveriesOf(client.session, endpoint.id, "delivered")).some((d) => d.id === first!.id),
    );
  });

  it("keeps a conversation's events in order: a later one waits for the earlier one's retries", async () => {
    const client = await clientWithActiveNumber(app);
    receiver.behaviour.set("/ordered", "fail-first");
    await register(client.session, "/ordered");
    const first = await candidateWrites(client, "212612340004", "Premier");
    const second = await candidateWrites(client, "212612340004", "Deuxième");
    const other = await candidateWrites(client, "212612340044", "Autre conversation");

    const wamidOf = (r: Received) =>
      (JSON.parse(r.body) as { data: { message: { wamid: string } } }).data.message.wamid;
    await eventually(async () => receiver.at("/ordered").length >= 5);
    const sequence = receiver.at("/ordered").map(wamidOf);
    // Each fails once then passes; the second message is never sent before the first is delivered.
    const firstDelivered = sequence.lastIndexOf(first.wamid);
    expect(sequence.indexOf(second.wamid)).toBeGreaterThan(firstDelivered);
    expect(sequence.filter((w) => w === first.wamid)).toHaveLength(2);
    // Another conversation is not held up by this one's retries.
    expect(sequence.indexOf(other.wamid)).toBeLessThan(sequence.lastIndexOf(second.wamid));
  });

  it("signs with the old and the new secret during a rotation's overlap, with the new one only after", async () => {
    const client = await clientWithActiveNumber(app);
    const { endpoint, secret: oldSecret } = await register(client.session, "/rotated");
    const rotated = await client.session.post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      overlapHours: 24,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret: newSecret, endpoint: after } = rotated.json<RotatedWebhookSecretResponse>();
    expect(newSecret).not.toBe(oldSecret);
    expect(after.previousSecretExpiresAt).not.toBeNull();

    await candidateWrites(client, "212612340005", "Pendant la rotation");
    const [during] = await eventually(
      async () => receiver.at("/rotated").length > 0 && receiver.at("/rotated"),
    );
    expect(String(during!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [oldSecret, newSecret])
      expect(() =>
        new Webhook(secret).verify(during!.body, during!.headers as Record<string, string>),
      ).not.toThrow();

    // Rotating without overlap: only the newest secret signs.
    const { secret: newest } = (
      await client.session.post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`, { overlapHours: 0 })
    ).json<RotatedWebhookSecretResponse>();
    await candidateWrites(client, "212612340005", "Après la rotation");
    const [, later] = await eventually(
      async () => receiver.at("/rotated").length > 1 && receiver.at("/rotated"),
    );
    expect(String(later!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() =>
      new Webhook(newest).verify(later!.body, later!.headers as Record<string, string>),
    ).not.toThrow();
    for (const secret of [oldSecret, newSecret])
      expect(() =>
        new Webhook(secret).verify(later!.body, later!.headers as Record<string, string>),
      ).toThrow();
  });

  it("announces assignments and a candidate's STOP with their own events", async () => {
    const client = await clientWithActiveNumber(app);
    await register(client.session, "/lifecycle", ["conversation.assigned", "contact.opted_out"]);
    await candidateWrites(client, "212612340006", "STOP");
    const optedOut = await eventually(async () =>
      receiver.at("/lifecycle").find((r) => JSON.parse(r.body).type === "contact.opted_out"),
    );
    expect(JSON.parse(optedOut.body).data.contact).toMatchObject({ isOptedOut: true, waId: "212612340006" });

    const [conversation] = (await client.session.get("/api/conversations")).json().conversations;
    const recruiter = await buildUser(app, { clientId: client.clientId, role: "recruiter" });
    const assigned = await client.session.post(`/api/conversations/${conversation.id}/assign`, {
      assigneeId: recruiter.id,
    });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    const event = await eventually(async () =>
      receiver.at("/lifecycle").find((r) => JSON.parse(r.body).type === "conversation.assigned"),
    );
    expect(JSON.parse(event.body).data).toMatchObject({
      assigneeId: recruiter.id,
      conversation: { id: conversation.id, assigneeId: recruiter.id },
    });
    // Not subscribed to message.received: only the two events came.
    expect(receiver.at("/lifecycle")).toHaveLength(2);
  });

  it("announces a chat's hiring stage and labels, signed, in the order they changed", async () => {
    const client = await clientWithActiveNumber(app);
    const { secret } = await register(client.session, "/pipeline", [
      "conversation.stage_changed",
      "conversation.labels_changed",
    ]);
    await candidateWrites(client, "212612340011", "Bonjour");
    const [conversation] = await eventually(async () => {
      const list = (await client.session.get("/api/conversations")).json().conversations;
      return list.length > 0 && list;
    });
    const [contacted, screening] = (await client.session.get("/api/hiring-stages")).json().stages;
    const label = (await client.session.post("/api/labels", { name: "Bilingue", color: "teal" })).json();
    const url = `/api/conversations/${conversation.id}`;
    const stage = (stageId: string) =>
      client.session.request({ method: "PUT", url: `${url}/stage`, payload: { stageId } });
    expect((await stage(contacted.id)).statusCode).toBe(200);
    expect((await client.session.post(`${url}/labels`, { labelId: label.id })).statusCode).toBe(200);
    expect((await stage(screening.id)).statusCode).toBe(200);

    const requests = await eventually(
      async () => receiver.at("/pipeline").length >= 3 && receiver.at("/pipeline"),
    );
    const events = requests.map(
      (request) =>
        new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as {
          type: string;
          clientId: string;
          data: Record<string, unknown>;
        },
    );
    expect(events.map((e) => e.clientId)).toEqual([client.clientId, client.clientId, client.clientId]);
    expect(events[0]).toMatchObject({
      type: "conversation.stage_changed",
      data: {
        conversation: { id: conversation.id, stageId: contacted.id, labelIds: [] },
        stage: { id: contacted.id, name: "Contacté", kind: "active" },
        previousStage: null,
        reason: "changed",
      },
    });
    expect(events[1]).toMatchObject({
      type: "conversation.labels_changed",
      data: {
        conversation: { id: conversation.id, labelIds: [label.id] },
        labels: [{ id: label.id, name: "Bilingue", color: "teal" }],
        added: [{ id: label.id }],
        removed: [],
      },
    });
    expect(events[2]).toMatchObject({
      type: "conversation.stage_changed",
      data: { stage: { name: "Présélection" }, previousStage: { name: "Contacté" } },
    });
    // Deleting the stage moves the chat (to none here): announced too.
    expect((await client.session.delete(`/api/hiring-stages/${screening.id}`)).json()).toEqual({
      movedConversations: 1,
    });
    const deleted = await eventually(async () => receiver.at("/pipeline")[3]);
    expect(JSON.parse(deleted.body)).toMatchObject({
      type: "conversation.stage_changed",
      data: { stage: null, previousStage: { name: "Présélection" }, reason: "stage_deleted" },
    });
  });

  it("keeps each client's endpoints and deliveries to itself", async () => {
    const a = await clientWithActiveNumber(app);
    const b = await clientWithActiveNumber(app);
    const { endpoint } = await register(a.session, "/tenant-a");
    const { endpoint: ofB } = await register(b.session, "/tenant-b");
    await candidateWrites(a, "212612340007", "Pour A seulement");
    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(a.session, endpoint.id, "delivered");
      return list.length > 0 && list;
    });

    const base = `/api/webhook-endpoints/${endpoint.id}`;
    const list = (await b.session.get("/api/webhook-endpoints")).json<{
      endpoints: WebhookEndpointResponse[];
    }>();
    expect(list.endpoints.map((e) => e.id)).toEqual([ofB.id]);
    const attempts = [
      b.session.get(base),
      b.session.patch(base, { url: `${receiver.url}/stolen` }),
      b.session.post(`${base}/rotate-secret`, { overlapHours: 0 }),
      b.session.get(`${base}/deliveries`),
      b.session.get(`${base}/deliveries/${delivery!.id}`),
      b.session.post(`${base}/deliveries/${delivery!.id}/replay`),
      b.session.post(`${base}/replay-failed`),
      b.session.get(`/api/webhook-endpoints/${ofB.id}/deliveries/${delivery!.id}`),
      b.session.post(`/api/webhook-endpoints/${ofB.id}/deliveries/${delivery!.id}/replay`),
      b.session.delete(base),
    ];
    for (const response of await Promise.all(attempts)) expect(response.statusCode, response.body).toBe(404);

    const still = (await a.session.get(base)).json<WebhookEndpointResponse>();
    expect(still.url).toBe(`${receiver.url}/tenant-a`);
    expect(await deliveriesOf(a.session, endpoint.id)).toHaveLength(1);
    // B's endpoint never received A's event, and B's log is empty.
    expect(receiver.at("/tenant-b")).toHaveLength(0);
    expect(await deliveriesOf(b.session, ofB.id)).toHaveLength(0);
    expect(receiver.at("/stolen")).toHaveLength(0);
  });

  it("lets owners, admins and API keys with webhooks:manage in, and no one else", async () => {
    const client = await clientWithActiveNumber(app);
    const recruiter = await loginAs(
      app,
      await buildUser(app, { clientId: client.clientId, role: "recruiter" }),
    );
    expect((await recruiter.get("/api/webhook-endpoints")).statusCode).toBe(403);
    const admin = await loginAs(app, await buildUser(app, { clientId: client.clientId, role: "admin" }));
    expect((await admin.get("/api/webhook-endpoints")).statusCode).toBe(200);
    const [owner] = await queryRows<{ email: string }>(
      app,
      "SELECT email FROM users WHERE client_id = $1 AND role = 'owner'",
      [client.clientId],
    );
    const withScope = await apiKeyCaller(app, owner!, ["webhooks:manage"]);
    expect(
      (
        await withScope.caller.post("/api/webhook-endpoints", {
          url: `${receiver.url}/by-key`,
          eventTypes: ["message.status"],
        })
      ).statusCode,
    ).toBe(201);
    const without = await apiKeyCaller(app, owner!, ["conversations:read"]);
    expect((await without.caller.get("/api/webhook-endpoints")).statusCode).toBe(403);
  });
});

describe("the OpenAPI document", () => {
  it("describes every event's payload in its webhooks section (OpenAPI 3.1)", async () => {
    const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    const received = spec.webhooks["message.received"].post;
    expect(received.parameters.map((p: { name: string }) => p.name)).toEqual([
      "webhook-id",
      "webhook-timestamp",
      "webhook-signature",
    ]);
    const body = received.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["id", "type", "timestamp", "clientId", "data"]));
    expect(body.properties.type.const).toBe("message.received");
    expect(body.properties.data.properties.message.properties.wamid).toBeDefined();
  });
});

describe("outbound webhooks in live mode's address rules", () => {
  let live: TestApp;
  let resolveToPrivate = false;
  beforeAll(async () => {
    live = await createTestApp({
      worker: true,
      env: {
        OUTBOUND_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "false",
        OUTBOUND_WEBHOOK_RETRY_BASE_SECONDS: "0.2",
        OUTBOUND_WEBHOOK_DISABLE_AFTER_HOURS: String(1.5 / 3600),
      },
      // A name that resolves to a public address when registered, then to loopback (DNS rebinding).
      resolveHost: async (hostname) => {
        if (hostname !== "rebind.example.test") throw new Error(`unknown host ${hostname}`);
        return [{ address: resolveToPrivate ? "127.0.0.1" : "93.184.215.14", family: 4 }];
      },
    });
  });
  afterAll(() => live.close());

  it("refuses endpoints on private, loopback and link-local addresses at registration", async () => {
    const client = await clientWithActiveNumber(live);
    for (const url of [
      `${receiver.url}/private`,
      "http://[::1]:8080/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://10.1.2.3/hook",
      "http://[::ffff:192.168.1.10]/hook",
      "http://unknown.example.test/hook",
    ]) {
      const response = await client.session.post("/api/webhook-endpoints", {
        url,
        eventTypes: ["message.received"],
      });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code, url).toBe("webhook_url_refused");
    }
    expect(receiver.at("/private")).toHaveLength(0);

    // The same rules when an endpoint's URL changes: it keeps its address.
    const created = await client.session.post("/api/webhook-endpoints", {
      url: "http://rebind.example.test/hook",
      eventTypes: ["message.received"],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { endpoint } = created.json<CreatedWebhookEndpointResponse>();
    for (const url of ["http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data"]) {
      const response = await client.session.patch(`/api/webhook-endpoints/${endpoint.id}`, { url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code, url).toBe("webhook_url_refused");
    }
    expect(
      (await client.session.get(`/api/webhook-endpoints/${endpoint.id}`)).json<WebhookEndpointResponse>().url,
    ).toBe("http://rebind.example.test/hook");
  });

  it("checks the address again at delivery time, and disables an endpoint that keeps failing", async () => {
    const client = await clientWithActiveNumber(live);
    const port = new URL(receiver.url).port;
    const created = await client.session.post("/api/webhook-endpoints", {
      url: `http://rebind.example.test:${port}/rebound`,
      eventTypes: ["message.received"],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { endpoint } = created.json<CreatedWebhookEndpointResponse>();
    resolveToPrivate = true;

    const inbound = inboundText("212612340008", "Bonjour");
    await postWebhook(
      live,
      messagesEnvelope(
        client.phoneNumberId,
        { contacts: inbound.contacts, messages: [inbound.message] },
        client.wabaId,
      ),
    );
    const disabled = await eventually(async () => {
      const row = (
        await client.session.get(`/api/webhook-endpoints/${endpoint.id}`)
      ).json<WebhookEndpointResponse>();
      return !row.isEnabled && row;
    });
    expect(disabled.disabledReason).toBe("failing");
    const [delivery] = await deliveriesOf(client.session, endpoint.id);
    const detail = (
      await client.session.get(`/api/webhook-endpoints/${endpoint.id}/deliveries/${delivery!.id}`)
    ).json<WebhookDeliveryDetailResponse>();
    expect(detail.attempts[0]!.error).toMatch(/private, loopback or link-local/);
    expect(receiver.at("/rebound")).toHaveLength(0);

    // The admins' notice: in the audit log and pushed to the client's dashboards.
    const audit = (await client.session.get("/api/audit")).json().entries as {
      action: string;
      actorType: string;
    }[];
    expect(audit).toContainEqual(
      expect.objectContaining({ action: "webhook_endpoint.disabled", actorType: "system" }),
    );
    const notices = await queryRows(
      live,
      "SELECT payload FROM domain_events WHERE client_id = $1 AND type = 'webhook-endpoint:updated'",
      [client.clientId],
    );
    expect(notices).toHaveLength(1);
  });
});
