import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectedClient, eventually, simulatorControl } from "../../../../test/support/connected";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { instantToWallTime, instantToWallTimeWithSeconds } from "../../../contracts/time-zone";
import { createLogger } from "../../platform/logger";
import { collect, connectSocket, login } from "../../platform/realtime/realtime.test-kit";
import { sendCampaignJob } from "./send-campaign.job";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);
type Connected = Awaited<ReturnType<typeof connectedClient>>;
type Campaign = { status: string; funnel: Record<string, number> };

const values = (first: string) => [{ text: first }, { text: "cariste" }, { text: "Tanger" }];

const put = (client: Connected, url: string, payload: object) =>
  client.session.request({ method: "PUT", url, payload });

async function ready(number?: Parameters<typeof connectedClient>[1]) {
  const client = await connectedClient(app, number);
  await eventually(async () => (await client.session.get("/api/templates")).json().templates.length > 0);
  return client;
}

function draft(client: Connected, phones: string[], extra: object = {}) {
  return {
    name: "Caristes Tanger",
    connectionId: client.connection.id,
    template: { name: "job_opportunity", language: "fr" },
    recipients: phones.map((phone, i) => ({
      phone,
      name: `Candidat ${i + 1}`,
      body: values(`Candidat ${i + 1}`),
    })),
    ...extra,
  };
}

async function templatesSentTo(client: Connected): Promise<string[]> {
  return (await control(`sent?phoneNumberId=${client.connection.phoneNumberId}`))
    .json()
    .sent.filter(
      (s: { body: { type?: string }; responseStatus: number }) =>
        s.body.type === "template" && s.responseStatus === 200,
    )
    .map((s: { body: { to: string } }) => s.body.to);
}

/** Runs the campaign's job in the test, as the worker would after a restart. */
async function runJob(client: Connected, campaignId: string) {
  await sendCampaignJob.handler(
    {
      clientId: client.clientId,
      campaignId,
      actor: { type: "user", userId: client.owner.id },
      chain: "0",
      round: 0,
    },
    { jobId: "test", log: createLogger("silent"), deps: app.deps, retryCount: 0, isLastAttempt: true },
  );
}

/** A finished campaign made to look mid-run: its last rows' messages not created yet. */
async function midRun(campaignId: string, fromRow: number) {
  await app.database.query(
    "UPDATE campaign_recipients SET outcome = 'pending', message_id = NULL WHERE campaign_id = $1 AND row >= $2",
    [campaignId, fromRow],
  );
}

async function outcomes(campaignId: string): Promise<string[]> {
  const { rows } = await app.database.query(
    "SELECT outcome FROM campaign_recipients WHERE campaign_id = $1 ORDER BY row",
    [campaignId],
  );
  return rows.map((row) => (row as { outcome: string }).outcome);
}

async function finished(client: Connected, id: string, predicate: (c: Campaign) => boolean = () => true) {
  return eventually(async () => {
    const campaign = (await client.session.get(`/api/campaigns/${id}`)).json();
    return campaign.status === "finished" && predicate(campaign) && campaign;
  });
}

