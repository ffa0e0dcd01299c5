import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerBeside } from "../../../../test/support/connected";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { eventually } from "../../../../test/support/waiting";
import {
  clientWithActiveNumber,
  inboundText,
  messagesEnvelope,
  postWebhook,
} from "../../../../test/support/webhooks";
import type {
  CreatedWebhookEndpointResponse,
  RotatedWebhookSecretResponse,
} from "../../../contracts/outbound-webhooks";
import { generateKeySpec, TokenVault } from "../../platform/crypto/token-vault";
import { rotateEverySealedSecret } from "../key-rotation";

/** A receiver on loopback that keeps every request and answers 204. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let server: Server;
let receiverUrl = "";
let app: TestApp;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rotation`;
  // The web process only: each phase's worker (the one sending webhooks) is started beside it with
  // that phase's keys, as a restart with a new TOKEN_ENCRYPTION_KEYS would.
  app = await createTestApp({ worker: false });
});
afterAll(async () => {
  await app.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const verifies = (secret: string, request: { headers: IncomingHttpHeaders; body: string }) => {
  try {
    new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

describe("key rotation (npm run keys:rotate) and webhook endpoints", () => {
  it("re-seals the endpoints' current and previous secrets, so deliveries verify once the old key is gone", async () => {
    const client = await clientWithActiveNumber(app);
    const created = await client.session.post("/api/webhook-endpoints", {
      url: receiverUrl,
      eventTypes: ["message.received"],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { endpoint, secret: oldSecret } = created.json<CreatedWebhookEndpointResponse>();
    // A rotation of the endpoint's own secret in its overlap: the old secret still signs too.
    const { secret: newSecret } = (
      await client.session.post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`, { overlapHours: 24 })
    ).json<RotatedWebhookSecretResponse>();

    const candidateWrites = async (text: string) => {
      const inbound = inboundText("212612349901", text);
      const response = await postWebhook(
        app,
        messagesEnvelope(
          client.phoneNumberId,
          { contacts: inbound.contacts, messages: [inbound.message] },
          client.wabaId,
        ),
      );
      expect(response.statusCode).toBe(200);
    };
    const sealed = async () =>
      (
        await app.database.query(
          "SELECT secret_sealed, previous_secret_sealed FROM webhook_endpoints WHERE id = $1",
          [endpoint.id],
        )
      ).rows[0] as { secret_sealed: string; previous_secret_sealed: string };

    const oldKey = app.deps.config.tokenEncryptionKeys!;
    expect((await sealed()).secret_sealed.startsWith("v1.")).toBe(true);

    // A new key first, the old one after it, and `keys:rotate`.
    const newKey = generateKeySpec("v2");
    const counts = await rotateEverySealedSecret(app.database.db, new TokenVault(`${newKey},${oldKey}`));
    expect(counts.webhookEndpoints).toMatchObject({ rotated: 1, skipped: 0 });
    expect(counts.connections.skipped).toBe(0); // their own test: connections.int.test.ts
    const after = await sealed();
    expect(after.secret_sealed.startsWith("v2.")).toBe(true);
    expect(after.previous_secret_sealed.startsWith("v2.")).toBe(true);
    // Run again, it finds nothing left: the old key may go.
    const again = await rotateEverySealedSecret(app.database.db, new TokenVault(`${newKey},${oldKey}`));
    expect(again.webhookEndpoints).toMatchObject({ rotated: 0, current: 1 });
    expect(again.connections.rotated).toBe(0);

    // The service restarted with the new key alone: its deliveries are signed with both secrets.
    const worker = await startWorkerBeside(app, { ...app.deps.config, tokenEncryptionKeys: newKey });
    try {
      await candidateWrites("Après le changement de clé");
      const [request] = await eventually(async () => received.length > 0 && received);
      expect(String(request!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
      expect(verifies(newSecret, request!)).toBe(true);
      expect(verifies(oldSecret, request!)).toBe(true);
      expect(verifies("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", request!)).toBe(false);
      await eventually(async () => {
        const { rows } = await app.database.query(
          "SELECT state FROM webhook_deliveries WHERE endpoint_id = $1",
          [endpoint.id],
        );
        return rows.length === 1 && (rows[0] as { state: string }).state === "delivered";
      });
    } finally {
      await worker.close();
    }
  });
});
