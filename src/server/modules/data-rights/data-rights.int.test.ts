import { existsSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildUser, type Caller, loginAs } from "../../../../test/support/factories";
import {
  buildConnection,
  buildContact,
  buildConversation,
  buildMessage,
} from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { campaignRecipients, campaigns, costLedger, media, notes } from "../../platform/db/schema/index";
import { applyRetention } from "./retention.service";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const fileOnDisk = (key: string) => join(app.deps.config.mediaDir, key);
const query = async (text: string, params: unknown[] = []) => (await app.database.query(text, params)).rows;

/**
 * A candidate with everything the product can hold about them: two chats on two numbers, texts
 * with statuses, a stored image, a note, a priced message in the ledger, a campaign row, a socket
 * event, a messaging-limit reach, a parked status and the raw webhook that brought their message.
 */
async function candidateWithHistory(clientId: string, ownerId: string, name = "Salma Idrissi") {
  const contact = await buildContact(app, { clientId, name, optInSource: "form" });
  const connection = await buildConnection(app, { clientId });
  const other = await buildConnection(app, { clientId });
  const chat = await buildConversation(app, { clientId, contactId: contact.id, connectionId: connection.id });
  const second = await buildConversation(app, { clientId, contactId: contact.id, connectionId: other.id });
  const inbound = await buildMessage(app, { conversationId: chat.id, body: "Je suis disponible lundi" });
  const outbound = await buildMessage(app, {
    conversationId: chat.id,
    direction: "outbound",
    status: "read",
    body: "Entretien confirmé",
  });
  const image = await buildMessage(app, { conversationId: second.id, type: "image", body: "cv" });
  const key = `${clientId}/${image.id}.jpg`;
  await app.deps.media.put(key, Buffer.from("jpeg bytes of the CV"));
  await app.database.db.insert(media).values({
    clientId,
    messageId: image.id,
    storageKey: key,
    status: "stored",
    mimeType: "image/jpeg",
    filename: "cv salma.jpg",
  });
  await app.database.db
    .insert(notes)
    .values({ clientId, conversationId: chat.id, authorId: ownerId, body: "Profil solide, relancer" });
  const [campaign] = await app.database.db
    .insert(campaigns)
    .values({
      clientId,
      connectionId: connection.id,
      name: "Relance juin",
      templateName: "relance",
      templateLanguage: "fr",
      category: "MARKETING",
      recipientCount: 1,
      estimatedCostMad: "0.20",
    })
    .returning();
  await app.database.db.insert(campaignRecipients).values({
    clientId,
    campaignId: campaign!.id,
    row: 1,
    phone: contact.phone!,
    name,
    variables: { prenom: "Salma" },
    messageId: outbound.id,
    outcome: "queued",
  });
  await app.database.db.insert(costLedger).values({
    clientId,
    messageId: outbound.id,
    connectionId: connection.id,
    conversationId: chat.id,
    campaignId: campaign!.id,
    market: "MA",
    category: "marketing",
    pricingType: "regular",
    amountMad: "0.2025",
    billedAt: new Date("2026-06-02T10:00:00Z"),
    month: "2026-06-01",
  });
  await query("INSERT INTO domain_events (client_id, type, payload) VALUES ($1, 'message.created', $2)", [
    clientId,
    JSON.stringify({ conversationId: chat.id, preview: "Je suis disponible lundi" }),
  ]);
  await query("INSERT INTO domain_events (client_id, type, payload) VALUES ($1, 'contact.updated', $2)", [
    clientId,
    JSON.stringify({ contact: { waId: contact.waId, name } }),
  ]);
  await query(
    "INSERT INTO messaging_limit_reaches (client_id, portfolio_id, recipient) VALUES ($1, 'portfolio', $2)",
    [clientId, contact.waId],
  );
  await query("INSERT INTO parked_statuses (wamid, status) VALUES ($1, '{}')", [outbound.wamid]);
  const rawBody = JSON.stringify({
    entry: [
      {
        changes: [
          {
            value: {
              metadata: { phone_number_id: connection.phoneNumberId },
              contacts: [{ wa_id: contact.waId }],
            },
          },
        ],
      },
    ],
  });
  await query(
    "INSERT INTO webhook_events (body_sha256, raw_body, processed_at) VALUES (md5($1), $1, now())",
    [rawBody],
  );
  return { contact, chat, second, inbound, outbound, image, key, campaign: campaign!, connection };
}