describe("campaigns recruiters trust", () => {
  it("keeps a file's column mapping for the client, and only for it", async () => {
    const a = await ready();
    const b = await ready("atlas");
    const columns = [
      { target: "phone", header: "telephone" },
      { target: "name", header: "prenom" },
      { target: "body.1", header: "prenom" },
      { target: "body.2", header: "poste" },
      { target: "body.3", text: "Tanger" },
    ];
    const saved = await put(a, "/api/campaigns/column-mapping", { columns });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await a.session.get("/api/campaigns/settings")).json()).toEqual({
      timeZone: "Africa/Casablanca",
      hideUnansweredCampaignChats: true,
      columnMapping: columns,
    });
    expect((await b.session.get("/api/campaigns/settings")).json().columnMapping).toEqual([]);
    // A target given twice, or given neither a column nor a text, is refused.
    const twice = await put(a, "/api/campaigns/column-mapping", {
      columns: [...columns, { target: "phone", header: "tel" }],
    });
    expect(twice.statusCode).toBe(400);
    expect(
      (await put(a, "/api/campaigns/column-mapping", { columns: [{ target: "phone" }] })).statusCode,
    ).toBe(400);
  });

  it("names every row it drops and why: the counts add up to the file", async () => {
    const client = await ready();
    const body = draft(client, ["0611220001", "", "12345", "0611220002", "+212611220001", "0611220003"]);
    body.recipients[3]!.body = [{ text: "Salma" }] as never;
    const estimate = (await client.session.post("/api/campaigns/estimate", body)).json();
    expect(estimate.total).toBe(6);
    expect(estimate.sendable).toBe(2);
    expect(estimate.sendable + estimate.dropped.length).toBe(estimate.total);
    expect(
      estimate.dropped.map((d: { row: number; code: string; name: string }) => [d.row, d.code, d.name]),
    ).toEqual([
      [1, "no_phone", "Candidat 2"],
      [2, "invalid_phone", "Candidat 3"],
      [3, "invalid_values", "Candidat 4"],
      [4, "duplicate", "Candidat 5"],
    ]);
    expect(estimate.dropped[3].sameAsRow).toBe(0);

    // Created, the campaign shows the same split, and its results name the same rows.
    const created = (await client.session.post("/api/campaigns", body)).json();
    expect(created.funnel).toMatchObject({ recipients: 6, dropped: 4 });
    const results = (await client.session.get(`/api/campaigns/${created.id}/recipients`)).json().recipients;
    expect(
      results.filter((r: { stage: string }) => r.stage === "not_sent").map((r: { code: string }) => r.code),
    ).toEqual(["no_phone", "invalid_phone", "invalid_values", "duplicate"]);
  });

  it("starts a scheduled campaign at its time in the client's time zone, not before", async () => {
    const client = await ready();
    const settings = await client.session.patch("/api/campaigns/settings", { timeZone: "Europe/Paris" });
    expect(settings.statusCode, settings.body).toBe(200);
    const startAt = Date.now() + 6_000;
    const wall = instantToWallTimeWithSeconds(startAt, "Europe/Paris");
    const response = await client.session.post(
      "/api/campaigns",
      draft(client, ["0611220011", "0611220012"], { scheduledAt: wall }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const campaign = response.json();
    expect(campaign.status).toBe("scheduled");
    expect(campaign.timeZone).toBe("Europe/Paris");
    // Its start on the client's wall clock, as given (the dashboard shows this).
    expect(campaign.scheduledAtLocal).toBe(wall.slice(0, 16));
    expect(Math.abs(Date.parse(campaign.scheduledAt) - Math.floor(startAt / 1000) * 1000)).toBeLessThan(1000);
    expect(await templatesSentTo(client)).toEqual([]);

    await finished(client, campaign.id, (c) => c.funnel.sent === 2);
    const { rows } = await app.database.query(
      `SELECT m.created_at FROM messages m JOIN campaign_recipients r ON r.message_id = m.id
       WHERE r.campaign_id = $1`,
      [campaign.id],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows as { created_at: string }[])
      expect(new Date(row.created_at).getTime()).toBeGreaterThanOrEqual(Date.parse(campaign.scheduledAt));
    // A time already past is refused, a scheduled campaign cancelled never starts.
    const past = await client.session.post(
      "/api/campaigns",
      draft(client, ["0611220013"], { scheduledAt: "2020-01-01T10:00" }),
    );
    expect(past.statusCode).toBe(400);
    const later = (
      await client.session.post(
        "/api/campaigns",
        draft(client, ["0611220014"], {
          scheduledAt: instantToWallTimeWithSeconds(Date.now() + 3_600_000, "Europe/Paris"),
        }),
      )
    ).json();
    // Paused before its time, it waits; resumed, it is scheduled again for the same time.
    expect((await client.session.post(`/api/campaigns/${later.id}/pause`)).json().status).toBe("paused");
    await runJob(client, later.id);
    expect(await outcomes(later.id)).toEqual(["pending"]);
    const again = (await client.session.post(`/api/campaigns/${later.id}/resume`)).json();
    expect(again).toMatchObject({ status: "scheduled", scheduledAt: later.scheduledAt });
    // The client moves to Tokyo: the same instant, read on Tokyo's clock.
    await client.session.patch("/api/campaigns/settings", { timeZone: "Asia/Tokyo" });
    expect((await client.session.get(`/api/campaigns/${later.id}`)).json()).toMatchObject({
      scheduledAt: later.scheduledAt,
      timeZone: "Asia/Tokyo",
      scheduledAtLocal: instantToWallTime(Date.parse(later.scheduledAt), "Asia/Tokyo"),
    });
    const cancelled = await client.session.post(`/api/campaigns/${later.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: "cancelled", funnel: { cancelled: 1 } });
    await runJob(client, later.id);
    expect(await outcomes(later.id)).toEqual(["cancelled"]);
    expect(await templatesSentTo(client)).toHaveLength(2);
  });

  it("pauses, resumes and cancels, refusing what the state does not allow, each move audited", async () => {
    const client = await ready();
    const phones = Array.from({ length: 6 }, (_, i) => `06112201${20 + i}`);
    const created = (await client.session.post("/api/campaigns", draft(client, phones))).json();
    await finished(client, created.id, (c) => c.funnel.sent === 6);
    expect((await client.session.post(`/api/campaigns/${created.id}/pause`)).statusCode).toBe(409);

    await midRun(created.id, 3);
    const paused = await client.session.post(`/api/campaigns/${created.id}/pause`);
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json().status).toBe("paused");
    // The job finds the campaign paused and creates nothing.
    await runJob(client, created.id);
    expect(await outcomes(created.id)).toEqual([
      "queued",
      "queued",
      "queued",
      "pending",
      "pending",
      "pending",
    ]);
    expect((await client.session.post(`/api/campaigns/${created.id}/pause`)).json().error.code).toBe(
      "campaign_state_invalid",
    );

    const resumed = await client.session.post(`/api/campaigns/${created.id}/resume`);
    expect(resumed.statusCode, resumed.body).toBe(200);
    // Sending again; the worker (in this process) may have sent the last three before the answer
    // was read, so the campaign may already be finished.
    expect(["sending", "finished"]).toContain(resumed.json().status);
    await finished(client, created.id, (c) => c.funnel.sent === 6);
    expect(await outcomes(created.id)).toEqual(Array(6).fill("queued"));
    // Each candidate got one message, however often the job ran.
    expect((await templatesSentTo(client)).sort()).toHaveLength(6);

    await midRun(created.id, 4);
    const cancelled = (await client.session.post(`/api/campaigns/${created.id}/cancel`)).json();
    expect(cancelled).toMatchObject({ status: "cancelled", funnel: { cancelled: 2 } });
    expect((await client.session.post(`/api/campaigns/${created.id}/resume`)).statusCode).toBe(409);
    const results = (await client.session.get(`/api/campaigns/${created.id}/recipients`)).json().recipients;
    expect(results.slice(4).map((r: { stage: string; reason: string }) => [r.stage, r.reason])).toEqual([
      ["cancelled", "the campaign was cancelled before this message was sent"],
      ["cancelled", "the campaign was cancelled before this message was sent"],
    ]);
    const actions = (await client.session.get("/api/audit"))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["campaign.paused", "campaign.resumed", "campaign.cancelled"]),
    );
  });

  it("sends again, as new messages, to the candidates whose message failed", async () => {
    const client = await ready();
    await control("fail-next", { code: 131026, count: 1 });
    const created = (
      await client.session.post("/api/campaigns", draft(client, ["0611220031", "0611220032"]))
    ).json();
    const failed = await finished(client, created.id, (c) => c.funnel.failed === 1 && c.funnel.sent === 1);
    expect(failed.funnel.failed).toBe(1);
    const retried = await client.session.post(`/api/campaigns/${created.id}/retry-failed`);
    expect(retried.statusCode, retried.body).toBe(200);
    await finished(client, created.id, (c) => c.funnel.failed === 0 && c.funnel.sent === 2);
    expect(await templatesSentTo(client)).toHaveLength(2);
    expect((await client.session.post(`/api/campaigns/${created.id}/retry-failed`)).statusCode).toBe(409);
  });

  it("counts each message at every stage it passed, replies included, and exports the results", async () => {
    const client = await ready();
    const created = (
      await client.session.post(
        "/api/campaigns",
        draft(client, ["0611220041", "0611220042", "0611220043", "12"]),
      )
    ).json();
    // The simulator reports sent, delivered, then read for each.
    await finished(client, created.id, (c) => c.funnel.read === 3);
    await control("inbound", {
      phoneNumberId: client.connection.phoneNumberId,
      from: "212611220042",
      type: "text",
      text: { body: "Oui, intéressé" },
    });
    const campaign = await eventually(async () => {
      const c = (await client.session.get(`/api/campaigns/${created.id}`)).json();
      return c.funnel.replied === 1 && c;
    });
    expect(campaign.funnel).toMatchObject({
      recipients: 4,
      dropped: 1,
      sent: 3,
      delivered: 3,
      read: 3,
      replied: 1,
      failed: 0,
    });
    expect(campaign.funnel.replyRate).toBeCloseTo(1 / 3, 5);
    // The current-stage counters alone would say 0 sent, 0 delivered.
    expect(campaign.progress).toMatchObject({ sent: 0, delivered: 0, read: 3 });
    const results = (await client.session.get(`/api/campaigns/${created.id}/recipients`)).json().recipients;
    expect(results.map((r: { stage: string }) => r.stage)).toEqual(["read", "replied", "read", "not_sent"]);
    expect(results[1].repliedAt).not.toBeNull();

    const csv = await client.session.get(`/api/campaigns/${created.id}/results.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe("row,phone,name,stage,reason,sent_at,delivered_at,read_at,replied_at");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^2,\+212611220042,Candidat 2,replied,/);

    // The inbox: campaign chats nobody answered stay out of "All", the campaign's filter has them all.
    const all = (await client.session.get("/api/conversations")).json().conversations;
    expect(all.map((c: { contact: { phone: string } }) => c.contact.phone)).toEqual(["+212611220042"]);
    expect(all[0].campaignId).toBe(created.id);
    const ofCampaign = (await client.session.get(`/api/conversations?campaignId=${created.id}`)).json()
      .conversations;
    expect(ofCampaign).toHaveLength(3);
    await client.session.patch("/api/campaigns/settings", { hideUnansweredCampaignChats: false });
    expect((await client.session.get("/api/conversations")).json().conversations).toHaveLength(3);

    // Recipients from the inbox: the campaign's chats.
    const audience = (
      await client.session.get(
        `/api/campaigns/audience?connectionId=${client.connection.id}&campaignId=${created.id}`,
      )
    ).json();
    expect(audience.recipients.map((r: { phone: string }) => r.phone).sort()).toEqual([
      "+212611220041",
      "+212611220042",
      "+212611220043",
    ]);

    // The campaign filter's choices: this campaign with its three chats.
    expect((await client.session.get("/api/conversations/campaigns")).json().campaigns).toEqual([
      { id: created.id, name: "Caristes Tanger", createdAt: expect.any(String), conversations: 3 },
    ]);

    // Re-sent to those who never replied, with another template and values drawn from the first send:
    // estimated first (the two non-responders, nothing sent), then made.
    const followUpDraft = {
      template: { name: "job_opportunity", language: "en" },
      values: [{ from: "name" }, { from: "value", index: 1 }, { from: "text", text: "Tangier" }],
    };
    const estimate = await client.session.post(
      `/api/campaigns/${created.id}/follow-up/estimate`,
      followUpDraft,
    );
    expect(estimate.statusCode, estimate.body).toBe(200);
    expect(estimate.json()).toMatchObject({ total: 2, sendable: 2, dropped: [] });
    expect(
      (await client.session.get("/api/campaigns")).json().campaigns.map((c: { id: string }) => c.id),
    ).toEqual([created.id]);
    const followUp = await client.session.post(`/api/campaigns/${created.id}/follow-up`, {
      name: "Relance caristes",
      ...followUpDraft,
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    expect(followUp.json()).toMatchObject({
      followUpOf: created.id,
      recipientCount: 2,
      templateLanguage: "en",
    });
    await finished(client, followUp.json().id, (c) => c.funnel.sent === 2);
    const sentAgain = (await control(`sent?phoneNumberId=${client.connection.phoneNumberId}`))
      .json()
      .sent.filter(
        (s: { body: { template?: { language?: { code?: string } } } }) =>
          s.body.template?.language?.code === "en",
      )
      .map((s: { body: { to: string } }) => s.body.to)
      .sort();
    expect(sentAgain).toEqual(["+212611220041", "+212611220043"]);
  });

  it("keeps each client's campaigns to itself: no reading, pausing, exporting or events across clients", async () => {
    const a = await ready();
    const b = await ready("atlas");
    const created = (await a.session.post("/api/campaigns", draft(a, ["0611220051"]))).json();
    await finished(a, created.id);
    const id = created.id;
    for (const [method, url] of [
      ["get", `/api/campaigns/${id}`],
      ["get", `/api/campaigns/${id}/recipients`],
      ["get", `/api/campaigns/${id}/results.csv`],
      ["post", `/api/campaigns/${id}/pause`],
      ["post", `/api/campaigns/${id}/resume`],
      ["post", `/api/campaigns/${id}/cancel`],
      ["post", `/api/campaigns/${id}/retry-failed`],
      ["get", `/api/campaigns/audience?connectionId=${b.connection.id}&campaignId=${id}`],
      ["get", `/api/campaigns/audience?connectionId=${a.connection.id}`],
      ["get", `/api/conversations?campaignId=${id}`],
    ] as const) {
      const response = method === "get" ? await b.session.get(url) : await b.session.post(url);
      if (url.startsWith("/api/conversations")) expect(response.json().conversations).toEqual([]);
      else expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const followUp = await b.session.post(`/api/campaigns/${id}/follow-up`, {
      name: "x",
      template: { name: "job_opportunity", language: "fr" },
      values: [],
    });
    expect(followUp.statusCode).toBe(404);
    const followUpEstimate = await b.session.post(`/api/campaigns/${id}/follow-up/estimate`, {
      template: { name: "job_opportunity", language: "fr" },
      values: [],
    });
    expect(followUpEstimate.statusCode).toBe(404);
    // A's campaign is no choice of B's campaign filter.
    expect((await b.session.get("/api/conversations/campaigns")).json().campaigns).toEqual([]);
    expect(await outcomes(id)).toEqual(["queued"]);

    // Realtime: B's tab hears nothing of A's campaign; A's does.
    const socketA = await connectSocket(app, { cookie: (await login(app, a.owner)).cookie });
    const socketB = await connectSocket(app, { cookie: (await login(app, b.owner)).cookie });
    const heardA = collect(socketA);
    const heardB = collect(socketB);
    await midRun(id, 0);
    await a.session.post(`/api/campaigns/${id}/pause`);
    await heardA.waitFor(
      (events) => events.some((e) => e.name === "campaign:updated" && e.payload.status === "paused"),
      "A's pause",
    );
    await b.session.post("/api/campaigns", draft(b, ["0611220052"]));
    await heardB.waitFor((events) => events.some((e) => e.name === "campaign:updated"), "B's own campaign");
    expect(
      heardB.received.filter((e) => e.name === "campaign:updated" && e.payload.campaignId === id),
    ).toEqual([]);
    socketA.close();
    socketB.close();
  });

  it("lets owners and admins change the campaign settings, and refuses a time zone that is none", async () => {
    const client = await ready();
    const unknown = await client.session.patch("/api/campaigns/settings", { timeZone: "Mars/Olympus" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ field: "body.timeZone", message: expect.any(String) }]);
    // A change is audited with what changed.
    expect(
      (await client.session.patch("/api/campaigns/settings", { timeZone: "Europe/Paris" })).json().timeZone,
    ).toBe("Europe/Paris");
    const { rows: audited } = await app.database.query(
      "SELECT action, metadata FROM audit_log WHERE client_id = $1 AND action = 'campaign_settings.updated'",
      [client.clientId],
    );
    expect(audited).toMatchObject([{ metadata: { timeZone: "Europe/Paris" } }]);
    expect((await client.session.patch("/api/campaigns/settings", {})).statusCode).toBe(400);
    const { buildUser, loginAs } = await import("../../../../test/support/factories");
    const recruiter = await buildUser(app, { clientId: client.clientId, role: "recruiter" });
    const session = await loginAs(app, recruiter);
    expect((await session.patch("/api/campaigns/settings", { timeZone: "Europe/Paris" })).statusCode).toBe(
      403,
    );
    expect((await session.get("/api/campaigns/settings")).json().timeZone).toBe("Europe/Paris");
  });
});
