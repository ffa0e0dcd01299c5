import { createHash } from "node:crypto";
import { processPendingDeliveries } from "../../src/server/modules/webhooks/webhook-processor";
import { serializeAsMeta, signatureFor } from "../../src/simulator/index";
import { buildClient, loginAs } from "./factories";
import { buildConnection } from "./rows";
import type { TestApp } from "./test-app";

/** A client with an active connection on a fresh phone number id (no Meta call needed to receive). */
export async function clientWithActiveNumber(app: TestApp, wabaId?: string) {
  const { client, owner } = await buildClient(app);
  const connection = await buildConnection(app, { clientId: client.id, ...(wabaId ? { wabaId } : {}) });
  return {
    clientId: client.id,
    connection,
    phoneNumberId: connection.phoneNumberId!,
    wabaId: connection.wabaId!,
    owner,
    session: await loginAs(app, owner),
  };
}

/** Posts a webhook to the app as Meta does: `\u`-escaped JSON, signed with the app secret. */
export function postWebhook(
  app: TestApp,
  payload: unknown,
  options: { signature?: string | null; raw?: string | Buffer } = {},
) {
  const body = options.raw ?? serializeAsMeta(payload);
  const signature =
    options.signature === undefined ? signatureFor(body, app.deps.config.meta.appSecret) : options.signature;
  return app.inject({
    method: "POST",
    url: "/webhook",
    headers: {
      "content-type": "application/json",
      ...(signature === null ? {} : { "x-hub-signature-256": signature }),
    },
    payload: body,
  });
}

/** The rows a query returns on the app's database, to check what was stored. */
export async function queryRows<T = Record<string, unknown>>(
  app: TestApp,
  sql: string,
  params: unknown[] = [],
) {
  return (await app.database.query(sql, params)).rows as T[];
}

/** Where a posted delivery stands, found by its bytes. */
export async function deliveryState(app: TestApp, body: string | Buffer) {
  const [row] = await queryRows<{ processed: boolean; error: string | null; attempts: number }>(
    app,
    "SELECT processed_at IS NOT NULL AS processed, error, attempts FROM webhook_events WHERE body_sha256 = $1",
    [createHash("sha256").update(body).digest("hex")],
  );
  return row;
}

/**
 * Posts one change of a WhatsApp account's `field` as Meta sends it, runs the processing, and fails
 * unless that delivery was processed without an error.
 */
export async function deliverAccountChange(
  app: TestApp,
  wabaId: string,
  field: string,
  value: Record<string, unknown>,
): Promise<void> {
  const payload = {
    object: "whatsapp_business_account",
    entry: [{ id: wabaId, time: Math.floor(Date.now() / 1000), changes: [{ field, value }] }],
  };
  const response = await postWebhook(app, payload);
  if (response.statusCode !== 200)
    throw new Error(`the webhook answered ${response.statusCode}: ${response.body}`);
  await drainWebhooks(app);
  const [last] = await queryRows<{ error: string | null; processed: boolean }>(
    app,
    "SELECT error, processed_at IS NOT NULL AS processed FROM webhook_events ORDER BY id DESC LIMIT 1",
  );
  if (!last?.processed || last.error !== null)
    throw new Error(`the delivery was not processed cleanly: ${JSON.stringify(last)}`);
}

/** Runs the worker's webhook processing until no delivery is due. */
export async function drainWebhooks(app: TestApp): Promise<void> {
  while ((await processPendingDeliveries(app.deps)) > 0) {
    // keep going: a batch is capped
  }
}

/** A `messages` webhook envelope for one business number. */
export function messagesEnvelope(
  phoneNumberId: string,
  value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[] },
  wabaId = "waba-test",
) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: wabaId,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "212661234567", phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

let counter = 0;
/** An inbound text from a candidate, with a fresh wamid unless one is given. */
export function inboundText(
  from: string,
  body: string,
  options: { wamid?: string; timestamp?: number; name?: string } = {},
) {
  counter += 1;
  const wamid = options.wamid ?? `wamid.test.${Date.now()}.${counter}`;
  return {
    wamid,
    contacts: [{ profile: { name: options.name ?? "Candidate" }, wa_id: from }],
    message: {
      from,
      id: wamid,
      timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
      type: "text",
      text: { body },
    },
  };
}
