import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, simulatorControl, waitSettled } from "../../../../test/support/connected";
import { apiKeyCaller, buildClient, type Caller, caller, loginAs } from "../../../../test/support/factories";
import { simulatorWorld } from "../../../../test/support/simulated-signup";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { deliveryState, postWebhook, queryRows } from "../../../../test/support/webhooks";
import type { ConnectionResponse } from "../../../contracts/connections";
import type { TemplateDraft } from "../../../contracts/template-rules";
import type { TemplateResponse } from "../../../contracts/templates";
import { serializeAsMeta } from "../../../simulator/index";
import { templateNamePrefixOf } from "../templates/template-names";

/**
 * Templates belong to a WhatsApp Business Account, and LinkoJob's is shared by every client holding
 * one of its numbers: each client's templates are its own all the same. Two clients on LinkoJob's
 * WABA create a template of the same name; each sees, sends, edits and deletes only its own; Meta's
 * review of one reaches only its client; LinkoJob's own templates on the WABA reach nobody.
 */

const OPERATOR_KEY = `ljop_${"t".repeat(40)}`;
let app: TestApp;
let control: ReturnType<typeof simulatorControl>;
let wabaId: string;

interface Holder {
  clientId: string;
  session: Caller;
  key: Caller;
  connection: ConnectionResponse;
  prefix: string;
}
let a: Holder;
let b: Holder;

/** A new client whose owner takes a LinkoJob number from its Connections page. */
async function holder(displayName: string): Promise<Holder> {
  const { client, owner } = await buildClient(app);
  const session = await loginAs(app, owner);
  const key = (
    await apiKeyCaller(app, owner, [
      "templates:read",
      "templates:write",
      "conversations:read",
      "conversations:write",
      "messages:send",
    ])
  ).caller;
  const taken = await session.post("/api/linkojob-numbers", { displayName });
  expect(taken.statusCode, taken.body).toBe(201);
  const connection = await waitSettled(session, taken.json().id);
  expect(connection).toMatchObject({ state: "active", numberKind: "linkojob" });
  return { clientId: client.id, session, key, connection, prefix: templateNamePrefixOf(client.id) };
}

const draft = (name: string, text: string): TemplateDraft => ({
  name,
  category: "UTILITY",
  parameterFormat: "NAMED",
  translations: [
    {
      language: "fr",
      header: null,
      body: { text, examples: { first_name: "Salma" } },
      footer: null,
      buttons: [],
    },
  ],
});

async function create(who: Holder, name: string, text: string): Promise<TemplateResponse> {
  const response = await who.session.post("/api/templates", {
    connectionId: who.connection.id,
    ...draft(name, text),
  });
  expect(response.statusCode, response.body).toBe(201);
  const [template] = response.json().templates as TemplateResponse[];
  return eventually(async () => {
    const stored = (await who.session.get(`/api/templates/${template!.id}`)).json() as TemplateResponse;
    return stored.status === "APPROVED" && stored;
  });
}

const listOf = async (who: Holder) =>
  ((await who.session.get("/api/templates")).json().templates as TemplateResponse[]).map((t) => ({
    id: t.id,
    name: t.name,
  }));

/** The templates at Meta on LinkoJob's WABA, by Meta's names. */
async function atMeta(): Promise<{ id: string; name: string; status: string }[]> {
  const world = (await simulatorWorld(app)) as unknown as {
    wabas: { id: string; templates: { id: string; name: string; status: string }[] }[];
  };
  return world.wabas.find((w) => w.id === wabaId)!.templates;
}

const sendTemplate = (who: Holder, name: string, to: string) =>
  who.key.post("/api/messages/send", {
    connectionId: who.connection.id,
    to,
    template: { name, language: "fr", body: [{ name: "first_name", text: "Salma" }] },
  });

/** The template names Meta was asked to send from a number. */
async function sentNames(phoneNumberId: string): Promise<string[]> {
  const sent = (await control(`sent?phoneNumberId=${phoneNumberId}`)).json().sent as {
    body: { template?: { name: string } };
  }[];
  return sent.flatMap((s) => (s.body.template ? [s.body.template.name] : []));
}

/**
 * Posts one change of LinkoJob's WABA as Meta would and waits until that delivery is processed
 * cleanly (the simulator's own deliveries keep arriving meanwhile: the last one is not this one).
 */
async function deliverChange(field: string, value: Record<string, unknown>): Promise<void> {
  const body = serializeAsMeta({
    object: "whatsapp_business_account",
    entry: [{ id: wabaId, time: Math.floor(Date.now() / 1000), changes: [{ field, value }] }],
  });
  const response = await postWebhook(app, null, { raw: body });
  expect(response.statusCode, response.body).toBe(200);
  const state = await eventually(async () => {
    const stored = await deliveryState(app, body);
    return stored?.processed && stored;
  });
  expect(state.error).toBeNull();
}

