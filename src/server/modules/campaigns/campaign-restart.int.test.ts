import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectedClient,
  eventually,
  simulatorControl,
  startWorkerBeside,
} from "../../../../test/support/connected";
import type { Caller } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { jobsSettled } from "../../../../test/support/waiting";
import { createLogger } from "../../platform/logger";
import { RECIPIENTS_PER_ROUND } from "./campaigns.service";
import { sendCampaignJob } from "./send-campaign.job";

/**
 * A campaign outlives the worker process that was creating its messages: killed with `kill -9`,
 * it holds its job (`active`) until the job's attempt expires; another worker then finishes the
 * campaign, every candidate getting the template once. The web process here runs no jobs: the
 * workers are started beside it, as in production.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: false });
});
afterAll(() => app.close());

const RECIPIENTS = 2 * RECIPIENTS_PER_ROUND + 50;
const phoneOf = (row: number) => `+21266${String(row).padStart(7, "0")}`;

async function campaignOf(session: Caller, connectionId: string) {
  const response = await session.post("/api/campaigns", {
    name: "Relance caristes",
    connectionId,
    template: { name: "job_opportunity", language: "fr" },
    recipients: Array.from({ length: RECIPIENTS }, (_, row) => ({
      phone: phoneOf(row),
      name: `Candidat ${row}`,
      body: [{ text: `Candidat ${row}` }, { text: "cariste" }, { text: "Tanger" }],
    })),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>();
}

/** A connected client, onboarded by a worker that has stopped since. */
async function clientWithoutWorker(number: "casablanca" | "atlas") {
  const onboarding = await startWorkerBeside(app);
  const connected = await connectedClient(app, number);
  await eventually(async () => (await connected.session.get("/api/templates")).json().templates.length > 0);
  await onboarding.close();
  return connected;
}

async function recipientsOf(campaignId: string) {
  const { rows } = await app.database.query(
    "SELECT row, outcome, message_id FROM campaign_recipients WHERE campaign_id = $1 ORDER BY row",
    [campaignId],
  );
  return rows as { row: number; outcome: string; message_id: string | null }[];
}

describe("a worker killed in the middle of a campaign", () => {
  it("leaves the campaign to another worker, which finishes it: each candidate sent once, none skipped", async () => {
    const { session, connection } = await clientWithoutWorker("casablanca");
    const campaign = await campaignOf(session, connection.id);

    // The worker that took the campaign's first round is killed: the job stays `active`, held by
    // a process that will never complete it nor say it failed.
    const [held] = await app.deps.queue.boss.fetch<{ campaignId: string }>(sendCampaignJob.name);
    expect(held?.data.campaignId).toBe(campaign.id);

    const worker = await startWorkerBeside(app);
    try {
      // Within the round's expiry and a maintenance pass, not the hour a campaign's job once held.
      const done = await eventually(async () => {
        const c = (await session.get(`/api/campaigns/${campaign.id}`)).json();
        return (
          c.progress.queued === 0 && c.progress.sent + c.progress.delivered + c.progress.read === RECIPIENTS
        );
      }, 180_000);
      expect(done).toBe(true);
      await jobsSettled(app.database, sendCampaignJob.name, { campaignId: campaign.id });
    } finally {
      await worker.close();
    }

    const recipients = await recipientsOf(campaign.id);
    expect(recipients.filter((r) => r.outcome !== "queued")).toEqual([]);
    expect(new Set(recipients.map((r) => r.message_id)).size).toBe(RECIPIENTS);
    const sent = (await simulatorControl(app)(`sent?phoneNumberId=${connection.phoneNumberId}`)).json()
      .sent as { body: { type?: string; to?: string }; responseStatus: number }[];
    const accepted = sent.filter((s) => s.body.type === "template" && s.responseStatus === 200);
    expect(accepted.map((s) => s.body.to).sort()).toEqual(
      Array.from({ length: RECIPIENTS }, (_, row) => phoneOf(row)).sort(),
    );
  }, 300_000);

  it("runs a round again without creating a message twice or queuing its next round twice", async () => {
    const { session, connection, clientId, owner } = await clientWithoutWorker("atlas");
    const campaign = await campaignOf(session, connection.id);
    const [first] = await app.deps.queue.boss.fetch<Parameters<typeof sendCampaignJob.handler>[0]>(
      sendCampaignJob.name,
    );
    expect(first?.data).toMatchObject({ campaignId: campaign.id, round: 0 });
    const runRound0 = () =>
      sendCampaignJob.handler(
        {
          clientId,
          campaignId: campaign.id,
          actor: { type: "user", userId: owner.id },
          chain: "0",
          round: 0,
        },
        {
          jobId: first!.id,
          log: createLogger("silent"),
          deps: app.deps,
          retryCount: 0,
          isLastAttempt: false,
        },
      );
    // The round ran to its end, then its process died before completing the job: the job is
    // run again, once the next round is already queued.
    await runRound0();
    await runRound0();

    const { rows: rounds } = await app.database.query(
      "SELECT data->>'round' AS round FROM pgboss.job WHERE name = $1 AND data->>'campaignId' = $2 ORDER BY 1",
      [sendCampaignJob.name, campaign.id],
    );
    expect(rounds).toEqual([{ round: "0" }, { round: "1" }]);
    const recipients = await recipientsOf(campaign.id);
    const queued = recipients.filter((r) => r.outcome === "queued");
    // The second run took the recipients after the first run's, in file order, none of them twice
    // (a round takes up to a hundred, fewer when it runs out of time on a loaded machine).
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.length).toBeLessThanOrEqual(2 * RECIPIENTS_PER_ROUND);
    expect(queued.map((r) => r.row)).toEqual(queued.map((_, i) => i));
    expect(new Set(queued.map((r) => r.message_id)).size).toBe(queued.length);
    const { rows: messages } = await app.database.query(
      "SELECT count(*)::int AS n FROM messages WHERE client_id = $1 AND idempotency_key LIKE $2",
      [clientId, `campaign:${campaign.id}:%`],
    );
    expect(messages[0]).toEqual({ n: queued.length });
  });
});