describe("a candidate's data rights", () => {
  let owner: Caller;
  let clientId: string;
  let ownerId: string;
  beforeAll(async () => {
    const built = await buildClient(app);
    clientId = built.client.id;
    ownerId = built.owner.id;
    owner = await loginAs(app, built.owner);
  });

  it("exports everything held about a candidate as one ZIP, and audits it", async () => {
    const held = await candidateWithHistory(clientId, ownerId);
    const response = await owner.get(`/api/contacts/${held.contact.id}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/zip");
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const document = JSON.parse(Buffer.from(files["candidate.json"]!).toString("utf8"));
    expect(document.contact).toMatchObject({
      id: held.contact.id,
      name: "Salma Idrissi",
      waId: held.contact.waId,
    });
    expect(document.consent.optInSource).toBe("form");
    expect(document.conversations.map((row: { id: string }) => row.id).sort()).toEqual(
      [held.chat.id, held.second.id].sort(),
    );
    expect(
      document.messages.map((row: { id: string; status: string }) => [row.id, row.status]).sort(),
    ).toEqual(
      [
        [held.inbound.id, "received"],
        [held.outbound.id, "read"],
        [held.image.id, "received"],
      ].sort(),
    );
    expect(document.notes.map((row: { body: string }) => row.body)).toEqual(["Profil solide, relancer"]);
    expect(document.campaignRecipients).toEqual([
      expect.objectContaining({ variables: { prenom: "Salma" } }),
    ]);
    expect(document.costLedger).toEqual([
      expect.objectContaining({ amountMad: "0.2025", messageId: held.outbound.id }),
    ]);
    const [file] = document.media;
    expect(file.file).toMatch(/^media\/.+cv_salma\.jpg$/);
    expect(Buffer.from(files[file.file]!).toString()).toBe("jpeg bytes of the CV");
    expect(JSON.stringify(document)).not.toContain(held.key);

    const audit = await query(
      "SELECT actor_id, action FROM audit_log WHERE client_id = $1 AND target_id = $2",
      [clientId, held.contact.id],
    );
    expect(audit).toEqual([{ actor_id: ownerId, action: "contact.exported" }]);
  });

  it("erases a candidate: nothing personal left, ledger amounts kept, files gone, one audit line", async () => {
    const held = await candidateWithHistory(clientId, ownerId, "Nadia Alaoui");
    const bystander = await candidateWithHistory(clientId, ownerId, "Karim Benali");
    expect(existsSync(fileOnDisk(held.key))).toBe(true);

    expect((await owner.post(`/api/contacts/${held.contact.id}/erase`, {})).statusCode).toBe(400);
    const response = await owner.post(`/api/contacts/${held.contact.id}/erase`, { confirm: "ERASE" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      alreadyErased: false,
      erased: { conversations: 2, messages: 3 },
    });

    const ids = [held.chat.id, held.second.id];
    const messageIds = [held.inbound.id, held.outbound.id, held.image.id];
    expect(await query("SELECT id FROM contacts WHERE id = $1", [held.contact.id])).toEqual([]);
    expect(
      await query("SELECT id FROM contacts WHERE wa_id = $1 OR phone = $2", [
        held.contact.waId,
        held.contact.phone,
      ]),
    ).toEqual([]);
    expect(await query("SELECT id FROM conversations WHERE id = ANY($1)", [ids])).toEqual([]);
    expect(
      await query("SELECT id FROM messages WHERE id = ANY($1) OR conversation_id = ANY($2)", [
        messageIds,
        ids,
      ]),
    ).toEqual([]);
    expect(
      await query("SELECT id FROM media WHERE message_id = ANY($1) OR storage_key = $2", [
        messageIds,
        held.key,
      ]),
    ).toEqual([]);
    expect(await query("SELECT id FROM notes WHERE conversation_id = ANY($1)", [ids])).toEqual([]);
    for (const trace of [held.chat.id, held.contact.waId!, "Nadia Alaoui"])
      expect(
        await query("SELECT id FROM domain_events WHERE payload::text LIKE '%' || $1 || '%'", [trace]),
      ).toEqual([]);
    expect(
      await query("SELECT id FROM messaging_limit_reaches WHERE recipient = $1", [held.contact.waId]),
    ).toEqual([]);
    expect(await query("SELECT id FROM parked_statuses WHERE wamid = $1", [held.outbound.wamid])).toEqual([]);
    expect(
      await query("SELECT id FROM webhook_events WHERE raw_body LIKE '%' || $1 || '%'", [held.contact.waId]),
    ).toEqual([]);
    expect(existsSync(fileOnDisk(held.key))).toBe(false);

    // The campaign row stays for the campaign's counts, without whom it was sent to.
    expect(
      await query(
        "SELECT phone, name, variables, message_id FROM campaign_recipients WHERE campaign_id = $1",
        [held.campaign.id],
      ),
    ).toEqual([{ phone: "erased", name: null, variables: {}, message_id: null }]);
    // The ledger keeps its amount, with nothing that leads back to the candidate.
    expect(
      await query(
        "SELECT message_id, conversation_id, amount_mad::text AS amount, category FROM cost_ledger WHERE campaign_id = $1",
        [held.campaign.id],
      ),
    ).toEqual([{ message_id: null, conversation_id: null, amount: "0.2025", category: "marketing" }]);

    // Nothing of the candidate's left in any text column of the client's rows.
    const leftovers = await query(
      `SELECT 'audit' AS source, metadata::text AS text FROM audit_log WHERE client_id = $1
       UNION ALL SELECT 'recipient', row_to_json(r)::text FROM campaign_recipients r WHERE client_id = $1
       UNION ALL SELECT 'ledger', row_to_json(l)::text FROM cost_ledger l WHERE client_id = $1
       UNION ALL SELECT 'outbound', body FROM webhook_outbound_events WHERE client_id = $1`,
      [clientId],
    );
    for (const row of leftovers) {
      expect(String(row.text)).not.toContain(held.contact.waId!);
      expect(String(row.text)).not.toContain("Nadia Alaoui");
    }

    const [line] = await query(
      "SELECT actor_type, actor_id, metadata::text AS metadata FROM audit_log WHERE action = 'contact.erased' AND target_id = $1",
      [held.contact.id],
    );
    expect(line).toMatchObject({ actor_type: "user", actor_id: ownerId });
    expect(String(line!.metadata)).not.toContain(held.contact.waId!);

    // The other candidate of the same client is untouched.
    expect(
      await query("SELECT id FROM messages WHERE conversation_id = $1", [bystander.chat.id]),
    ).toHaveLength(2);
    expect(existsSync(fileOnDisk(bystander.key))).toBe(true);
    expect(
      await query("SELECT phone FROM campaign_recipients WHERE campaign_id = $1", [bystander.campaign.id]),
    ).toEqual([{ phone: bystander.contact.phone }]);

    // Twice is harmless; a later message from the same number simply makes a new contact.
    const again = await owner.post(`/api/contacts/${held.contact.id}/erase`, { confirm: "ERASE" });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyErased: true });
    const returning = await buildContact(app, { clientId, waId: held.contact.waId! });
    expect(returning.id).not.toBe(held.contact.id);
  });

  it("answers 404 for an unknown candidate and 400 for a malformed id", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await owner.get(`/api/contacts/${unknown}/export`)).statusCode).toBe(404);
    expect((await owner.post(`/api/contacts/${unknown}/erase`, { confirm: "ERASE" })).statusCode).toBe(404);
    expect((await owner.get("/api/contacts/not-an-id/export")).statusCode).toBe(400);
    expect((await owner.patch("/api/data-rights/retention", { conversationMonths: 0 })).statusCode).toBe(400);
    expect((await owner.patch("/api/data-rights/retention", {})).statusCode).toBe(400);
  });

  it("keeps retention settings per client, for owners and admins", async () => {
    const admin = await loginAs(app, await buildUser(app, { clientId, role: "admin" }));
    expect((await admin.get("/api/data-rights/retention")).json()).toEqual({
      conversationMonths: null,
      mediaMonths: null,
    });
    const set = await admin.patch("/api/data-rights/retention", { conversationMonths: 24, mediaMonths: 6 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ conversationMonths: 24, mediaMonths: 6 });
    expect((await owner.patch("/api/data-rights/retention", { mediaMonths: null })).json()).toEqual({
      conversationMonths: 24,
      mediaMonths: null,
    });
    const recruiter = await loginAs(app, await buildUser(app, { clientId, role: "recruiter" }));
    expect((await recruiter.get("/api/data-rights/retention")).statusCode).toBe(403);
  });
});

describe("the daily retention job", () => {
  const monthsAgo = (months: number) => new Date(Date.now() - months * 31 * 86_400_000);

  it("deletes old conversations and old media files as each client set, and nothing else", async () => {
    const strict = await buildConnection(app);
    const lenient = await buildConnection(app);
    await query(
      "UPDATE clients SET retention_conversation_months = 12, retention_media_months = 3 WHERE id = $1",
      [strict.clientId],
    );
    const old = await buildConversation(app, { connectionId: strict.id, lastMessageAt: monthsAgo(14) });
    const oldMessage = await buildMessage(app, {
      conversationId: old.id,
      direction: "outbound",
      status: "delivered",
    });
    await app.database.db.insert(costLedger).values({
      clientId: strict.clientId,
      messageId: oldMessage.id,
      conversationId: old.id,
      market: "MA",
      category: "utility",
      pricingType: "regular",
      amountMad: "0.0360",
      billedAt: monthsAgo(14),
      month: "2025-09-01",
    });
    const recent = await buildConversation(app, { connectionId: strict.id, lastMessageAt: monthsAgo(1) });
    const recentImage = await buildMessage(app, { conversationId: recent.id, type: "image" });
    const oldImage = await buildMessage(app, { conversationId: recent.id, type: "image" });
    const files = { recent: `${strict.clientId}/recent.jpg`, old: `${strict.clientId}/old.jpg` };
    await app.deps.media.put(files.recent, Buffer.from("new"));
    await app.deps.media.put(files.old, Buffer.from("old"));
    await app.database.db.insert(media).values([
      { clientId: strict.clientId, messageId: recentImage.id, storageKey: files.recent, status: "stored" },
      {
        clientId: strict.clientId,
        messageId: oldImage.id,
        storageKey: files.old,
        status: "stored",
        createdAt: monthsAgo(4),
      },
    ]);
    const untouched = await buildConversation(app, {
      connectionId: lenient.id,
      lastMessageAt: monthsAgo(60),
    });
    for (const [name, createdAt] of [
      ["old", monthsAgo(13)],
      ["recent", monthsAgo(2)],
    ] as const) {
      const [campaign] = await app.database.db
        .insert(campaigns)
        .values({
          clientId: strict.clientId,
          connectionId: strict.id,
          name,
          templateName: "relance",
          templateLanguage: "fr",
          category: "MARKETING",
          recipientCount: 1,
          estimatedCostMad: "0.20",
          createdAt,
        })
        .returning();
      await app.database.db.insert(campaignRecipients).values({
        clientId: strict.clientId,
        campaignId: campaign!.id,
        row: 1,
        phone: `+2126000000${name.length}`,
        name: `Candidate ${name}`,
        variables: { prenom: name },
        outcome: "queued",
      });
    }

    const summaries = await applyRetention(app.deps, new Date(), 1);

    expect(summaries.get(strict.clientId)).toEqual({
      conversations: 1,
      contacts: 1,
      campaignRecipients: 1,
      mediaFiles: 1,
    });
    expect(summaries.has(lenient.clientId)).toBe(false);
    expect(await query("SELECT id FROM conversations WHERE id = $1", [old.id])).toEqual([]);
    expect(await query("SELECT id FROM contacts WHERE id = $1", [old.contactId])).toEqual([]);
    expect(
      await query("SELECT id FROM conversations WHERE id = ANY($1)", [[recent.id, untouched.id]]),
    ).toHaveLength(2);
    expect(
      await query("SELECT amount_mad::text AS amount, message_id FROM cost_ledger WHERE client_id = $1", [
        strict.clientId,
      ]),
    ).toEqual([{ amount: "0.0360", message_id: null }]);
    expect(existsSync(fileOnDisk(files.old))).toBe(false);
    expect(
      await query(
        "SELECT c.name AS campaign, r.phone, r.name, r.variables FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE r.client_id = $1 ORDER BY c.name",
        [strict.clientId],
      ),
    ).toEqual([
      { campaign: "old", phone: "erased", name: null, variables: {} },
      {
        campaign: "recent",
        phone: "+21260000006",
        name: "Candidate recent",
        variables: { prenom: "recent" },
      },
    ]);
    expect(existsSync(fileOnDisk(files.recent))).toBe(true);
    expect(await query("SELECT id FROM messages WHERE id = $1", [oldImage.id])).toHaveLength(1);
    const [line] = await query(
      "SELECT actor_type, metadata FROM audit_log WHERE client_id = $1 AND action = 'retention.applied'",
      [strict.clientId],
    );
    expect(line).toMatchObject({
      actor_type: "system",
      metadata: expect.objectContaining({ conversations: 1, mediaFiles: 1 }),
    });

    // A second run finds nothing more to do.
    expect((await applyRetention(app.deps)).get(strict.clientId)).toEqual({
      conversations: 0,
      contacts: 0,
      campaignRecipients: 0,
      mediaFiles: 0,
    });
  });
});
