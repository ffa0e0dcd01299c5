import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import {
  clientWithActiveNumber,
  deliveryState,
  drainWebhooks,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../../../test/support/webhooks";
import { serializeAsMeta } from "../../../simulator/index";
import { WEBHOOK_BODY_LIMIT } from "./accept-delivery";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const rows = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => queryRows<T>(app, sql, params);

/** Posts one delivery, checks it is within Meta's limit, processes it, and says how it ended. */
async function postAndProcess(payload: unknown) {
  const body = serializeAsMeta(payload);
  expect(Buffer.byteLength(body)).toBeLessThan(WEBHOOK_BODY_LIMIT);
  expect((await postWebhook(app, payload)).statusCode).toBe(200);
  const started = Date.now();
  await drainWebhooks(app);
  const delivery = await deliveryState(app, body);
  return { delivery, bytes: Buffer.byteLength(body), seconds: (Date.now() - started) / 1000 };
}

const count = async (sql: string, params: unknown[]) =>
  Number((await rows<{ n: string }>(sql, params))[0]?.n);

// Statements with a row of parameters per message meet PostgreSQL's limit of 65,535 parameters
// (and, larger still, the call stack of the query builder) long before Meta's 3 MB.
describe("a delivery as large as Meta sends", () => {
  it("stores 12,000 messages from 12,000 candidates in one delivery", { timeout: 300_000 }, async () => {
    const a = await clientWithActiveNumber(app);
    const n = 12_000;
    const now = Math.floor(Date.now() / 1000);
    const from = (i: number) => `2126${String(i).padStart(8, "0")}`;
    const payload = messagesEnvelope(a.phoneNumberId, {
      contacts: Array.from({ length: n }, (_, i) => ({ profile: { name: `C${i}` }, wa_id: from(i) })),
      messages: Array.from({ length: n }, (_, i) => ({
        from: from(i),
        id: `wamid.big.${i}`,
        timestamp: String(now),
        type: "text",
        text: { body: `m${i}` },
      })),
    });

    const { delivery, bytes, seconds } = await postAndProcess(payload);
    console.info(`${n} messages, ${(bytes / 1e6).toFixed(2)} MB: processed in ${seconds.toFixed(1)} s`);

    expect(delivery).toEqual({ processed: true, error: null, attempts: 1 });
    expect(await count("SELECT count(*) AS n FROM messages WHERE client_id = $1", [a.clientId])).toBe(n);
    expect(
      await count("SELECT count(*) AS n FROM conversations WHERE client_id = $1 AND unread_count = 1", [
        a.clientId,
      ]),
    ).toBe(n);
    expect(
      await count(
        "SELECT count(*) AS n FROM domain_events WHERE client_id = $1 AND type = 'message:received'",
        [a.clientId],
      ),
    ).toBe(n);
  });

  it("applies 12,000 statuses and parks 34,000 early ones from one delivery", {
    timeout: 300_000,
  }, async () => {
    const a = await clientWithActiveNumber(app);
    const known = 12_000;
    const early = 34_000;
    await app.database.query(
      `WITH contact AS (
         INSERT INTO contacts (client_id, wa_id, phone) VALUES ($1, '212600000900', '+212600000900') RETURNING id
       ), chat AS (
         INSERT INTO conversations (client_id, connection_id, contact_id) SELECT $1, $2, id FROM contact RETURNING id
       )
       INSERT INTO messages (client_id, conversation_id, direction, wamid, type, content, status)
       SELECT $1, chat.id, 'outbound', 'w.k.' || i, 'text', '{"content":{"type":"text","body":"x"}}', 'sent'
         FROM chat, generate_series(0, $3::int - 1) AS i`,
      [a.clientId, a.connection.id, known],
    );
    const statuses = [
      ...Array.from({ length: known }, (_, i) => ({
        id: `w.k.${i}`,
        status: "delivered",
        timestamp: "1800000000",
      })),
      ...Array.from({ length: early }, (_, i) => ({
        id: `w.e.${i}`,
        status: "sent",
        timestamp: "1800000000",
      })),
    ];

    const { delivery, bytes, seconds } = await postAndProcess(
      messagesEnvelope(a.phoneNumberId, { statuses }),
    );
    console.info(
      `${known + early} statuses, ${(bytes / 1e6).toFixed(2)} MB: processed in ${seconds.toFixed(1)} s`,
    );

    expect(delivery).toEqual({ processed: true, error: null, attempts: 1 });
    expect(
      await count("SELECT count(*) AS n FROM messages WHERE client_id = $1 AND status = 'delivered'", [
        a.clientId,
      ]),
    ).toBe(known);
    expect(await count("SELECT count(*) AS n FROM parked_statuses WHERE wamid LIKE 'w.e.%'", [])).toBe(early);
  });
});
