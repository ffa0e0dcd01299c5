import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMessage } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import {
  clientWithActiveNumber,
  drainWebhooks,
  inboundText,
  messagesEnvelope,
  postWebhook,
} from "../../../../test/support/webhooks";
import type { ConversationPage } from "../../../contracts/conversations";
import type { MessageResponse } from "../../../contracts/messages";
import type { StoredDomainEvent } from "../../platform/events/domain-events";
import { foldRollupDeltas } from "../costs/rollup-fold.repository";
import { applyParkedStatuses } from "../messaging/statuses/statuses.service";
import { tenantRepositories } from "../tenant-repositories";
import { processPendingDeliveries } from "./webhook-processor";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await app.database.query(sql, params)).rows as T[];

const post = async (phoneNumberId: string, value: Parameters<typeof messagesEnvelope>[1]) =>
  expect((await postWebhook(app, messagesEnvelope(phoneNumberId, value))).statusCode).toBe(200);

/** The events recorded for a client, by type. */
const eventsOf = (clientId: string) =>
  rows<{ type: string; payload: { message: MessageResponse } }>(
    "SELECT type, payload FROM domain_events WHERE client_id = $1 ORDER BY id",
    [clientId],
  );

describe("a processing batch written together", () => {
  it("reads the labels and counts the messages of every client of a batch together, each only its own", async () => {
    const a = await clientWithActiveNumber(app);
    const b = await clientWithActiveNumber(app);
    const now = Math.floor(Date.now() / 1000);
    // The same candidate writes to both: a chat at each client, each labelled by its own team.
    const hello = (text: string, offset: number) =>
      inboundText("212600000401", text, { timestamp: now + offset, name: "Nadia" });
    for (const number of [a, b]) {
      const first = hello(`Bonjour ${number.clientId}`, 0);
      await post(number.phoneNumberId, { contacts: first.contacts, messages: [first.message] });
    }
    await drainWebhooks(app);
    const labelOf = async (number: typeof a, name: string) => {
      const label = (await number.session.post("/api/labels", { name, color: "red" })).json().id as string;
      const [chat] = (await number.session.get("/api/conversations")).json<ConversationPage>().conversations;
      expect(
        (await number.session.post(`/api/conversations/${chat!.id}/labels`, { labelId: label })).statusCode,
      ).toBe(200);
      return label;
    };
    const labelA = await labelOf(a, "Urgent A");
    const labelB = await labelOf(b, "Urgent B");

    const [{ before }] = (await rows<{ before: string }>(
      "SELECT coalesce(max(id), 0) AS before FROM domain_events",
    )) as [{ before: string }];
    for (const number of [a, b]) {
      const again = hello("Encore moi", 1);
      await post(number.phoneNumberId, { contacts: again.contacts, messages: [again.message] });
    }
    expect(await processPendingDeliveries(app.deps)).toBe(2); // one batch, two clients
    const received = await rows<{ client_id: string; payload: { conversation: { labelIds: string[] } } }>(
      "SELECT client_id, payload FROM domain_events WHERE id > $1 AND type = 'message:received'",
      [before],
    );
    const labelsAt = (clientId: string) =>
      received.filter((e) => e.client_id === clientId).map((e) => e.payload.conversation.labelIds);
    expect(labelsAt(a.clientId)).toEqual([[labelA]]);
    expect(labelsAt(b.clientId)).toEqual([[labelB]]);

    // One insert of the counts for both clients, each row its own client's.
    const counted = await rows<{ client_id: string; messages: number }>(
      `SELECT client_id, sum(messages)::int AS messages FROM cost_rollups_live
        WHERE client_id = ANY($1::uuid[]) AND category = 'inbound' GROUP BY client_id`,
      [[a.clientId, b.clientId]],
    );
    expect(Object.fromEntries(counted.map((row) => [row.client_id, row.messages]))).toEqual({
      [a.clientId]: 2,
      [b.clientId]: 2,
    });
  });

  it("stores a burst for two clients once each, with unread counts and previews as if one by one", async () => {
    const a = await clientWithActiveNumber(app);
    const b = await clientWithActiveNumber(app);
    const now = Math.floor(Date.now() / 1000);
    const first = inboundText("212600000101", "Le plus récent", { timestamp: now, name: "Sara" });
    const older = inboundText("212600000101", "Plus ancien, arrivé après", { timestamp: now - 60 });
    const stop = inboundText("212600000102", "STOP", { timestamp: now });
    const sameCandidateAtB = inboundText("212600000101", "Bonjour B", { timestamp: now, name: "Sara B" });
    const reaction = {
      from: "212600000101",
      id: `wamid.reaction.${Date.now()}`,
      timestamp: String(now),
      type: "reaction",
      reaction: { message_id: first.wamid, emoji: "👍" },
    };
    await post(a.phoneNumberId, { contacts: first.contacts, messages: [first.message] });
    await post(a.phoneNumberId, { contacts: older.contacts, messages: [older.message] });
    // Meta repeats a message in another delivery, and a delivery can hold the same message twice.
    await post(a.phoneNumberId, { contacts: first.contacts, messages: [first.message, first.message] });
    await post(b.phoneNumberId, {
      contacts: sameCandidateAtB.contacts,
      messages: [sameCandidateAtB.message],
    });
    await post(a.phoneNumberId, { contacts: first.contacts, messages: [reaction] });
    await post(a.phoneNumberId, { contacts: stop.contacts, messages: [stop.message] });

    const [{ before }] = (await rows<{ before: string }>(
      "SELECT coalesce(max(id), 0) AS before FROM domain_events",
    )) as [{ before: string }];
    const handedOver: StoredDomainEvent[] = [];
    const unsubscribe = app.deps.committedEvents.subscribe((events) => handedOver.push(...events));
    expect(await processPendingDeliveries(app.deps)).toBe(6); // one batch
    await new Promise((resolve) => setImmediate(resolve)); // handed over on the next turn
    unsubscribe();
    // Once committed, the batch's events go to this process's sockets as recorded, each with its client.
    const recorded = await rows<{ id: string; client_id: string }>(
      "SELECT id, client_id FROM domain_events WHERE id > $1 ORDER BY id",
      [before],
    );
    expect(handedOver.map((e) => [e.id, e.clientId])).toEqual(
      recorded.map((r) => [Number(r.id), r.client_id]),
    );
    expect(handedOver.filter((e) => e.clientId === b.clientId).map((e) => e.type)).toEqual([
      "message:received",
    ]);

    const chats = await rows<{
      phone: string;
      unread_count: number;
      last_message_preview: string;
      opted: boolean;
    }>(
      `SELECT ct.phone, c.unread_count, c.last_message_preview, ct.opted_out_at IS NOT NULL AS opted
         FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        WHERE c.client_id = $1 ORDER BY ct.phone`,
      [a.clientId],
    );
    expect(chats).toEqual([
      { phone: "+212600000101", unread_count: 2, last_message_preview: "Le plus récent", opted: false },
      { phone: "+212600000102", unread_count: 1, last_message_preview: "STOP", opted: true },
    ]);
    const aMessages = await rows("SELECT wamid FROM messages WHERE client_id = $1", [a.clientId]);
    expect(aMessages).toHaveLength(4); // two texts, the reaction, STOP — the repeats stored once

    // The candidate writing to both clients is two contacts, each client seeing only its own.
    const bChats = await rows<{ profile_name: string; last_message_preview: string }>(
      `SELECT ct.profile_name, c.last_message_preview FROM conversations c
         JOIN contacts ct ON ct.id = c.contact_id WHERE c.client_id = $1`,
      [b.clientId],
    );
    expect(bChats).toEqual([{ profile_name: "Sara B", last_message_preview: "Bonjour B" }]);

    const aEvents = await eventsOf(a.clientId);
    expect(aEvents.filter((e) => e.type === "message:received")).toHaveLength(4);
    expect(JSON.stringify(aEvents)).not.toContain("Bonjour B");
    const bEvents = await eventsOf(b.clientId);
    expect(bEvents.map((e) => e.type)).toEqual(["message:received"]);
    expect(JSON.stringify(bEvents)).not.toContain("Le plus récent");

    // The list a recruiter opens agrees.
    const list = (await a.session.get("/api/conversations")).json<ConversationPage>().conversations;
    expect(list.map((c) => c.unreadCount).sort()).toEqual([1, 2]);
  });

  it("applies a message's statuses of one batch in any order, matches our id, parks the unknown", async () => {
    const a = await clientWithActiveNumber(app);
    const hello = inboundText("212600000201", "Bonjour");
    await post(a.phoneNumberId, { contacts: hello.contacts, messages: [hello.message] });
    await drainWebhooks(app);
    const repos = tenantRepositories(app.database.db, a.clientId);
    const [conversation] = await rows<{ id: string }>("SELECT id FROM conversations WHERE client_id = $1", [
      a.clientId,
    ]);
    const outbound = (wamid: string) => ({
      conversationId: conversation!.id,
      direction: "outbound" as const,
      type: "text",
      content: { content: { type: "text", body: "Votre entretien" } },
      status: "sending" as const,
      wamid,
    });
    const known = await repos.messages.insertOnce(outbound(`wamid.out.${Date.now()}`));
    const awaiting = await buildMessage(app, {
      conversationId: conversation!.id,
      direction: "outbound",
      status: "sending",
      wamid: null,
    });
    const t = Math.floor(Date.now() / 1000);
    const status = (id: string, name: string, offset: number, extra = {}) => ({
      id,
      status: name,
      timestamp: String(t + offset),
      recipient_id: "212600000201",
      ...extra,
    });
    const attachedWamid = `wamid.attached.${Date.now()}`;
    await post(a.phoneNumberId, { statuses: [status(known!.wamid!, "read", 3)] });
    await post(a.phoneNumberId, { statuses: [status(known!.wamid!, "sent", 1)] });
    await post(a.phoneNumberId, {
      statuses: [
        status(known!.wamid!, "delivered", 2),
        status(attachedWamid, "sent", 1, { biz_opaque_callback_data: awaiting.id }),
        status("wamid.not-yet-known", "sent", 1),
      ],
    });
    expect(await processPendingDeliveries(app.deps)).toBe(3);

    const after = await repos.messages.findById(known!.id);
    expect(after).toMatchObject({ status: "read" });
    expect(after?.sentAt?.getTime()).toBe((t + 1) * 1000);
    expect(after?.deliveredAt?.getTime()).toBe((t + 2) * 1000);
    expect(after?.readAt?.getTime()).toBe((t + 3) * 1000);
    expect(await repos.messages.findById(awaiting.id)).toMatchObject({
      wamid: attachedWamid,
      status: "sent",
    });
    expect(await rows("SELECT 1 FROM parked_statuses WHERE wamid = 'wamid.not-yet-known'")).toHaveLength(1);
    const statusEvents = (await eventsOf(a.clientId)).filter((e) => e.type === "message:status");
    // One announcement per message, in its final state.
    expect(statusEvents.map((e) => [e.payload.message.id, e.payload.message.status]).sort()).toEqual(
      [
        [known!.id, "read"],
        [awaiting.id, "sent"],
      ].sort(),
    );
  });

  it("applies the statuses parked before the send stored its wamid, in arrival order, once it does", async () => {
    const a = await clientWithActiveNumber(app);
    const hello = inboundText("212600000301", "Bonjour");
    await post(a.phoneNumberId, { contacts: hello.contacts, messages: [hello.message] });
    await drainWebhooks(app);
    const [conversation] = await rows<{ id: string }>("SELECT id FROM conversations WHERE client_id = $1", [
      a.clientId,
    ]);
    const message = await buildMessage(app, {
      conversationId: conversation!.id,
      direction: "outbound",
      status: "sending",
      wamid: null,
    });
    const wamid = `wamid.early.${Date.now()}`;
    const t = Math.floor(Date.now() / 1000);
    const status = (name: string, offset: number) => ({
      id: wamid,
      status: name,
      timestamp: String(t + offset),
      recipient_id: "212600000301",
    });
    // Meta's webhooks outrun the send's answer: nothing knows this wamid yet, so they wait.
    await post(a.phoneNumberId, { statuses: [status("delivered", 2), status("read", 3)] });
    await post(a.phoneNumberId, { statuses: [status("sent", 1)] });
    await drainWebhooks(app);
    expect(await rows("SELECT 1 FROM parked_statuses WHERE wamid = $1", [wamid])).toHaveLength(3);

    const events = await app.database.db.transaction(async (tx) => {
      await tenantRepositories(tx, a.clientId).messages.update(message.id, { wamid, status: "sent" });
      return applyParkedStatuses(tx, a.clientId, [{ messageId: message.id, wamid }]);
    });
    const after = await tenantRepositories(app.database.db, a.clientId).messages.findById(message.id);
    expect(after).toMatchObject({ status: "read" });
    expect(after?.sentAt?.getTime()).toBe((t + 1) * 1000);
    expect(after?.deliveredAt?.getTime()).toBe((t + 2) * 1000);
    expect(after?.readAt?.getTime()).toBe((t + 3) * 1000);
    expect(await rows("SELECT 1 FROM parked_statuses WHERE wamid = $1", [wamid])).toHaveLength(0);
    const announced = events.map((e) => (e.payload as { message: MessageResponse }).message.status);
    expect(announced).toEqual(["delivered", "read", "read"]);
  });

  it("charges the priced statuses parked for several sends once each, and adds them to the month's rollup together", async () => {
    const a = await clientWithActiveNumber(app);
    const hello = inboundText("212600000302", "Salam");
    await post(a.phoneNumberId, { contacts: hello.contacts, messages: [hello.message] });
    await drainWebhooks(app);
    const [conversation] = await rows<{ id: string }>("SELECT id FROM conversations WHERE client_id = $1", [
      a.clientId,
    ]);
    const t = Math.floor(Date.now() / 1000);
    const sends: { messageId: string; wamid: string }[] = [];
    for (const n of [1, 2]) {
      const message = await buildMessage(app, {
        conversationId: conversation!.id,
        direction: "outbound",
        status: "sending",
        wamid: null,
      });
      sends.push({ messageId: message.id, wamid: `wamid.early.priced.${n}.${Date.now()}` });
    }
    const priced = (wamid: string) => ({
      id: wamid,
      status: "delivered",
      timestamp: String(t),
      recipient_id: "212600000302",
      pricing: { billable: true, pricing_model: "PMP", category: "utility", type: "regular" },
    });
    await post(a.phoneNumberId, { statuses: sends.map((send) => priced(send.wamid)) });
    await drainWebhooks(app);

    const apply = () =>
      app.database.db.transaction(async (tx) => {
        for (const send of sends)
          await tenantRepositories(tx, a.clientId).messages.update(send.messageId, {
            wamid: send.wamid,
            status: "sent",
          });
        return applyParkedStatuses(tx, a.clientId, sends);
      });
    await apply();
    await apply(); // nothing parked any more: nothing charged twice
    const ledger = await rows<{ message_id: string }>(
      "SELECT message_id FROM cost_ledger WHERE client_id = $1 ORDER BY message_id",
      [a.clientId],
    );
    expect(ledger.map((row) => row.message_id)).toEqual(sends.map((send) => send.messageId).sort());
    const utility = (table: string) =>
      rows<{ messages: number; amount: string }>(
        `SELECT messages, amount_mad::text AS amount FROM ${table} WHERE client_id = $1 AND category = 'utility'`,
        [a.clientId],
      );
    // One addition for the batch, then one rollup row once folded.
    expect((await utility("cost_rollup_deltas")).map((row) => row.messages)).toEqual([2]);
    await foldRollupDeltas(app.database.db);
    const rollups = await utility("cost_rollups");
    expect(rollups).toHaveLength(1);
    expect(rollups[0]!.messages).toBe(2);
    const [total] = await rows<{ amount: string }>(
      "SELECT sum(amount_mad)::text AS amount FROM cost_ledger WHERE client_id = $1",
      [a.clientId],
    );
    expect(Number(rollups[0]!.amount)).toBeCloseTo(Number(total!.amount), 6);
  });

  it("retries only the delivery the database refuses: its neighbours in the batch are stored", async () => {
    const a = await clientWithActiveNumber(app);
    // The database refuses one message (as it would a value it cannot store), whatever the batch.
    await app.database.query(`
      CREATE OR REPLACE FUNCTION refuse_probe() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.text = 'refusé par la base' THEN RAISE EXCEPTION 'probe: refused'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_probe BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_probe();
    `);
    try {
      const texts = ["avant", "refusé par la base", "après"].map((body, i) =>
        inboundText(`21260000050${i}`, body),
      );
      for (const text of texts)
        await post(a.phoneNumberId, { contacts: text.contacts, messages: [text.message] });
      // The back-off counts from the processing transaction's start: compared with a moment taken
      // before it, not with the clock after it (a loaded machine can take longer than the back-off).
      const [before] = await rows<{ at: string }>("SELECT now()::text AS at");
      expect(await processPendingDeliveries(app.deps)).toBe(3);

      const stored = await rows<{ text: string }>(
        "SELECT text FROM messages WHERE client_id = $1 ORDER BY text",
        [a.clientId],
      );
      expect(stored.map((m) => m.text)).toEqual(["après", "avant"]);
      const refused = await rows<{ processed: boolean; attempts: number; error: string; later: boolean }>(
        `SELECT processed_at IS NOT NULL AS processed, attempts, error,
                next_attempt_at >= $1::timestamptz + interval '1 second' AS later
           FROM webhook_events WHERE processed_at IS NULL`,
        [before!.at],
      );
      expect(refused).toEqual([{ processed: false, attempts: 1, error: "probe: refused", later: true }]);
      // The events of the stored two were recorded, none for the refused one.
      const received = (await eventsOf(a.clientId)).filter((e) => e.type === "message:received");
      expect(received).toHaveLength(2);
    } finally {
      await app.database.query("DROP TRIGGER refuse_probe ON messages; DROP FUNCTION refuse_probe()");
      await app.database.query("DELETE FROM webhook_events WHERE processed_at IS NULL");
    }
  });

  it("lets several processing loops share a burst: nothing lost, nothing twice, no deadlock", async () => {
    const a = await clientWithActiveNumber(app);
    const b = await clientWithActiveNumber(app);
    const now = Math.floor(Date.now() / 1000);
    const sent: { number: string; wamid: string }[] = [];
    for (let i = 0; i < 500; i++) {
      const target = i % 2 === 0 ? a : b;
      // 20 candidates per number, so that concurrent batches meet on the same chats and contacts.
      const text = inboundText(`2126000003${String(i % 20).padStart(2, "0")}`, `message ${i}`, {
        timestamp: now - (i % 7),
      });
      await post(target.phoneNumberId, { contacts: text.contacts, messages: [text.message] });
      sent.push({ number: target.phoneNumberId, wamid: text.wamid });
      // Every tenth delivery repeated with other bytes (Meta's duplicates), landing in another batch.
      if (i % 10 === 0)
        await post(target.phoneNumberId, { contacts: text.contacts, messages: [text.message, text.message] });
    }
    const drain = async () => {
      while ((await processPendingDeliveries(app.deps)) > 0) {
        // next batch
      }
    };
    await Promise.all([drain(), drain(), drain()]);

    const stored = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE client_id IN ($1, $2)",
      [a.clientId, b.clientId],
    );
    expect(stored[0]!.n).toBe(500);
    const unread = await rows<{ client_id: string; n: number; chats: number }>(
      `SELECT client_id, sum(unread_count)::int AS n, count(*)::int AS chats FROM conversations
        WHERE client_id IN ($1, $2) GROUP BY client_id`,
      [a.clientId, b.clientId],
    );
    expect(unread.map((r) => [r.n, r.chats])).toEqual([
      [250, 10],
      [250, 10],
    ]);
    expect(
      await rows("SELECT id FROM webhook_events WHERE processed_at IS NULL OR error IS NOT NULL"),
    ).toHaveLength(0);
  });
});