let aConvocation: TemplateResponse;
let bConvocation: TemplateResponse;

beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true, env: { OPERATOR_API_KEY: OPERATOR_KEY } });
  control = simulatorControl(app);
  await control("templates/review-delay", { ms: 0 });
  const world = await simulatorWorld(app);
  wabaId = world.wabas.find((w) => w.name === "LinkoJob Numbers")!.id;
  const token = (await control("tokens", { wabaId })).json().accessToken;
  const operator = caller(app, { authorization: `Bearer ${OPERATOR_KEY}` });
  const registered = await operator.post("/api/operator/virtual-numbers/waba", {
    wabaId,
    accessToken: token,
  });
  expect(registered.statusCode, registered.body).toBe(200);
  a = await holder("Atlas Recrutement");
  b = await holder("Sahara Emploi");
}, 90_000);
afterAll(() => app.close());

describe("templates on LinkoJob's shared WhatsApp account", () => {
  it("two clients create a template of the same name: each has its own, under its own name, and sees only it", async () => {
    // LinkoJob's own templates on the WABA (the simulator seeds a few) are nobody's.
    expect((await atMeta()).some((t) => t.name === "job_opportunity")).toBe(true);
    for (const who of [a, b]) {
      await who.session.post("/api/templates/sync", { connectionId: who.connection.id });
      expect(await listOf(who)).toEqual([]);
    }

    aConvocation = await create(
      a,
      "convocation",
      "Bonjour {{first_name}}, Atlas vous convoque à un entretien.",
    );
    bConvocation = await create(
      b,
      "convocation",
      "Bonjour {{first_name}}, Sahara vous invite à un entretien.",
    );
    expect(aConvocation.name).toBe("convocation");
    expect(bConvocation.name).toBe("convocation");
    expect(aConvocation.metaTemplateId).not.toBe(bConvocation.metaTemplateId);
    // At Meta, two templates: each under its client's prefix, so the names never collide.
    const names = (await atMeta()).map((t) => t.name);
    expect(names).toContain(`${a.prefix}convocation`);
    expect(names).toContain(`${b.prefix}convocation`);
    expect(a.prefix).not.toBe(b.prefix);

    for (const [who, own] of [
      [a, aConvocation],
      [b, bConvocation],
    ] as const) {
      expect(await listOf(who)).toEqual([{ id: own.id, name: "convocation" }]);
      // A sync from Meta, which lists every template of the WABA, changes nothing.
      const synced = await who.session.post("/api/templates/sync", { connectionId: who.connection.id });
      expect(synced.json()).toEqual({ count: 1 });
      expect(await listOf(who)).toEqual([{ id: own.id, name: "convocation" }]);
      const detail = (await who.key.get(`/api/templates/${own.id}`)).json() as TemplateResponse;
      expect(detail.name).toBe("convocation");
      expect(JSON.stringify(detail)).not.toContain(who.prefix);
    }
  });

  it("sends its own: Meta is asked for the client's template, never the other's", async () => {
    expect((await sendTemplate(a, "convocation", "0612340001")).statusCode).toBe(202);
    expect((await sendTemplate(b, "convocation", "0612340002")).statusCode).toBe(202);
    await eventually(async () => (await sentNames(a.connection.phoneNumberId!)).length === 1);
    await eventually(async () => (await sentNames(b.connection.phoneNumberId!)).length === 1);
    expect(await sentNames(a.connection.phoneNumberId!)).toEqual([`${a.prefix}convocation`]);
    expect(await sentNames(b.connection.phoneNumberId!)).toEqual([`${b.prefix}convocation`]);
    const rendered = await queryRows<{ text: string }>(
      app,
      "SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.client_id = $1",
      [b.clientId],
    );
    expect(rendered.map((r) => r.text)).toEqual(["Bonjour Salma, Sahara vous invite à un entretien."]);
  }, 60_000);

  it("cannot see, send, use in a campaign, edit or delete the other's", async () => {
    const onlyA = await create(
      a,
      "relance_atlas",
      "Bonjour {{first_name}}, avez-vous reçu notre offre Atlas ?",
    );
    for (const who of [b.session, b.key]) {
      expect((await who.get(`/api/templates/${onlyA.id}`)).statusCode).toBe(404);
      expect((await who.get(`/api/templates/${aConvocation.id}`)).statusCode).toBe(404);
    }
    expect((await b.session.patch(`/api/templates/${onlyA.id}`, { category: "MARKETING" })).statusCode).toBe(
      404,
    );
    expect((await b.session.delete(`/api/templates/${onlyA.id}`)).statusCode).toBe(404);
    const filtered = (await b.session.get("/api/templates?name=relance_atlas")).json().templates;
    expect(filtered).toEqual([]);

    const send = await sendTemplate(b, "relance_atlas", "0612340003");
    expect(send.statusCode).toBe(400);
    expect(send.json().error.code).toBe("template_not_found");
    const campaign = {
      connectionId: b.connection.id,
      name: "Relance",
      template: { name: "relance_atlas", language: "fr" },
      recipients: [{ phone: "0612340004", body: [{ name: "first_name", text: "Karim" }] }],
    };
    for (const route of ["/api/campaigns/estimate", "/api/campaigns"]) {
      const refused = await b.session.post(route, campaign);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.code).toBe("template_not_found");
    }
    // Nothing of A's went out from B's number, and A's template is as it was.
    expect(await sentNames(b.connection.phoneNumberId!)).toEqual([`${b.prefix}convocation`]);
    const still = (await a.session.get(`/api/templates/${onlyA.id}`)).json() as TemplateResponse;
    expect(still).toMatchObject({ status: "APPROVED", category: "UTILITY" });
  });

  it("Meta's review of one client's template reaches that client only", async () => {
    // Meta pauses A's convocation: A's changes, B's of the same name does not.
    const paused = await control(`templates/${aConvocation.metaTemplateId}/decision`, {
      status: "PAUSED",
      title: "FIRST_PAUSE",
    });
    expect(paused.statusCode, paused.body).toBe(200);
    await eventually(
      async () =>
        ((await a.session.get(`/api/templates/${aConvocation.id}`)).json() as TemplateResponse).status ===
        "PAUSED",
    );
    const bOwn = (await b.session.get(`/api/templates/${bConvocation.id}`)).json() as TemplateResponse;
    expect(bOwn.status).toBe("APPROVED");
    expect(bOwn.history.map((h) => h.status)).not.toContain("PAUSED");
    const bEvents = await queryRows<{ meta_template_id: string }>(
      app,
      "SELECT meta_template_id FROM template_events WHERE client_id = $1",
      [b.clientId],
    );
    expect(bEvents.map((e) => e.meta_template_id)).not.toContain(aConvocation.metaTemplateId);

    // A review that beats Meta's answer to the create call waits for its client only; one for
    // LinkoJob's own template, or another client's, waits for nobody.
    const waiting = (metaId: string, name: string) =>
      deliverChange("message_template_status_update", {
        event: "APPROVED",
        message_template_id: Number(metaId),
        message_template_name: name,
        message_template_language: "fr",
        reason: null,
      });
    await waiting("990000001", `${b.prefix}pas_encore_la`);
    await waiting("990000002", "job_opportunity_v2");
    const parked = await queryRows<{ client_id: string; meta_template_id: string }>(
      app,
      "SELECT client_id, meta_template_id FROM template_events WHERE template_id IS NULL AND meta_template_id IN ('990000001', '990000002')",
    );
    expect(parked).toEqual([{ client_id: b.clientId, meta_template_id: "990000001" }]);

    // Without a name, a change reaches only a client that stored the template.
    await deliverChange("message_template_quality_update", {
      message_template_id: Number(bConvocation.metaTemplateId),
      previous_quality_score: "UNKNOWN",
      new_quality_score: "YELLOW",
    });
    const bQuality = (await b.session.get(`/api/templates/${bConvocation.id}`)).json() as TemplateResponse;
    expect(bQuality.qualityScore).toBe("YELLOW");
    const aQuality = (await a.session.get(`/api/templates/${aConvocation.id}`)).json() as TemplateResponse;
    expect(aQuality.qualityScore).not.toBe("YELLOW");
    const strays = await queryRows(
      app,
      "SELECT 1 FROM template_events WHERE client_id = $1 AND meta_template_id = $2",
      [a.clientId, bConvocation.metaTemplateId],
    );
    expect(strays).toEqual([]);
  });

  it("deleting one client's template leaves the other's of the same name at Meta, sendable", async () => {
    const removed = await a.session.delete(`/api/templates/${aConvocation.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const names = (await atMeta()).filter((t) => t.status !== "DELETED").map((t) => t.name);
    expect(names).not.toContain(`${a.prefix}convocation`);
    expect(names).toContain(`${b.prefix}convocation`);
    expect(await listOf(b)).toEqual([{ id: bConvocation.id, name: "convocation" }]);
    expect((await sendTemplate(b, "convocation", "0612340005")).statusCode).toBe(202);
    await eventually(async () => (await sentNames(b.connection.phoneNumberId!)).length === 2);
  }, 60_000);
});
