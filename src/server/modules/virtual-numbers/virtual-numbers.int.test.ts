import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, simulatorControl, waitSettled } from "../../../../test/support/connected";
import { apiKeyCaller, buildClient, type Caller, caller, loginAs } from "../../../../test/support/factories";
import { simulatorWorld } from "../../../../test/support/simulated-signup";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { queryRows } from "../../../../test/support/webhooks";
import type { ConnectionResponse } from "../../../contracts/connections";
import type {
  VirtualNumber,
  VirtualNumberDetail,
  VirtualNumberPool,
} from "../../../contracts/virtual-numbers";
import { monthOf } from "../costs/pricing";

/** LinkoJob's own numbers, end to end: pool, assignment, send and reply, fee, release, reuse. */

const OPERATOR_KEY = `ljop_${"v".repeat(40)}`;
let app: TestApp;
let operator: Caller;
let control: ReturnType<typeof simulatorControl>;
let wabaId: string;
let token: string;

const jobOpportunity = {
  name: "job_opportunity",
  language: "fr",
  body: [{ text: "Salma" }, { text: "technicienne" }, { text: "Casablanca" }],
};

async function newClient() {
  const { client, owner } = await buildClient(app);
  const session = await loginAs(app, owner);
  const key = (await apiKeyCaller(app, owner, ["conversations:read", "conversations:write", "messages:send"]))
    .caller;
  return { clientId: client.id, owner, session, key };
}

const pool = async () => (await operator.get("/api/operator/virtual-numbers")).json() as VirtualNumberPool;

async function inboundTo(phoneNumberId: string, from: string, body: string) {
  const response = await control("inbound", { phoneNumberId, from, type: "text", text: { body } });
  expect(response.statusCode, response.body).toBe(200);
}

/** Every message text a client can read, over all its conversations. */
async function textsOf(key: Caller): Promise<string[]> {
  const conversations = (await key.get("/api/conversations?limit=100")).json().conversations as {
    id: string;
  }[];
  const texts: string[] = [];
  for (const c of conversations) {
    const page = (await key.get(`/api/messages/${c.id}`)).json() as {
      messages: { content: { type: string; body?: string } }[];
    };
    for (const m of page.messages)
      if (m.content.type === "text" && m.content.body) texts.push(m.content.body);
  }
  return texts;
}

beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true, env: { OPERATOR_API_KEY: OPERATOR_KEY } });
  operator = caller(app, { authorization: `Bearer ${OPERATOR_KEY}` });
  control = simulatorControl(app);
  const world = await simulatorWorld(app);
  wabaId = world.wabas.find((w) => w.name === "LinkoJob Numbers")!.id;
  token = (await control("tokens", { wabaId })).json().accessToken;
}, 60_000);
afterAll(() => app.close());

