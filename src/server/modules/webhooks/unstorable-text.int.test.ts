import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import {
  clientWithActiveNumber,
  deliveryState,
  drainWebhooks,
  inboundText,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../../../test/support/webhooks";
import { serializeAsMeta } from "../../../simulator/index";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const rows = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => queryRows<T>(app, sql, params);

const deliveryOf = (body: string | Buffer) => deliveryState(app, body);

const textsOf = async (clientId: string) =>
  (
    await rows<{ text: string }>("SELECT text FROM messages WHERE client_id = $1 ORDER BY text", [clientId])
  ).map((m) => m.text);

describe("text PostgreSQL cannot store as sent", () => {
  it("stores every message of a delivery holding \\u0000 and lone surrogates, made storable", async () => {
    const a = await clientWithActiveNumber(app);
    const nul = inboundText("212600000601", "Bonjour\u0000 Sara", { name: "Léa\u0000 B." });
    const surrogate = inboundText("212600000602", "CV \ud800 envoyé");
    const valid = inboundText("212600000603", "Je suis disponible");
    // An early status (parked as jsonb) with an error text, and a change for a number nobody holds.
    const status = {
      id: `wamid.parked.${Date.now()}`,
      status: "failed",
      timestamp: "1800000000",
      errors: [{ code: 131026, title: "Undeliverable\u0000", error_data: { details: "\udc00" } }],
    };
    const delivery = messagesEnvelope(a.phoneNumberId, {
      contacts: [...nul.contacts, ...surrogate.contacts, ...valid.contacts],
      messages: [nul.message, surrogate.message, valid.message],
      statuses: [status],
    });
    delivery.entry.push(messagesEnvelope("pn-\u0000-\ud83d", {}).entry[0]!);
    const body = serializeAsMeta(delivery);
    expect(body).toContain("\\u0000"); // escaped as Meta sends it

    expect((await postWebhook(app, delivery)).statusCode).toBe(200);
    await drainWebhooks(app);

    expect(await deliveryOf(body)).toEqual({ processed: true, error: null, attempts: 1 });
    expect(await textsOf(a.clientId)).toEqual(["Bonjour Sara", "CV \ufffd envoyé", "Je suis disponible"]);
    const [contact] = await rows<{ profile_name: string }>(
      "SELECT profile_name FROM contacts WHERE client_id = $1 AND wa_id = '212600000601'",
      [a.clientId],
    );
    expect(contact?.profile_name).toBe("Léa B.");
    const [parked] = await rows<{ status: { errors: { title: string; error_data: { details: string } }[] } }>(
      "SELECT status FROM parked_statuses WHERE wamid = $1",
      [status.id],
    );
    expect(parked?.status.errors[0]).toMatchObject({
      title: "Undeliverable",
      error_data: { details: "\ufffd" },
    });
    const [unroutable] = await rows<{ unroutable: { reason: string }[] }>(
      "SELECT unroutable FROM webhook_events WHERE body_sha256 = $1",
      [createHash("sha256").update(body).digest("hex")],
    );
    expect(unroutable?.unroutable[0]?.reason).toBe("no connection for phone number pn--\ufffd");
    // The recruiter's inbox shows them, and the events reached the dashboards.
    const list = (await a.session.get("/api/conversations")).json().conversations;
    expect(list).toHaveLength(3);
  });

  it("keeps a delivery with a raw NUL and a byte that is not UTF-8 as received, and reads what it can", async () => {
    const a = await clientWithActiveNumber(app);
    const hello = inboundText("212600000611", "PLACEHOLDER");
    const valid = inboundText("212600000612", "Bien reçu");
    const json = serializeAsMeta(
      messagesEnvelope(a.phoneNumberId, {
        contacts: [...hello.contacts, ...valid.contacts],
        messages: [hello.message, valid.message],
      }),
    );
    const [before, after] = json.split("PLACEHOLDER") as [string, string];
    const body = Buffer.concat([
      Buffer.from(`${before}Salam`),
      Buffer.from([0x00, 0xff]),
      Buffer.from(` !${after}`),
    ]);

    expect((await postWebhook(app, null, { raw: body })).statusCode).toBe(200);
    await drainWebhooks(app);

    expect(await deliveryOf(body)).toEqual({ processed: true, error: null, attempts: 1 });
    const [stored] = await rows<{ bytes: Uint8Array }>(
      `SELECT coalesce(raw_bytes, convert_to(raw_body, 'UTF8')) AS bytes FROM webhook_events WHERE body_sha256 = $1`,
      [createHash("sha256").update(body).digest("hex")],
    );
    expect(Buffer.from(stored!.bytes).equals(body)).toBe(true);
    expect(await textsOf(a.clientId)).toEqual(["Bien reçu", "Salam\ufffd !"]);
  });

  it("stores a message's neighbours when its time or its ids are out of any range", async () => {
    const a = await clientWithActiveNumber(app);
    const farFuture = inboundText("212600000621", "Heure impossible", { timestamp: 1e17 });
    const longId = inboundText("212600000622", "Identifiant démesuré", {
      wamid: `wamid.${"x".repeat(5000)}`,
    });
    const longSender = inboundText(`2126${"0".repeat(5000)}`, "Expéditeur démesuré");
    const valid = inboundText("212600000623", "Merci");
    const statuses = [
      { id: `wamid.unknown.${Date.now()}`, status: "sent", timestamp: "99999999999999999" },
      { id: `wamid.${"y".repeat(5000)}`, status: "sent", timestamp: "1800000000" },
    ];
    const delivery = messagesEnvelope(a.phoneNumberId, {
      contacts: [...farFuture.contacts, ...longId.contacts, ...longSender.contacts, ...valid.contacts],
      messages: [farFuture.message, longId.message, longSender.message, valid.message],
      statuses,
    });
    expect((await postWebhook(app, delivery)).statusCode).toBe(200);
    await drainWebhooks(app);

    expect(await deliveryOf(serializeAsMeta(delivery))).toEqual({
      processed: true,
      error: null,
      attempts: 1,
    });
    // The impossible time is read as the time of receipt; ids no WhatsApp id looks like are left out.
    expect(await textsOf(a.clientId)).toEqual(["Heure impossible", "Merci"]);
    expect(await rows("SELECT 1 FROM parked_statuses WHERE wamid = $1", [statuses[0]!.id])).toHaveLength(1);
  });
});
