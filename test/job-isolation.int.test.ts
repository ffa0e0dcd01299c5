import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoAssignJob } from "../src/server/modules/automation/jobs/auto-assign.job";
import { awayReplyJob } from "../src/server/modules/automation/jobs/away-reply.job";
import { sendCampaignJob } from "../src/server/modules/campaigns/send-campaign.job";
import { onboardConnectionJob } from "../src/server/modules/connections/jobs/onboard-connection.job";
import { endSnoozeJob } from "../src/server/modules/conversations/jobs/end-snooze.job";
import { downloadMediaJob } from "../src/server/modules/messaging/media/download-media.job";
import { markReadJob } from "../src/server/modules/messaging/outbound/mark-read.job";
import { sendMessageJob } from "../src/server/modules/messaging/outbound/send-message.job";
import { syncTemplatesJob } from "../src/server/modules/templates/jobs/sync-templates.job";
import { createLogger } from "../src/server/platform/logger";
import { connectedClient, eventually } from "./support/connected";
import { buildClient } from "./support/factories";
import { buildConversation, buildMessage } from "./support/rows";
import { createTestApp, type TestApp } from "./support/test-app";

/**
 * Jobs carry a client id and act only through that client's scoped repositories: a payload that
 * pairs one client's id with another client's objects does nothing, and sends nothing to Meta.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());

const context = () => ({
  jobId: "test",
  log: createLogger("silent"),
  deps: app.deps,
  retryCount: 0,
  isLastAttempt: true,
});
const sentCount = async (phoneNumberId: string) =>
  (
    (
      await app.inject({ method: "GET", url: `/simulator/control/sent?phoneNumberId=${phoneNumberId}` })
    ).json().sent as unknown[]
  ).length;

describe("job isolation", () => {
  it("runs no job of one client against another client's objects", async () => {
    const victim = await connectedClient(app);
    await eventually(async () => (await victim.session.get("/api/templates")).json().templates.length > 0);
    await app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId: victim.connection.phoneNumberId,
        from: "212612345678",
        type: "image",
        image: {},
      },
    });
    const conversation = await eventually(
      async () => (await victim.session.get("/api/conversations")).json().conversations[0],
    );
    const queued = (
      await victim.session.post("/api/messages/send", { conversationId: conversation.id, text: "Bonjour" })
    ).json();
    await eventually(async () =>
      (await victim.session.get(`/api/messages/${conversation.id}`))
        .json()
        .messages.some((m: { id: string; wamid: string | null }) => m.id === queued.id && m.wamid),
    );
    const campaign = (
      await victim.session.post("/api/campaigns", {
        name: "Victim's campaign",
        connectionId: victim.connection.id,
        template: { name: "job_opportunity", language: "fr" },
        recipients: [{ phone: "0611223344", body: [{ text: "Ana" }, { text: "cariste" }, { text: "Fès" }] }],
      })
    ).json();
    await eventually(
      async () => (await victim.session.get(`/api/campaigns/${campaign.id}`)).json().progress.queued === 0,
    );
    // As if the victim's campaign still had a recipient to send to.
    await app.database.query(
      "UPDATE campaign_recipients SET outcome = 'pending', message_id = NULL WHERE campaign_id = $1",
      [campaign.id],
    );
    const { rows } = await app.database.query("SELECT id FROM media WHERE client_id = $1", [victim.clientId]);
    const mediaId = String(rows[0]?.id);
    const before = await sentCount(victim.connection.phoneNumberId!);

    const { client: attacker, owner: attackerOwner } = await buildClient(app);
    await onboardConnectionJob.handler(
      { clientId: attacker.id, connectionId: victim.connection.id },
      context(),
    );
    await sendMessageJob.handler({ clientId: attacker.id, messageId: queued.id, components: [] }, context());
    await markReadJob.handler({ clientId: attacker.id, conversationId: conversation.id }, context());
    await downloadMediaJob.handler({ clientId: attacker.id, mediaId }, context());
    await sendCampaignJob.handler(
      {
        clientId: attacker.id,
        campaignId: campaign.id,
        actor: { type: "user", userId: attackerOwner.id },
        chain: "0",
        round: 0,
      },
      context(),
    );
    const pending = await app.database.query(
      "SELECT outcome FROM campaign_recipients WHERE campaign_id = $1",
      [campaign.id],
    );
    expect(pending.rows).toEqual([{ outcome: "pending" }]);
    await expect(
      syncTemplatesJob.handler({ clientId: attacker.id, connectionId: victim.connection.id }, context()),
    ).rejects.toThrow(/not found/);

    expect(await sentCount(victim.connection.phoneNumberId!)).toBe(before);
    const counts = await app.database.query(
      "SELECT (SELECT count(*) FROM messages WHERE client_id = $1)::int AS messages, (SELECT count(*) FROM templates WHERE client_id = $1)::int AS templates, (SELECT count(*) FROM media WHERE client_id = $1)::int AS media",
      [attacker.id],
    );
    expect(counts.rows[0]).toEqual({ messages: 0, templates: 0, media: 0 });
    expect((await victim.session.get(`/api/connections/${victim.connection.id}`)).json().state).toBe(
      "active",
    );
  });

  it("ends no snooze of another client's conversation", async () => {
    // The victim's chat, snoozed until a moment that has passed (its own job not yet run).
    const snoozed = await buildConversation(app, {
      lastMessageAt: new Date(),
      status: "snoozed",
      snoozedUntil: new Date(Date.now() - 1_000),
    });
    const { client: attacker } = await buildClient(app);
    await endSnoozeJob.handler({ clientId: attacker.id, conversationId: snoozed.id }, context());
    const { rows } = await app.database.query("SELECT status FROM conversations WHERE id = $1", [snoozed.id]);
    expect(rows).toEqual([{ status: "snoozed" }]);
    await endSnoozeJob.handler({ clientId: snoozed.clientId, conversationId: snoozed.id }, context());
    const after = await app.database.query("SELECT status FROM conversations WHERE id = $1", [snoozed.id]);
    expect(after.rows).toEqual([{ status: "open" }]);
  });

  it("assigns no conversation of another client, and sends it no away reply", async () => {
    // The victim's candidate just wrote, at night; nobody has the chat.
    const chat = await buildConversation(app, { lastInboundAt: new Date(), lastMessageAt: new Date() });
    const message = await buildMessage(app, { conversationId: chat.id, body: "مرحبا" });
    // The attacker assigns every new chat and answers at any hour.
    const { client: attacker } = await buildClient(app);
    await app.database.query(
      `UPDATE clients SET assignment_mode = 'round_robin', away_reply_enabled = true,
         business_hours = '{"monday":null,"tuesday":null,"wednesday":null,"thursday":null,"friday":null,"saturday":null,"sunday":null}'
       WHERE id = $1`,
      [attacker.id],
    );
    await autoAssignJob.handler({ clientId: attacker.id, conversationId: chat.id }, context());
    await awayReplyJob.handler(
      { clientId: attacker.id, conversationId: chat.id, messageId: message.id },
      context(),
    );
    const { rows } = await app.database.query(
      "SELECT assignee_id, away_replied_at, (SELECT count(*)::int FROM messages WHERE conversation_id = $1) AS messages FROM conversations WHERE id = $1",
      [chat.id],
    );
    expect(rows).toEqual([{ assignee_id: null, away_replied_at: null, messages: 1 }]);
  });
});