describe("LinkoJob's numbers", () => {
  let first: VirtualNumber;
  let a: Awaited<ReturnType<typeof newClient>>;
  let aConnectionId: string;

  it("refuses a token Meta refuses, then registers the WABA and its numbers as a pool", async () => {
    const refused = await operator.post("/api/operator/virtual-numbers/waba", {
      wabaId,
      accessToken: "not-a-valid-token-at-all-000",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("meta_error");
    expect((await pool()).numbers).toHaveLength(0);

    const registered = await operator.post("/api/operator/virtual-numbers/waba", {
      wabaId,
      accessToken: token,
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const { numbers, wabas } = registered.json() as VirtualNumberPool;
    expect(wabas.map((w) => w.wabaId)).toEqual([wabaId]);
    expect(numbers.map((n) => [n.displayPhoneNumber, n.state])).toEqual([
      ["+212 5 20 00 00 01", "available"],
      ["+212 5 20 00 00 02", "available"],
      ["+212 5 20 00 00 03", "available"],
    ]);
    // Registering again adds nothing and the token is kept sealed, never in clear.
    await operator.post("/api/operator/virtual-numbers/waba", { wabaId, accessToken: token });
    expect((await pool()).numbers).toHaveLength(3);
    const stored = await queryRows<{ access_token_sealed: string }>(
      app,
      "SELECT access_token_sealed FROM virtual_wabas",
    );
    expect(stored[0]!.access_token_sealed).not.toContain(token);
    first = numbers[0]!;
  });

  it("assigns a number to a client: a working connection, its display name reviewed, the month's fee", async () => {
    a = await newClient();
    const assigned = await operator.post(`/api/operator/virtual-numbers/${first.id}/assign`, {
      clientId: a.clientId,
      displayName: "Atlas Recrutement",
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    aConnectionId = assigned.json().connectionId;
    expect(assigned.json().number).toMatchObject({
      state: "assigned",
      assignment: { clientId: a.clientId, displayName: "Atlas Recrutement" },
    });
    const connection = await waitSettled(a.session, aConnectionId);
    expect(connection).toMatchObject({ state: "active", phoneNumberId: first.phoneNumberId });

    // Meta's review of the client's name, then the name candidates see.
    await control(`phone-numbers/${first.phoneNumberId}/display-name`, { decision: "APPROVED" });
    await eventually(async () => {
      const c = (await a.session.get(`/api/connections/${aConnectionId}`)).json() as ConnectionResponse;
      return c.verifiedName === "Atlas Recrutement";
    });

    const costs = (
      await a.session.get(`/api/costs?month=${monthOf(new Date()).slice(0, 7)}&groupBy=category`)
    ).json();
    expect(costs.total.amountMad).toBeCloseTo(10.5);
    expect(costs.rows).toContainEqual(expect.objectContaining({ key: "virtual_number", amountMad: 10.5 }));
    // The daily fee job adds nothing more this month.
    const { recordMonthlyFees } = await import("./virtual-numbers.service");
    expect(await recordMonthlyFees(app.deps)).toBe(0);
    const rows = await queryRows(app, "SELECT amount_mad FROM cost_ledger WHERE client_id = $1", [
      a.clientId,
    ]);
    expect(rows).toEqual([{ amount_mad: "10.5000" }]);

    // Assigned numbers are not assignable twice.
    const again = await operator.post(`/api/operator/virtual-numbers/${first.id}/assign`, {
      clientId: (await newClient()).clientId,
      displayName: "Other Co",
    });
    expect(again.statusCode).toBe(409);
  }, 60_000);

  it("the client sends a template from it and the candidate's reply reaches that client", async () => {
    await eventually(async () => (await a.session.get("/api/templates")).json().templates.length > 0);
    const sent = await a.key.post("/api/messages/send", {
      connectionId: aConnectionId,
      to: "0612345678",
      template: jobOpportunity,
    });
    expect(sent.statusCode, sent.body).toBe(202);
    await eventually(async () => {
      const out = (await control(`sent?phoneNumberId=${first.phoneNumberId}`)).json().sent as unknown[];
      return out.length === 1;
    });
    await inboundTo(first.phoneNumberId, "212612345678", "Oui, je suis intéressée");
    await eventually(async () => (await textsOf(a.key)).includes("Oui, je suis intéressée"));
  }, 60_000);

  it("release keeps the history with the client, quarantines the number, and a second client never sees the first's", async () => {
    const released = await operator.post(`/api/operator/virtual-numbers/${first.id}/release`);
    expect(released.statusCode, released.body).toBe(200);
    const detail = released.json() as VirtualNumberDetail;
    expect(detail.state).toBe("quarantined");
    const days = (Date.parse(detail.quarantinedUntil!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]!.releasedAt).not.toBeNull();

    const connection = (
      await a.session.get(`/api/connections/${aConnectionId}`)
    ).json() as ConnectionResponse;
    expect(connection.state).toBe("disconnected");
    expect(await textsOf(a.key)).toContain("Oui, je suis intéressée");
    // A cannot send from it any more.
    const refused = await a.key.post("/api/messages/send", {
      connectionId: aConnectionId,
      to: "0612345678",
      template: jobOpportunity,
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);

    const b = await newClient();
    const early = await operator.post(`/api/operator/virtual-numbers/${first.id}/assign`, {
      clientId: b.clientId,
      displayName: "Sahara Emploi",
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/quarantine/);

    // A message to the number while it rests reaches nobody.
    await inboundTo(first.phoneNumberId, "212698765432", "Quelqu'un ?");
    await eventually(async () => {
      const rows = await queryRows(
        app,
        "SELECT count(*)::int AS n FROM webhook_events WHERE unroutable IS NOT NULL AND raw_body LIKE $1",
        ["%Quelqu%"],
      );
      return Number(rows[0]?.n) >= 1;
    });
    expect(await textsOf(a.key)).not.toContain("Quelqu'un ?");

    // The quarantine passes (90 days later).
    await queryRows(
      app,
      "UPDATE virtual_numbers SET quarantined_until = now() - interval '1 second' WHERE id = $1",
      [first.id],
    );
    expect((await pool()).numbers.find((n) => n.id === first.id)!.state).toBe("available");
    const assigned = await operator.post(`/api/operator/virtual-numbers/${first.id}/assign`, {
      clientId: b.clientId,
      displayName: "Sahara Emploi",
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const bConnection = await waitSettled(b.session, assigned.json().connectionId);
    expect(bConnection.state).toBe("active");

    await inboundTo(first.phoneNumberId, "212612345678", "Message pour le nouveau client");
    await eventually(async () => (await textsOf(b.key)).includes("Message pour le nouveau client"));
    const aTexts = await textsOf(a.key);
    expect(aTexts).not.toContain("Message pour le nouveau client");
    expect(aTexts).toContain("Oui, je suis intéressée");
    expect(await textsOf(b.key)).not.toContain("Oui, je suis intéressée");
    // A's connection is untouched by B's display-name review.
    await control(`phone-numbers/${first.phoneNumberId}/display-name`, { decision: "APPROVED" });
    await eventually(async () => {
      const c = (await b.session.get(`/api/connections/${bConnection.id}`)).json() as ConnectionResponse;
      return c.verifiedName === "Sahara Emploi";
    });
    const aAfter = (await a.session.get(`/api/connections/${aConnectionId}`)).json() as ConnectionResponse;
    expect(aAfter.verifiedName).toBe("Atlas Recrutement");
    expect(aAfter.state).toBe("disconnected");

    const history = (
      await operator.get(`/api/operator/virtual-numbers/${first.id}`)
    ).json() as VirtualNumberDetail;
    expect(history.history.map((h) => h.clientId)).toEqual([b.clientId, a.clientId]);
  }, 90_000);

  it("a client's API key or session cannot reach the virtual-number routes", async () => {
    const c = await newClient();
    const id = first.id;
    const routes: [string, string, object?][] = [
      ["GET", "/api/operator/virtual-numbers"],
      ["GET", `/api/operator/virtual-numbers/${id}`],
      ["POST", "/api/operator/virtual-numbers/waba", { wabaId, accessToken: token }],
      [
        "POST",
        `/api/operator/virtual-numbers/${id}/assign`,
        { clientId: c.clientId, displayName: "Mine now" },
      ],
      ["POST", `/api/operator/virtual-numbers/${id}/release`],
    ];
    for (const [method, url, payload] of routes) {
      for (const who of [c.key, c.session]) {
        const response = await who.request({ method: method as "GET", url, ...(payload ? { payload } : {}) });
        expect([401, 403], `${method} ${url}`).toContain(response.statusCode);
      }
    }
    expect((await pool()).numbers.find((n) => n.id === id)!.assignment?.clientId).not.toBe(c.clientId);
  });
});
