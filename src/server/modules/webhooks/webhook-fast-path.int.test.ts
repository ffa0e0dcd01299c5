import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import {
  clientWithActiveNumber,
  drainWebhooks,
  inboundText,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../../../test/support/webhooks";
import { serializeAsMeta, signatureFor } from "../../../simulator/index";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true });
});
afterAll(() => app.close());

/** A POST to the listening server, over real HTTP (the fast path), as Meta sends it. */
async function postOverHttp(body: string, signature: string | null) {
  const response = await fetch(`${app.deps.config.http.publicUrl}/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signature === null ? {} : { "x-hub-signature-256": signature }),
    },
    body,
  });
  return {
    statusCode: response.status,
    body: await response.text(),
    type: response.headers.get("content-type"),
  };
}

describe("POST /webhook over HTTP (the fast path ahead of Fastify)", () => {
  it("stores and processes a signed delivery, and answers as the Fastify route does", async () => {
    const { phoneNumberId, clientId } = await clientWithActiveNumber(app);
    const text = inboundText("212600000101", "Bonjour");
    const body = serializeAsMeta(
      messagesEnvelope(phoneNumberId, { contacts: text.contacts, messages: [text.message] }),
    );
    const secret = app.deps.config.meta.appSecret;
    const overHttp = await postOverHttp(body, signatureFor(body, secret));
    const injected = await postWebhook(app, null, { raw: body });
    expect(overHttp).toEqual({ statusCode: 200, body: "EVENT_RECEIVED", type: "text/plain; charset=utf-8" });
    expect({ statusCode: injected.statusCode, body: injected.body }).toEqual({
      statusCode: 200,
      body: "EVENT_RECEIVED",
    });
    await drainWebhooks(app);
    const stored = await queryRows(app, "SELECT client_id FROM messages WHERE wamid = $1", [text.wamid]);
    expect(stored).toEqual([{ client_id: clientId }]);
    const metrics = (await app.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toMatch(/webhook_deliveries_received_total\{outcome="accepted"\} 1/);
    expect(metrics).toMatch(/webhook_deliveries_received_total\{outcome="duplicate"\} 1/);
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/webhook",status="200"\} 2/,
    );
  });

  it("refuses a wrong or missing signature with the route's 401, storing nothing", async () => {
    const before = await queryRows(app, "SELECT count(*)::int AS n FROM webhook_events");
    const body = serializeAsMeta(messagesEnvelope("pn-x", {}));
    for (const signature of ["sha256=deadbeef", null]) {
      const overHttp = await postOverHttp(body, signature);
      const injected = await postWebhook(app, null, { raw: body, signature });
      expect(overHttp.statusCode).toBe(401);
      expect({ statusCode: overHttp.statusCode, body: JSON.parse(overHttp.body) }).toEqual({
        statusCode: injected.statusCode,
        body: injected.json(),
      });
    }
    expect(await queryRows(app, "SELECT count(*)::int AS n FROM webhook_events")).toEqual(before);
  });

  it("leaves the GET handshake and the rest of the API to Fastify", async () => {
    const token = app.deps.config.meta.webhookVerifyToken;
    const handshake = await fetch(
      `${app.deps.config.http.publicUrl}/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`,
    );
    expect(await handshake.text()).toBe("42");
    expect((await fetch(`${app.deps.config.http.publicUrl}/healthz`)).status).toBe(200);
  });
});
