import { afterAll, beforeAll, describe, expect, it } from "vitest";
import coexistence from "../../../../../test/fixtures/meta/coexistence-webhook-examples.json";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import {
  clientWithActiveNumber,
  drainWebhooks,
  inboundText,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../../../../test/support/webhooks";

// Contract: Meta's documented coexistence payloads, as Meta writes them (placeholders filled in),
// are read by the product; what it does not understand is counted and kept, never failing the
// delivery.
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const BUSINESS = "212661234567";
const CANDIDATE = "212612345678";
let counter = 0;

/** Meta's example `name`, its placeholders replaced for this number and a fresh message id. */
function example(name: keyof typeof coexistence.examples, phoneNumberId: string, wabaId: string) {
  counter += 1;
  const at = Math.floor(Date.now() / 1000) - 30 * 86_400;
  const filled = JSON.stringify(coexistence.examples[name])
    .replaceAll("<WHATSAPP_BUSINESS_ACCOUNT_ID>", wabaId)
    .replaceAll("<BUSINESS_PHONE_NUMBER_ID>", phoneNumberId)
    .replaceAll("<BUSINESS_DISPLAY_PHONE_NUMBER>", BUSINESS)
    .replaceAll("<WHATSAPP_USER_PHONE_NUMBER>", CANDIDATE)
    .replaceAll("<CONTACT_PHONE_NUMBER>", CANDIDATE)
    .replaceAll("<WHATSAPP_MESSAGE_ID>", `wamid.contract.${counter}.1`)
    .replaceAll("<WHATSAPP_MESSAGE_ID_2>", `wamid.contract.${counter}.2`)
    .replaceAll("<MESSAGE_TIMESTAMP>", String(at))
    .replaceAll("<MESSAGE_TIMESTAMP_2>", String(at + 60))
    .replaceAll("<WEBHOOK_TRIGGER_TIMESTAMP>", String(at))
    .replaceAll("<CONTACT_FULL_NAME>", "Salma Bennani")
    .replaceAll("<CONTACT_FIRST_NAME>", "Salma");
  return JSON.parse(filled) as { entry: { changes: { value: Record<string, unknown> }[] }[] };
}

async function deliver(payload: unknown) {
  const response = await postWebhook(app, payload);
  expect(response.statusCode).toBe(200);
  await drainWebhooks(app);
  const [last] = await queryRows<{ error: string | null; processed: boolean }>(
    app,
    "SELECT error, processed_at IS NOT NULL AS processed FROM webhook_events ORDER BY id DESC LIMIT 1",
  );
  expect(last).toEqual({ error: null, processed: true });
}

const messagesOf = (clientId: string) =>
  queryRows<{ wamid: string; direction: string; origin: string; status: string; text: string }>(
    app,
    "SELECT wamid, direction, origin, status, text FROM messages WHERE client_id = $1 ORDER BY wamid",
    [clientId],
  );

describe("Meta's coexistence examples", () => {
  it("smb_message_echoes: an outbound message of the phone, sent", async () => {
    const { clientId, phoneNumberId, wabaId } = await clientWithActiveNumber(app);
    await deliver(example("smb_message_echoes", phoneNumberId, wabaId));
    expect(await messagesOf(clientId)).toEqual([
      {
        wamid: `wamid.contract.${counter}.1`,
        direction: "outbound",
        origin: "business_app",
        status: "sent",
        text: "<MESSAGE_TEXT>",
      },
    ]);
  });

  it("history: both directions of the thread, the business's from its own number", async () => {
    const { clientId, phoneNumberId, wabaId } = await clientWithActiveNumber(app);
    await deliver(example("history", phoneNumberId, wabaId));
    expect((await messagesOf(clientId)).map((m) => [m.direction, m.origin, m.status])).toEqual([
      ["inbound", "history", "received"],
      ["outbound", "history", "delivered"],
    ]);
    const [connection] = await queryRows<{ history_sync: Record<string, unknown> }>(
      app,
      "SELECT history_sync FROM whatsapp_connections WHERE client_id = $1",
      [clientId],
    );
    expect(connection!.history_sync).toMatchObject({ status: "shared", phase: 1, progress: 55, messages: 2 });
  });

  it("history declined: nothing imported, the decline kept on the number", async () => {
    const { clientId, phoneNumberId, wabaId } = await clientWithActiveNumber(app);
    await deliver(example("history_declined", phoneNumberId, wabaId));
    expect(await messagesOf(clientId)).toEqual([]);
    const [connection] = await queryRows<{ history_sync: Record<string, unknown> }>(
      app,
      "SELECT history_sync FROM whatsapp_connections WHERE client_id = $1",
      [clientId],
    );
    expect(connection!.history_sync).toMatchObject({ status: "declined", messages: 0 });
  });

  it("smb_app_state_sync: the contact, named", async () => {
    const { clientId, phoneNumberId, wabaId } = await clientWithActiveNumber(app);
    await deliver(example("smb_app_state_sync", phoneNumberId, wabaId));
    const contacts = await queryRows(app, "SELECT wa_id, phone, name FROM contacts WHERE client_id = $1", [
      clientId,
    ]);
    expect(contacts).toEqual([{ wa_id: CANDIDATE, phone: `+${CANDIDATE}`, name: "Salma Bennani" }]);
  });
});

describe("a candidate the team knows by phone only (a send that never went through, an import)", () => {
  it("gets the echo and the candidate's own message in the same contact, which takes the wa_id", async () => {
    const { clientId, phoneNumberId, wabaId } = await clientWithActiveNumber(app);
    const [known] = await queryRows<{ id: string }>(
      app,
      "INSERT INTO contacts (client_id, phone, name) VALUES ($1, $2, 'Salma') RETURNING id",
      [clientId, `+${CANDIDATE}`],
    );
    await deliver(example("smb_message_echoes", phoneNumberId, wabaId));
    const reply = inboundText(CANDIDATE, "Merci !");
    await deliver(
      messagesEnvelope(phoneNumberId, { contacts: reply.contacts, messages: [reply.message] }, wabaId),
    );
    expect(await queryRows(app, "SELECT id, wa_id FROM contacts WHERE client_id = $1", [clientId])).toEqual([
      { id: known!.id, wa_id: CANDIDATE },
    ]);
    expect((await messagesOf(clientId)).map((m) => m.direction).sort()).toEqual(["inbound", "outbound"]);
  });
});

describe("what the product does not know", () => {
  it("is counted and kept raw; the rest of the delivery is handled", async () => {
    const { clientId, phoneNumberId, wabaId } = await clientWithActiveNumber(app);
    const payload = example("smb_app_state_sync", phoneNumberId, wabaId);
    const value = payload.entry[0]!.changes[0]!.value;
    (value.state_sync as unknown[]).push(
      { type: "label", label: { name: "VIP" }, action: "add" },
      { type: "contact", contact: { phone_number: "212600000009" }, action: "archive" },
    );
    const echoes = example("smb_message_echoes", phoneNumberId, wabaId);
    const echoValue = echoes.entry[0]!.changes[0]!.value;
    (echoValue.message_echoes as unknown[]).push({ from: BUSINESS, to: CANDIDATE, type: "text" }); // no id
    (echoValue.message_echoes as Record<string, unknown>[])[0]!.type = "poll_2027"; // a type of tomorrow
    payload.entry[0]!.changes.push(echoes.entry[0]!.changes[0]!, {
      field: "smb_something_new",
      value: { anything: true },
    } as never);
    await deliver(payload);

    const contacts = await queryRows(app, "SELECT wa_id FROM contacts WHERE client_id = $1", [clientId]);
    expect(contacts).toEqual([{ wa_id: CANDIDATE }]);
    const [stored] = await queryRows<{ type: string; content: { content: Record<string, unknown> } }>(
      app,
      "SELECT type, content FROM messages WHERE client_id = $1",
      [clientId],
    );
    expect(stored).toMatchObject({
      type: "unknown",
      content: { content: { type: "unknown", metaType: "poll_2027" } },
    });
    const [raw] = await queryRows<{ kept: boolean }>(
      app,
      "SELECT raw_body LIKE '%smb_something_new%' AND raw_body LIKE '%\"label\"%' AS kept FROM webhook_events ORDER BY id DESC LIMIT 1",
    );
    expect(raw!.kept).toBe(true);
    const metrics = (await app.inject({ method: "GET", url: "/metrics" })).body;
    expect(metrics).toMatch(
      /webhook_unknown_values_total\{field="smb_app_state_sync",what="state_sync_item"\} 2/,
    );
    expect(metrics).toMatch(/webhook_unknown_values_total\{field="smb_message_echoes",what="echo_item"\} 1/);
    expect(metrics).toMatch(/webhook_changes_total\{field="smb_something_new",handled="no"\} 1/);
  });
});
