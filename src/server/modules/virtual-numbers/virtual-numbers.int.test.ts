import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, simulatorControl, waitSettled } from "../../../../test/support/connected";
import {
  apiKeyCaller,
  buildClient,
  buildUser,
  type Caller,
  caller,
  loginAs,
} from "../../../../test/support/factories";
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

/** A client's own template on a LinkoJob number (LinkoJob's WABA's own templates are not the client's). */
const invitation = {
  name: "entretien_atlas",
  category: "UTILITY",
  parameterFormat: "NAMED",
  translations: [
    {
      language: "fr",
      header: null,
      body: {
        text: "Bonjour {{first_name}}, merci pour votre candidature : nous vous proposons un entretien.",
        examples: { first_name: "Salma" },
      },
      footer: null,
      buttons: [],
    },
  ],
};
const invitationSend = {
  name: "entretien_atlas",
  language: "fr",
  body: [{ name: "first_name", text: "Salma" }],
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
    // Before LinkoJob connects its WABA, clients are offered none and cannot take one.
    const early = await newClient();
    expect((await early.session.get("/api/linkojob-numbers")).json()).toMatchObject({
      offered: false,
      available: false,
      held: 0,
    });
    const none = await early.session.post("/api/linkojob-numbers", { displayName: "Trop tôt SARL" });
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toMatchObject({
      code: "linkojob_number_unavailable",
      details: { reason: "not_offered" },
    });

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
    expect(connection).toMatchObject({
      state: "active",
      phoneNumberId: first.phoneNumberId,
      numberKind: "linkojob",
      // Under Meta's review: the number's previous name (LinkoJob's) is not shown as the client's.
      requestedName: "Atlas Recrutement",
      verifiedName: null,
    });

    // Meta's review of the client's name, then the name candidates see.
    await control(`phone-numbers/${first.phoneNumberId}/display-name`, { decision: "APPROVED" });
    await eventually(async () => {
      const c = (await a.session.get(`/api/connections/${aConnectionId}`)).json() as ConnectionResponse;
      return c.verifiedName === "Atlas Recrutement" && c.requestedName === null;
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
    // LinkoJob's WABA's own templates are not the client's: a LinkoJob number starts with none.
    await a.session.post("/api/templates/sync", { connectionId: aConnectionId });
    expect((await a.session.get("/api/templates")).json().templates).toEqual([]);
    const created = await a.session.post("/api/templates", { connectionId: aConnectionId, ...invitation });
    expect(created.statusCode, created.body).toBe(201);
    await eventually(async () => {
      const { templates } = (await a.session.get("/api/templates")).json();
      return templates.length === 1 && templates[0].status === "APPROVED";
    });
    const sent = await a.key.post("/api/messages/send", {
      connectionId: aConnectionId,
      to: "0612345678",
      template: invitationSend,
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const out = await eventually(async () => {
      const all = (await control(`sent?phoneNumberId=${first.phoneNumberId}`)).json().sent as {
        body: { template?: { name: string } };
      }[];
      return all.length === 1 && all;
    });
    // At Meta the template carries the client's prefix on LinkoJob's shared WABA.
    expect(out[0]!.body.template?.name).toBe(`lj${a.clientId.replace(/-/g, "")}_entretien_atlas`);
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
      template: invitationSend,
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

    // A's templates stay A's at Meta: the next client of the number sees none of them.
    await b.session.post("/api/templates/sync", { connectionId: bConnection.id });
    expect((await b.session.get("/api/templates")).json().templates).toEqual([]);

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

  let d: Awaited<ReturnType<typeof newClient>>;
  let dConnectionId: string;
  let e: Awaited<ReturnType<typeof newClient>>;
  let eConnection: ConnectionResponse;

  it("a client's owner takes a free LinkoJob number itself: one, at once, under its own name; refused with why when it cannot", async () => {
    d = await newClient();
    expect((await d.session.get("/api/linkojob-numbers")).json()).toEqual({
      offered: true,
      available: true,
      monthlyFeeMad: 10.5,
      held: 0,
      limit: 1,
    });
    // Recruiters and API keys do not take numbers (a monthly fee).
    const recruiter = await loginAs(app, await buildUser(app, { clientId: d.clientId }));
    expect(
      (await recruiter.post("/api/linkojob-numbers", { displayName: "Recruteur SARL" })).statusCode,
    ).toBe(403);
    expect((await d.key.get("/api/linkojob-numbers")).statusCode).toBe(403);
    expect((await d.key.post("/api/linkojob-numbers", { displayName: "Clé SARL" })).statusCode).toBe(403);
    expect((await d.session.post("/api/linkojob-numbers", { displayName: "X" })).statusCode).toBe(400);

    const taken = await d.session.post("/api/linkojob-numbers", { displayName: "Rif Emploi" });
    expect(taken.statusCode, taken.body).toBe(201);
    const connection = taken.json() as ConnectionResponse;
    expect(connection).toMatchObject({
      numberKind: "linkojob",
      requestedName: "Rif Emploi",
      state: "onboarding",
    });
    dConnectionId = connection.id;
    expect(await waitSettled(d.session, dConnectionId)).toMatchObject({
      state: "active",
      displayPhoneNumber: "+212 5 20 00 00 02",
    });
    const number = (await pool()).numbers.find((n) => n.displayPhoneNumber === "+212 5 20 00 00 02")!;
    expect(number.assignment).toMatchObject({ clientId: d.clientId, displayName: "Rif Emploi" });
    const costs = (await d.session.get("/api/costs?groupBy=category")).json();
    expect(costs.total.amountMad).toBeCloseTo(10.5);
    const audit = await queryRows<{ actor_type: string; action: string }>(
      app,
      "SELECT actor_type, action FROM audit_log WHERE client_id = $1 AND action LIKE 'connection.virtual%'",
      [d.clientId],
    );
    expect(audit).toEqual([{ actor_type: "user", action: "connection.virtual_number_assigned" }]);

    // One per client by default: a second is for LinkoJob to lend.
    const second = await d.session.post("/api/linkojob-numbers", { displayName: "Rif Emploi" });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toEqual({ reason: "limit_reached" });
    expect((await d.session.get("/api/linkojob-numbers")).json()).toMatchObject({ held: 1, limit: 1 });

    // Another client takes the last free one; the next finds the pool empty.
    e = await newClient();
    const eTaken = await e.session.post("/api/linkojob-numbers", { displayName: "Souss Talents" });
    expect(eTaken.statusCode, eTaken.body).toBe(201);
    eConnection = await waitSettled(e.session, eTaken.json().id);
    expect(eConnection.displayPhoneNumber).toBe("+212 5 20 00 00 03");
    const f = await newClient();
    expect((await f.session.get("/api/linkojob-numbers")).json()).toMatchObject({
      offered: true,
      available: false,
    });
    const empty = await f.session.post("/api/linkojob-numbers", { displayName: "Oriental Jobs" });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.details).toEqual({ reason: "pool_empty" });
    expect((await f.session.get("/api/connections")).json().connections).toEqual([]);
  }, 90_000);

  it("a client gives its LinkoJob number back by disconnecting it: quarantined, nothing asked of Meta, the others keep working", async () => {
    const sentBefore = (await control("sent")).json().sent.length;
    const disconnected = await d.session.request({
      method: "DELETE",
      url: "/api/auth/whatsapp/disconnect",
      payload: { connectionId: dConnectionId },
    });
    expect(disconnected.statusCode, disconnected.body).toBe(200);
    expect(disconnected.json()).toMatchObject({
      state: "disconnected",
      numberKind: "linkojob",
      phoneNumberId: null,
    });
    const number = (await pool()).numbers.find((n) => n.displayPhoneNumber === "+212 5 20 00 00 02")!;
    expect(number.state).toBe("quarantined");
    expect(number.assignment).toBeNull();
    // LinkoJob's app stays subscribed to its WABA and the number stays registered: the other
    // clients' numbers on it still receive.
    const world = await simulatorWorld(app);
    const linkojob = world.wabas.find((w) => w.id === wabaId)!;
    expect(linkojob.subscribedApps.length).toBeGreaterThan(0);
    expect(linkojob.phoneNumbers.find((p) => p.displayPhoneNumber === "+212 5 20 00 00 02")?.registered).toBe(
      true,
    );
    expect((await control("sent")).json().sent.length).toBe(sentBefore);
    await inboundTo(eConnection.phoneNumberId!, "212611112222", "Toujours là ?");
    await eventually(async () => {
      const rows = await queryRows<{ n: number }>(
        app,
        "SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.connection_id = $1 AND m.text = $2",
        [eConnection.id, "Toujours là ?"],
      );
      return Number(rows[0]?.n) === 1;
    });
    // Given back, it may be taken again: none is free though (the number rests in quarantine).
    expect((await d.session.get("/api/linkojob-numbers")).json()).toMatchObject({
      held: 0,
      available: false,
    });
  }, 60_000);

  it("a new token for LinkoJob's WABA reaches every client holding one of its numbers, and restores one that lost its access", async () => {
    const { openToken } = await import("../connections/connection-secrets");
    await control("tokens/invalidate", { token, reason: "password_changed" });
    const check = async () =>
      ((await e.session.post(`/api/connections/${eConnection.id}/check`)).json() as ConnectionResponse).state;
    expect(await check()).toBe("needs_reconnect");

    const renewed = (await control("tokens", { wabaId })).json().accessToken as string;
    const registered = await operator.post("/api/operator/virtual-numbers/waba", {
      wabaId,
      accessToken: renewed,
    });
    expect(registered.statusCode, registered.body).toBe(200);
    token = renewed;
    const [copy] = await queryRows<{ access_token_sealed: string; state: string }>(
      app,
      "SELECT access_token_sealed, state FROM whatsapp_connections WHERE id = $1",
      [eConnection.id],
    );
    expect(copy!.state).toBe("active");
    expect(openToken(app.deps.vault, eConnection.id, copy!.access_token_sealed)).toBe(renewed);
    expect(await check()).toBe("active");
  });

  it("keys:rotate re-seals LinkoJob's token, the pool's PINs and each client's copy of the token", async () => {
    const { TokenVault, generateKeySpec } = await import("../../platform/crypto/token-vault");
    const { rotateEverySealedSecret } = await import("../key-rotation");
    const { openToken } = await import("../connections/connection-secrets");
    const rotated = new TokenVault(`${generateKeySpec("v2")},${app.deps.config.tokenEncryptionKeys}`);
    const counts = await rotateEverySealedSecret(app.database.db, rotated);
    // One WABA token and three PINs of LinkoJob's; the connections holding a number now among the connections'.
    expect(counts.linkojob).toEqual({ rotated: 4, current: 0, skipped: 0 });
    expect(counts.connections.rotated).toBeGreaterThanOrEqual(2);
    const [waba] = await queryRows<{ id: string; access_token_sealed: string }>(
      app,
      "SELECT id, access_token_sealed FROM virtual_wabas",
    );
    expect(waba!.access_token_sealed.startsWith("v2.")).toBe(true);
    expect(rotated.decrypt(waba!.access_token_sealed, `virtual-waba:${waba!.id}:token`)).toBe(token);
    const pins = await queryRows<{ id: string; pin_sealed: string }>(
      app,
      "SELECT id, pin_sealed FROM virtual_numbers",
    );
    for (const pin of pins) {
      expect(pin.pin_sealed.startsWith("v2.")).toBe(true);
      expect(rotated.decrypt(pin.pin_sealed, `virtual-number:${pin.id}:pin`)).toMatch(/^\d{6}$/);
    }
    const [copy] = await queryRows<{ access_token_sealed: string }>(
      app,
      "SELECT access_token_sealed FROM whatsapp_connections WHERE id = $1",
      [eConnection.id],
    );
    expect(copy!.access_token_sealed.startsWith("v2.")).toBe(true);
    expect(openToken(rotated, eConnection.id, copy!.access_token_sealed)).toBe(token);
    // Nothing left under the old key.
    const again = await rotateEverySealedSecret(app.database.db, rotated);
    expect(again.linkojob.rotated).toBe(0);
    expect(again.connections.rotated).toBe(0);
  });
});
