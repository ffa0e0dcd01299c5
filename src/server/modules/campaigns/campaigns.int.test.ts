import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectedClient, eventually, simulatorControl } from "../../../../test/support/connected";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";

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
    expect(estimate.estimatedCostMad).toBeCloseTo(47 * 0.4, 2);
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
});
