import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectedClient, eventually, simulatorControl } from "../../../../test/support/connected";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { createLogger } from "../../platform/logger";
import { sendCampaignJob } from "./send-campaign.job";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
// Candidates who said STOP stay so in the simulated world: each test starts from a fresh one.
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);

/** 50 candidates as a CSV would give them: local numbers, names, the template's three values each. */
function recipients() {
  const rows = Array.from({ length: 48 }, (_, i) => ({
    phone: `06 11 22 ${String(10 + Math.floor(i / 10)).padStart(2, "0")} ${String(10 + (i % 10) * 3).padStart(2, "0")}`,
    name: `Candidat ${i + 1}`,
    body: [{ text: `Candidat ${i + 1}` }, { text: "opérateur de production" }, { text: "Kénitra" }],
  }));
  rows.push({ phone: "12345", name: "Mauvais numéro", body: [{ text: "X" }, { text: "Y" }, { text: "Z" }] });
  rows.push({ phone: "0611223399", name: "Valeurs manquantes", body: [{ text: "X" }] as never });
  return rows;
}

describe("bulk messaging", () => {
  it("estimates before sending: invalid rows named, opted-out candidates left out, cost in MAD", async () => {
    const { session, connection } = await connectedClient(app);
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);
    // One candidate already said STOP.
    await control("inbound", {
      phoneNumberId: connection.phoneNumberId,
      from: "212611221010",
      type: "text",
      text: { body: "Stop" },
    });
    await eventually(
      async () =>
        (await session.get("/api/conversations?filter=opted_out")).json().conversations.length === 1,
    );

    const draft = {
      connectionId: connection.id,
      template: { name: "job_opportunity", language: "fr" },
      recipients: recipients(),
    };
    const estimate = (await session.post("/api/campaigns/estimate", draft)).json();
    expect(estimate).toMatchObject({
      total: 50,
      sendable: 47,
      excludedOptedOut: 1,
      category: "MARKETING",
      billable: 47,
    });
    expect(estimate.invalid.map((i: { row: number }) => i.row)).toEqual([48, 49]);
    expect(estimate.invalid[1].reason).toMatch(/needs 3 value/);
    // The shipped card: Morocco marketing USD 0.0225 at 9.00 MAD per USD.
    expect(estimate.estimatedCostMad).toBeCloseTo(47 * 0.2025, 2);
    expect(estimate.smsCostMad).toBeCloseTo(47 * 0.29, 2);
    // Nothing was sent by estimating.
    const sent = (await control(`sent?phoneNumberId=${connection.phoneNumberId}`)).json().sent as {
      body: { type?: string };
    }[];
    expect(sent.filter((s) => s.body.type === "template")).toHaveLength(0);
  });

  it("sends through the normal pipeline and reports progress and every failure with its reason", async () => {
    const { session, connection } = await connectedClient(app, "atlas");
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);
    await control("fail-next", { code: 131026, count: 1 });
    const response = await session.post("/api/campaigns", {
      name: "Salon de l'emploi Kénitra",
      connectionId: connection.id,
      template: { name: "job_opportunity", language: "fr" },
      recipients: recipients(),
    });
    expect(response.statusCode, response.body).toBe(201);
    const campaign = response.json();
    expect(campaign.recipientCount).toBe(50);
    const done = await eventually(async () => {
      const c = (await session.get(`/api/campaigns/${campaign.id}`)).json();
      return (
        c.progress.queued === 0 &&
        c.progress.sent + c.progress.delivered + c.progress.read + c.progress.failed === 48 &&
        c
      );
    });
    expect(done.progress.failed, JSON.stringify(done.failures)).toBe(1);
    expect(done.failures.map((f: { kind: string }) => f.kind).sort()).toEqual([
      "failed",
      "not_sent",
      "not_sent",
    ]);
    const reasons = done.failures.map((f: { reason: string }) => f.reason).join(" | ");
    expect(reasons).toMatch(/could not deliver/);
    expect(reasons).toMatch(/not a valid phone number/);
    const accepted = (await control(`sent?phoneNumberId=${connection.phoneNumberId}`))
      .json()
      .sent.filter(
        (s: { body: { type?: string }; responseStatus: number }) =>
          s.body.type === "template" && s.responseStatus === 200,
      );
    expect(accepted).toHaveLength(47);
    // Repeating the same request does not send again: each row has its idempotency key.
    const listed = (await session.get("/api/campaigns")).json().campaigns;
    expect(listed).toHaveLength(1);
    // The list carries the same details as the campaign's own page (read for all campaigns at once).
    expect(listed[0].failures).toEqual(done.failures);
    const total = (p: Record<string, number>) => Object.values(p).reduce((a, b) => a + b, 0);
    expect(total(listed[0].progress)).toBe(48);
    expect(listed[0].progress.failed).toBe(1);
  });

  it("sends once to a candidate whose number is written four ways, and names the duplicates it dropped", async () => {
    const { session, connection } = await connectedClient(app);
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);
    const values = [{ text: "Salma" }, { text: "cariste" }, { text: "Tanger" }];
    const draft = {
      name: "Cariste Tanger",
      connectionId: connection.id,
      template: { name: "job_opportunity", language: "fr" },
      recipients: ["+212677777701", "0677777701", "00212677777701", "٠٦٧٧٧٧٧٧٠١", "0677777702"].map(
        (phone) => ({ phone, name: "Salma", body: values }),
      ),
    };
    const estimate = (await session.post("/api/campaigns/estimate", draft)).json();
    expect(estimate).toMatchObject({ total: 5, sendable: 2, billable: 2 });
    expect(estimate.duplicates).toEqual(
      [1, 2, 3].map((row) => ({ row, phone: "+212677777701", sameAsRow: 0 })),
    );
    expect(estimate.estimatedCostMad).toBeCloseTo(2 * 0.2025, 2);

    const created = await session.post("/api/campaigns", draft);
    expect(created.statusCode, created.body).toBe(201);
    const done = await eventually(async () => {
      const campaign = (await session.get(`/api/campaigns/${created.json().id}`)).json();
      return (
        campaign.progress.queued === 0 &&
        campaign.progress.sent + campaign.progress.delivered + campaign.progress.read === 2 &&
        campaign
      );
    });
    expect(done.failures.map((f: { reason: string }) => f.reason)).toEqual([
      "same number as row 1",
      "same number as row 1",
      "same number as row 1",
    ]);
    const templatesSent = (await control(`sent?phoneNumberId=${connection.phoneNumberId}`))
      .json()
      .sent.filter((s: { body: { type?: string; to?: string } }) => s.body.type === "template")
      .map((s: { body: { to: string } }) => s.body.to);
    expect(templatesSent.sort()).toEqual(["+212677777701", "+212677777702"]);
  });

  it("estimates a 5,000-row file (over 1 MiB, above the default body limit) in one request", async () => {
    const { session, connection } = await connectedClient(app, "casablanca");
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      phone: `+2126${String(10_000_000 + i).padStart(8, "0")}`,
      name: `Candidate with a rather long name to weigh like a real file ${i}`,
      body: [
        { text: `Prénom ${i} avec un nom composé` },
        { text: "opérateur de production qualifié" },
        { text: "Kénitra, zone franche" },
      ],
    }));
    const draft = {
      connectionId: connection.id,
      template: { name: "job_opportunity", language: "fr" },
      recipients: rows,
    };
    expect(JSON.stringify(draft).length).toBeGreaterThan(1024 * 1024);
    const estimate = await session.post("/api/campaigns/estimate", draft);
    expect(estimate.statusCode, estimate.body.slice(0, 200)).toBe(200);
    expect(estimate.json()).toMatchObject({ total: 5000, sendable: 5000 });
  });

  it("leaves a campaign's remaining recipients unsent, with the reason, once its sender is disabled", async () => {
    const { session, connection, owner, clientId } = await connectedClient(app);
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);
    const created = (
      await session.post("/api/campaigns", {
        name: "Relance",
        connectionId: connection.id,
        template: { name: "job_opportunity", language: "fr" },
        recipients: [{ phone: "0611223355", body: [{ text: "Ana" }, { text: "cariste" }, { text: "Fès" }] }],
      })
    ).json();
    await eventually(
      async () => (await session.get(`/api/campaigns/${created.id}`)).json().progress.queued === 0,
    );
    // A recipient still to send when the sender loses access (the job runs again after a restart).
    await app.database.query(
      "UPDATE campaign_recipients SET outcome = 'pending', message_id = NULL WHERE campaign_id = $1",
      [created.id],
    );
    await app.database.query("UPDATE campaigns SET finished_at = NULL WHERE id = $1", [created.id]);
    const finishedEvents = async () =>
      (
        await app.database.query(
          `SELECT count(*)::int AS n FROM domain_events
            WHERE client_id = $1 AND type = 'campaign:updated'
              AND payload->>'campaignId' = $2 AND payload->>'status' = 'finished'`,
          [clientId, created.id],
        )
      ).rows[0]?.n as number;
    const finishedBefore = await finishedEvents();
    await app.database.query("UPDATE users SET is_disabled = true WHERE id = $1", [owner.id]);
    await sendCampaignJob.handler(
      { clientId, campaignId: created.id, actor: { type: "user", userId: owner.id }, chain: "0", round: 0 },
      { jobId: "test", log: createLogger("silent"), deps: app.deps, retryCount: 0, isLastAttempt: true },
    );
    const { rows } = await app.database.query(
      "SELECT outcome, reason FROM campaign_recipients WHERE campaign_id = $1",
      [created.id],
    );
    expect(rows).toEqual([
      { outcome: "invalid", reason: "not sent: whoever started the campaign no longer has access" },
    ]);
    // The dashboards hear it finished, as after a last round.
    expect(await finishedEvents()).toBe(finishedBefore + 1);
  });
});
