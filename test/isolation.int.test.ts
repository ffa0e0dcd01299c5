import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeyScope } from "../src/contracts/accounts";
import { monthOf } from "../src/server/modules/costs/pricing";
import { tenantRepositories } from "../src/server/modules/tenant-repositories";
import {
  campaigns,
  media,
  notes,
  virtualNumberAssignments,
  virtualNumbers,
  virtualWabas,
  webhookDeliveries,
  webhookOutboundEvents,
} from "../src/server/platform/db/schema/index";
import { apiKeyCaller, buildClient, buildUser, type Caller, loginAs } from "./support/factories";
import {
  buildConnection,
  buildContact,
  buildConversation,
  buildMessage,
  buildTemplate,
} from "./support/rows";
import { createTestApp, type TestApp } from "./support/test-app";

/**
 * Tenant isolation, route by route: client A's session and API key, given client B's ids, get 404
 * (never 403, so ids reveal nothing) and lists never show B's rows. The last test fails when a new
 * route is added without a case here.
 */

interface Tenant {
  clientId: string;
  connectionId: string;
  conversationId: string;
  contactId: string;
  messageId: string;
  mediaId: string;
  templateId: string;
  ownerId: string;
  recruiterId: string;
  apiKeyId: string;
  session: Caller;
  key: Caller;
  marker: string;
}

let app: TestApp;
let a: Tenant;
let b: Tenant;

async function buildTenant(marker: string): Promise<Tenant> {
  const { client, owner } = await buildClient(app, `Tenant ${marker}`);
  const recruiter = await buildUser(app, { clientId: client.id });
  const key = await apiKeyCaller(app, owner, ApiKeyScope.options);
  const connection = await buildConnection(app, {
    clientId: client.id,
    state: "failed",
    phoneNumberId: `pn-${marker}`,
    displayPhoneNumber: `+212 ${marker}`,
  });
  const owned = await seedConversation(client.id, connection.id, marker);
  return {
    clientId: client.id,
    connectionId: connection.id,
    ...owned,
    ownerId: owner.id,
    recruiterId: recruiter.id,
    apiKeyId: key.id,
    session: await loginAs(app, owner),
    key: key.caller,
    marker,
  };
}

/** A candidate who wrote, with an image, a note and a template on the tenant's number. */
async function seedConversation(clientId: string, connectionId: string, marker: string) {
  const db = app.database.db;
  const contact = await buildContact(app, { clientId, name: `Candidate ${marker}` });
  const conversation = await buildConversation(app, {
    clientId,
    connectionId,
    contactId: contact.id,
    lastInboundAt: new Date(),
    lastMessageAt: new Date(),
    unreadCount: 1,
    lastMessagePreview: `hello ${marker}`,
  });
  const message = await buildMessage(app, {
    conversationId: conversation.id,
    wamid: `wamid.${marker}`,
    type: "image",
    body: marker,
    text: `secret ${marker}`,
  });
  const [file] = await db
    .insert(media)
    .values({
      clientId,
      messageId: message.id,
      status: "stored",
      storageKey: `${clientId}/x`,
      mimeType: "image/jpeg",
    })
    .returning();
  await db.insert(notes).values({ clientId, conversationId: conversation.id, body: `note ${marker}` });
  const template = await buildTemplate(app, {
    clientId,
    connectionId,
    name: `tpl_${marker}`,
    components: [{ type: "BODY", text: "Bonjour" }],
  });
  return {
    conversationId: conversation.id,
    contactId: contact.id,
    messageId: message.id,
    mediaId: file!.id,
    templateId: template.id,
  };
}

beforeAll(async () => {
  app = await createTestApp();
  a = await buildTenant("alpha");
  b = await buildTenant("bravo");
  // B's month has cost 5 MAD on its number, and B has budgets.
  const costsOfB = tenantRepositories(app.database.db, b.clientId).costs;
  await costsOfB.addToRollups([
    {
      month: monthOf(new Date()),
      connectionId: b.connectionId,
      senderUserId: b.recruiterId,
      campaignId: null,
      market: "MA",
      category: "marketing",
      pricingType: "regular",
      messages: 25,
      amountMad: "5",
    },
  ]);
  await costsOfB.setBudget(null, 42, null);
  await costsOfB.setBudget(b.recruiterId, 7, null);
});
afterAll(() => app.close());

const expectNotFound = (response: { statusCode: number; json(): { error: { code: string } } }) => {
  expect(response.statusCode).toBe(404);
  expect(response.json().error.code).toBe("not_found");
};

/** A tenant's webhook endpoint with one failed delivery (made once, through the API and its log's tables). */
const webhooksOf = new Map<Tenant, Promise<{ endpointId: string; deliveryId: string; url: string }>>();
function webhooks(tenant: Tenant) {
  if (!webhooksOf.has(tenant))
    webhooksOf.set(
      tenant,
      (async () => {
        const url = `http://127.0.0.1:9/${tenant.marker}`;
        const { endpoint } = (
          await tenant.session.post("/api/webhook-endpoints", { url, eventTypes: ["message.received"] })
        ).json();
        const eventId = crypto.randomUUID();
        await app.database.db
          .insert(webhookOutboundEvents)
          .values({ id: eventId, clientId: tenant.clientId, type: "message.received", body: "{}" });
        const [delivery] = await app.database.db
          .insert(webhookDeliveries)
          .values({
            clientId: tenant.clientId,
            endpointId: endpoint.id,
            eventId,
            eventType: "message.received",
            state: "failed",
            attempts: 1,
            failedAt: new Date(),
          })
          .returning();
        return { endpointId: endpoint.id as string, deliveryId: delivery!.id, url };
      })(),
    );
  return webhooksOf.get(tenant)!;
}

/** A's endpoint calls on B's endpoint (and B's delivery under A's endpoint) are not found; B's stay as they were. */
async function expectWebhooksOutOfReach(
  attempt: (
    caller: Caller,
    ofB: { endpointId: string; deliveryId: string },
  ) => Promise<{ statusCode: number; json(): { error: { code: string } } }>,
) {
  const ofB = await webhooks(b);
  for (const caller of [a.session, a.key]) expectNotFound(await attempt(caller, ofB));
  const endpoint = (await b.session.get(`/api/webhook-endpoints/${ofB.endpointId}`)).json();
  expect(endpoint.url).toBe(ofB.url);
  expect(endpoint.isEnabled).toBe(true);
  const detail = (
    await b.session.get(`/api/webhook-endpoints/${ofB.endpointId}/deliveries/${ofB.deliveryId}`)
  ).json();
  expect(detail.delivery.state).toBe("failed");
}

/** One case per API route: what A tries against B, and what must happen. */
/** A campaign of B's, made once (rows only: its routes are what is tested). */
let bCampaign: Promise<string> | undefined;
/** A quick reply of B's owner, shared with B's users or personal; a new one per call. */
async function quickReplyOfB(scope: "shared" | "personal"): Promise<string> {
  const shortcut = `r${Math.random().toString(36).slice(2, 10)}`;
  const body = { scope, shortcut, title: `Reply ${b.marker}`, language: "fr", body: "Bonjour {{prenom}}" };
  const response = await b.session.post("/api/quick-replies", body);
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

/** A tenant's stages, in order (every client starts with the defaults). */
const stagesOf = async (tenant: Tenant) =>
  (await tenant.session.get("/api/hiring-stages")).json().stages as { id: string; name: string }[];
const labelsOf = async (tenant: Tenant) =>
  (await tenant.session.get("/api/labels")).json().labels as { id: string; name: string }[];
/** A label of B's, put on B's conversation (made once). */
let bLabel: Promise<string> | undefined;
function labelOfB(): Promise<string> {
  bLabel ??= (async () => {
    const response = await b.session.post("/api/labels", { name: `Label ${b.marker}`, color: "teal" });
    expect(response.statusCode).toBe(201);
    const id = response.json().id as string;
    const put = await b.session.post(`/api/conversations/${b.conversationId}/labels`, { labelId: id });
    expect(put.statusCode).toBe(200);
    return id;
  })();
  return bLabel;
}
/** B's conversation's stage and labels, as B sees them. */
const pipelineOfB = async () => {
  const conversation = (await b.session.get(`/api/conversations/${b.conversationId}`)).json();
  return { stageId: conversation.stageId as string | null, labelIds: conversation.labelIds as string[] };
};

function campaignOfB(): Promise<string> {
  bCampaign ??= (async () => {
    const [campaign] = await app.database.db
      .insert(campaigns)
      .values({
        clientId: b.clientId,
        connectionId: b.connectionId,
        name: "B's",
        templateName: "tpl_bravo",
        templateLanguage: "fr",
        category: "UTILITY",
        recipientCount: 0,
        estimatedCostMad: "0",
        status: "paused",
      })
      .returning();
    return campaign!.id;
  })();
  return bCampaign;
}

/**
 * LinkoJob's pool (rows only: a WABA and two numbers), B holding the first through a connection of
 * its own on LinkoJob's WABA; made once.
 */
let linkojobPool: Promise<{ bConnectionId: string; bNumberId: string }> | undefined;
function linkojobPoolWithB() {
  linkojobPool ??= (async () => {
    const { vault } = app.deps;
    const db = app.database.db;
    const wabaRowId = crypto.randomUUID();
    const [waba] = await db
      .insert(virtualWabas)
      .values({
        id: wabaRowId,
        wabaId: "880000000000001",
        accessTokenSealed: vault.encrypt("EAAG-linkojob", `virtual-waba:${wabaRowId}:token`),
      })
      .returning();
    const numbers = [];
    for (const n of [1, 2]) {
      const id = crypto.randomUUID();
      const [row] = await db
        .insert(virtualNumbers)
        .values({
          id,
          virtualWabaId: waba!.id,
          phoneNumberId: `88000000000010${n}`,
          displayPhoneNumber: `+212 5 20 99 00 0${n}`,
          state: n === 1 ? "assigned" : "available",
          pinSealed: vault.encrypt("123456", `virtual-number:${id}:pin`),
        })
        .returning();
      numbers.push(row!);
    }
    const bConnection = await buildConnection(app, {
      clientId: b.clientId,
      wabaId: waba!.wabaId,
      phoneNumberId: numbers[0]!.phoneNumberId,
      displayPhoneNumber: numbers[0]!.displayPhoneNumber,
      templateNamePrefix: `lj${b.clientId.replace(/-/g, "")}_`,
    });
    await db.insert(virtualNumberAssignments).values({
      virtualNumberId: numbers[0]!.id,
      clientId: b.clientId,
      connectionId: bConnection.id,
      displayName: "Bravo SARL",
      assignedBy: "operator-test",
    });
    return { bConnectionId: bConnection.id, bNumberId: numbers[0]!.id };
  })();
  return linkojobPool;
}

/** A's session and key cannot move B's campaign: 404, and its state is what it was. */
async function expectCampaignOfBUntouched(action: string) {
  const id = await campaignOfB();
  const stateOf = async () =>
    (await app.database.query("SELECT status FROM campaigns WHERE id = $1", [id])).rows[0]?.status;
  const before = await stateOf();
  for (const caller of [a.session, a.key])
    expectNotFound(await caller.post(`/api/campaigns/${id}/${action}`));
  expect(await stateOf()).toBe(before);
}

const cases: Record<string, () => Promise<void>> = {
  "GET /api/webhook-endpoints": async () => {
    const ofA = await webhooks(a);
    const ofB = await webhooks(b);
    for (const caller of [a.session, a.key]) {
      const ids = (await caller.get("/api/webhook-endpoints"))
        .json()
        .endpoints.map((e: { id: string }) => e.id);
      expect(ids).toContain(ofA.endpointId);
      expect(ids).not.toContain(ofB.endpointId);
    }
  },
  "POST /api/webhook-endpoints": async () => {
    const { endpoint } = (
      await a.key.post("/api/webhook-endpoints", {
        url: "http://127.0.0.1:9/iso",
        eventTypes: ["message.status"],
      })
    ).json();
    const bIds = (await b.session.get("/api/webhook-endpoints"))
      .json()
      .endpoints.map((e: { id: string }) => e.id);
    expect(bIds).not.toContain(endpoint.id);
  },
  "GET /api/webhook-endpoints/{id}": () =>
    expectWebhooksOutOfReach((caller, ofB) => caller.get(`/api/webhook-endpoints/${ofB.endpointId}`)),
  "PATCH /api/webhook-endpoints/{id}": () =>
    expectWebhooksOutOfReach((caller, ofB) =>
      caller.patch(`/api/webhook-endpoints/${ofB.endpointId}`, {
        url: "http://127.0.0.1:9/hijacked",
        isEnabled: false,
      }),
    ),
  "DELETE /api/webhook-endpoints/{id}": () =>
    expectWebhooksOutOfReach((caller, ofB) => caller.delete(`/api/webhook-endpoints/${ofB.endpointId}`)),
  "POST /api/webhook-endpoints/{id}/rotate-secret": () =>
    expectWebhooksOutOfReach((caller, ofB) =>
      caller.post(`/api/webhook-endpoints/${ofB.endpointId}/rotate-secret`, { overlapHours: 0 }),
    ),
  "GET /api/webhook-endpoints/{id}/deliveries": () =>
    expectWebhooksOutOfReach((caller, ofB) =>
      caller.get(`/api/webhook-endpoints/${ofB.endpointId}/deliveries`),
    ),
  "GET /api/webhook-endpoints/{id}/deliveries/{deliveryId}": async () => {
    const ofA = await webhooks(a);
    await expectWebhooksOutOfReach((caller, ofB) =>
      caller.get(`/api/webhook-endpoints/${ofB.endpointId}/deliveries/${ofB.deliveryId}`),
    );
    // B's delivery under A's own endpoint is not found either.
    await expectWebhooksOutOfReach((caller, ofB) =>
      caller.get(`/api/webhook-endpoints/${ofA.endpointId}/deliveries/${ofB.deliveryId}`),
    );
  },
  "POST /api/webhook-endpoints/{id}/deliveries/{deliveryId}/replay": async () => {
    const ofA = await webhooks(a);
    await expectWebhooksOutOfReach((caller, ofB) =>
      caller.post(`/api/webhook-endpoints/${ofB.endpointId}/deliveries/${ofB.deliveryId}/replay`),
    );
    await expectWebhooksOutOfReach((caller, ofB) =>
      caller.post(`/api/webhook-endpoints/${ofA.endpointId}/deliveries/${ofB.deliveryId}/replay`),
    );
  },
  "POST /api/webhook-endpoints/{id}/replay-failed": () =>
    expectWebhooksOutOfReach((caller, ofB) =>
      caller.post(`/api/webhook-endpoints/${ofB.endpointId}/replay-failed`),
    ),
  "GET /api/costs": async () => {
    for (const caller of [a.session, a.key]) {
      const costs = (await caller.get("/api/costs?groupBy=number")).json();
      expect(costs.total.amountMad).toBe(0);
      expect(costs.rows).toEqual([]);
      expect(costs.budget.monthlyMad).toBeNull();
    }
    expect((await b.session.get("/api/costs?groupBy=number")).json().total.amountMad).toBe(5);
  },
  "GET /api/reports": async () => {
    // B's owner answered a candidate of B's: one response in B's report, nothing in A's.
    const contact = await buildContact(app, { clientId: b.clientId, name: "Candidate reports" });
    const { id: conversationId } = await buildConversation(app, {
      clientId: b.clientId,
      connectionId: b.connectionId,
      contactId: contact.id,
    });
    await buildMessage(app, { conversationId, body: "Bonjour", occurredAt: new Date(Date.now() - 60_000) });
    await buildMessage(app, {
      conversationId,
      direction: "outbound",
      senderUserId: b.ownerId,
      body: "Bonjour, merci",
      occurredAt: new Date(),
    });
    expect((await b.session.get("/api/reports")).json()).toMatchObject({
      total: { conversationsHandled: 1, responses: 1 },
      recruiters: [{ userId: b.ownerId }],
    });
    const ofA = (await a.session.get("/api/reports")).json();
    expect(ofA.total).toMatchObject({ conversationsHandled: 0, responses: 0, resolutions: 0 });
    expect(ofA.recruiters).toEqual([]);
    expect(JSON.stringify(ofA)).not.toContain(b.ownerId);
    // Reports are for signed-in users: API keys are refused outright.
    expect((await a.key.get("/api/reports")).statusCode).toBe(403);
  },
  "GET /api/costs/export": async () => {
    const csv = (await a.key.get("/api/costs/export?groupBy=number")).body;
    expect(csv).not.toContain(b.connectionId);
    expect(csv).not.toContain(b.marker);
    expect(csv.trim().split("\r\n").at(-1)).toMatch(/,total,,0\.00,0,0,0,0\.00$/);
  },
  "GET /api/costs/budgets": async () => {
    for (const caller of [a.session, a.key]) {
      const budgets = (await caller.get("/api/costs/budgets")).json();
      expect(budgets.client.monthlyMad).toBeNull();
      expect(budgets.recruiters).toEqual([]);
    }
  },
  "PUT /api/costs/budgets": async () => {
    const put = (body: object) =>
      a.session.request({ method: "PUT", url: "/api/costs/budgets", payload: body });
    expectNotFound(await put({ userId: b.recruiterId, monthlyMad: 9999 }));
    expect((await put({ monthlyMad: 1 })).statusCode).toBe(200);
    const ofB = (await b.session.get("/api/costs/budgets")).json();
    expect(ofB.client.monthlyMad).toBe(42);
    expect(ofB.recruiters.map((r: { monthlyMad: number }) => r.monthlyMad)).toEqual([7]);
    await put({ monthlyMad: null });
  },
  "GET /api/costs/quote": async () => {
    for (const caller of [a.session, a.key])
      expectNotFound(
        await caller.get(`/api/costs/quote?conversationId=${b.conversationId}&category=MARKETING`),
      );
  },
  "GET /api/clients/{id}": async () => {
    expectNotFound(await a.session.get(`/api/clients/${b.clientId}`));
    expectNotFound(await a.key.get(`/api/clients/${b.clientId}`));
  },
  "GET /api/users": async () => {
    for (const caller of [a.session, a.key]) {
      const ids = (await caller.get("/api/users")).json().users.map((u: { id: string }) => u.id);
      expect(ids).toContain(a.recruiterId);
      expect(ids).not.toContain(b.recruiterId);
      expect(ids).not.toContain(b.ownerId);
    }
  },
  "POST /api/users": async () => {
    const created = (
      await a.session.post("/api/users", {
        email: `iso-${Date.now()}@example.test`,
        name: "N",
        role: "recruiter",
        password: "long-enough-pass",
      })
    ).json();
    expect(created.clientId).toBe(a.clientId);
    const bIds = (await b.session.get("/api/users")).json().users.map((u: { id: string }) => u.id);
    expect(bIds).not.toContain(created.id);
  },
  "PATCH /api/users/{id}": async () => {
    expectNotFound(await a.session.patch(`/api/users/${b.recruiterId}`, { name: "Hijacked" }));
    const bUsers = (await b.session.get("/api/users")).json().users;
    expect(bUsers.find((u: { id: string }) => u.id === b.recruiterId).name).not.toBe("Hijacked");
  },
  "DELETE /api/users/{id}": async () => {
    expectNotFound(await a.session.delete(`/api/users/${b.recruiterId}`));
    const bIds = (await b.session.get("/api/users")).json().users.map((u: { id: string }) => u.id);
    expect(bIds).toContain(b.recruiterId);
  },
  "GET /api/api-keys": async () => {
    const ids = (await a.session.get("/api/api-keys")).json().apiKeys.map((k: { id: string }) => k.id);
    expect(ids).toContain(a.apiKeyId);
    expect(ids).not.toContain(b.apiKeyId);
  },
  "POST /api/api-keys": async () => {
    const { apiKey } = (
      await a.session.post("/api/api-keys", { name: "iso", scopes: ["clients:read"] })
    ).json();
    const bIds = (await b.session.get("/api/api-keys")).json().apiKeys.map((k: { id: string }) => k.id);
    expect(bIds).not.toContain(apiKey.id);
  },
  "DELETE /api/api-keys/{id}": async () => {
    expectNotFound(await a.session.delete(`/api/api-keys/${b.apiKeyId}`));
    expect((await b.key.get(`/api/clients/${b.clientId}`)).statusCode).toBe(200);
  },
  "GET /api/audit": async () => {
    const entries = (await a.session.get("/api/audit?limit=200")).json().entries;
    expect(entries.length).toBeGreaterThan(0);
    const text = JSON.stringify(entries);
    for (const id of [b.clientId, b.ownerId, b.recruiterId, b.apiKeyId]) expect(text).not.toContain(id);
  },
  "POST /api/auth/login": async () => {
    // A session only ever belongs to its user's client.
    const session = (await a.session.get("/api/auth/session")).json();
    expect(session.client.id).toBe(a.clientId);
  },
  "GET /api/auth/session": async () => {
    expect((await a.session.get("/api/auth/session")).json().user.clientId).toBe(a.clientId);
  },
  "POST /api/auth/password": async () => {
    // Only the session's own user: a wrong current password changes nothing.
    expect(
      (
        await a.session.post("/api/auth/password", {
          currentPassword: "guess",
          newPassword: "long-enough-password",
        })
      ).statusCode,
    ).toBe(400);
  },
  "PATCH /api/auth/me": async () => {
    const me = (await a.session.patch("/api/auth/me", { name: "Alpha owner" })).json();
    expect(me.id).toBe(a.ownerId);
  },
  "GET /api/connections": async () => {
    for (const caller of [a.session, a.key]) {
      const ids = (await caller.get("/api/connections")).json().connections.map((c: { id: string }) => c.id);
      expect(ids).toEqual([a.connectionId]);
    }
  },
  "GET /api/connections/{id}": async () => {
    expectNotFound(await a.session.get(`/api/connections/${b.connectionId}`));
    expectNotFound(await a.key.get(`/api/connections/${b.connectionId}`));
  },
  "POST /api/connections/{id}/retry": async () => {
    expectNotFound(await a.session.post(`/api/connections/${b.connectionId}/retry`, {}));
    expect((await b.session.get(`/api/connections/${b.connectionId}`)).json().state).toBe("failed");
  },
  "POST /api/connections/{id}/check": async () => {
    expectNotFound(await a.session.post(`/api/connections/${b.connectionId}/check`));
  },
  "DELETE /api/auth/whatsapp/disconnect": async () => {
    expectNotFound(
      await a.session.request({
        method: "DELETE",
        url: "/api/auth/whatsapp/disconnect",
        payload: { connectionId: b.connectionId },
      }),
    );
    expect((await b.session.get(`/api/connections/${b.connectionId}`)).json().state).toBe("failed");
  },
  "GET /api/auth/whatsapp/config": async () => {
    // Deployment settings, the same for every client; no client data in them.
    const config = (await a.session.get("/api/auth/whatsapp/config")).json();
    expect(JSON.stringify(config)).not.toContain(b.clientId);
  },
  "POST /api/auth/whatsapp/initiate": async () => {
    // A signup state belongs to the client and session that asked for it.
    const { state } = (await a.session.post("/api/auth/whatsapp/initiate")).json();
    const stolen = await b.session.post("/api/auth/whatsapp/complete", {
      state,
      session: { event: "CANCEL" },
    });
    expect(stolen.json().error.code).toBe("signup_state_invalid");
  },
  "POST /api/auth/whatsapp/complete": async () => {
    const { state } = (await b.session.post("/api/auth/whatsapp/initiate")).json();
    expect(
      (await a.session.post("/api/auth/whatsapp/complete", { state, session: { event: "CANCEL" } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await b.session.post("/api/auth/whatsapp/complete", { state, session: { event: "CANCEL" } }))
        .statusCode,
    ).toBe(202);
  },
  "GET /api/auth/whatsapp/callback": async () => {
    const { state } = (await b.session.post("/api/auth/whatsapp/initiate")).json();
    const response = await a.session.get(`/api/auth/whatsapp/callback?state=${state}&code=anything`);
    expect(response.headers.location).toMatch(/signup_error=/);
  },
  "GET /api/templates": async () => {
    for (const caller of [a.session, a.key]) {
      const ids = (await caller.get("/api/templates")).json().templates.map((t: { id: string }) => t.id);
      expect(ids).toEqual([a.templateId]);
    }
  },
  "POST /api/templates/sync": async () => {
    expectNotFound(await a.session.post("/api/templates/sync", { connectionId: b.connectionId }));
  },
  "GET /api/templates/{id}": async () => {
    expectNotFound(await a.session.get(`/api/templates/${b.templateId}`));
    expectNotFound(await a.key.get(`/api/templates/${b.templateId}`));
  },
  "POST /api/templates": async () => {
    const draft = {
      name: "tpl_stolen",
      category: "UTILITY",
      translations: [{ language: "fr", body: { text: "Bonjour, merci pour votre candidature chez nous." } }],
    };
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.post("/api/templates", { connectionId: b.connectionId, ...draft }));
  },
  "PATCH /api/templates/{id}": async () => {
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.patch(`/api/templates/${b.templateId}`, { category: "MARKETING" }));
    expect((await b.session.get(`/api/templates/${b.templateId}`)).json().category).toBe("UTILITY");
  },
  "DELETE /api/templates/{id}": async () => {
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.delete(`/api/templates/${b.templateId}`));
    expect((await b.session.get(`/api/templates/${b.templateId}`)).statusCode).toBe(200);
  },
  "GET /api/templates/starter-pack": async () => {
    expectNotFound(await a.session.get(`/api/templates/starter-pack?connectionId=${b.connectionId}`));
    expectNotFound(await a.key.get(`/api/templates/starter-pack?connectionId=${b.connectionId}`));
  },
  "POST /api/templates/starter-pack": async () => {
    const body = { connectionId: b.connectionId, key: "interview_invitation", languages: ["fr"] };
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.post("/api/templates/starter-pack", body));
  },
  "POST /api/templates/media": async () => {
    for (const caller of [a.session, a.key]) {
      expectNotFound(
        await caller.request({
          method: "POST",
          url: `/api/templates/media?connectionId=${b.connectionId}`,
          headers: { "content-type": "image/png" },
          payload: Buffer.from("png bytes"),
        }),
      );
    }
  },
  "GET /api/conversations": async () => {
    for (const caller of [a.session, a.key]) {
      const page = (await caller.get("/api/conversations?q=secret")).json();
      expect(page.conversations.map((c: { id: string }) => c.id)).toEqual([a.conversationId]);
    }
    // B's chat at B's stage, with B's label: A's lists filtered by them are empty.
    const [stageOfB] = await stagesOf(b);
    await b.session.request({
      method: "PUT",
      url: `/api/conversations/${b.conversationId}/stage`,
      payload: { stageId: stageOfB!.id },
    });
    const labelId = await labelOfB();
    for (const caller of [a.session, a.key]) {
      expect((await caller.get(`/api/conversations?stage=${stageOfB!.id}`)).json().conversations).toEqual([]);
      expect((await caller.get(`/api/conversations?label=${labelId}`)).json().conversations).toEqual([]);
    }
  },
  "GET /api/conversations/campaigns": async () => {
    // B's campaign wrote to B's chat: A's campaign filter never offers it, and filtering on its id
    // shows A nothing.
    const id = await campaignOfB();
    await app.database.query("UPDATE conversations SET campaign_id = $1 WHERE id = $2", [
      id,
      b.conversationId,
    ]);
    expect((await b.session.get("/api/conversations/campaigns")).json().campaigns).toMatchObject([
      { id, conversations: 1 },
    ]);
    for (const caller of [a.session, a.key]) {
      const listed = (await caller.get("/api/conversations/campaigns")).json().campaigns;
      expect(listed.map((c: { id: string }) => c.id)).not.toContain(id);
      expect((await caller.get(`/api/conversations?campaignId=${id}`)).json().conversations).toEqual([]);
    }
    await app.database.query("UPDATE conversations SET campaign_id = NULL WHERE id = $1", [b.conversationId]);
  },
  "GET /api/conversations/{id}": async () => {
    expectNotFound(await a.session.get(`/api/conversations/${b.conversationId}`));
    expectNotFound(await a.key.get(`/api/conversations/${b.conversationId}`));
  },
  "PATCH /api/conversations/{id}/read": async () => {
    expectNotFound(await a.session.patch(`/api/conversations/${b.conversationId}/read`, {}));
    expect((await b.session.get(`/api/conversations/${b.conversationId}`)).json().unreadCount).toBe(1);
  },
  "POST /api/conversations/{id}/assign": async () => {
    expectNotFound(
      await a.session.post(`/api/conversations/${b.conversationId}/assign`, { assigneeId: null }),
    );
    // Nor can A hand its own conversation to one of B's recruiters.
    expectNotFound(
      await a.session.post(`/api/conversations/${a.conversationId}/assign`, { assigneeId: b.recruiterId }),
    );
  },
  "GET /api/conversations/counts": async () => {
    // B's chat is resolved, archived: A's counts never include it, whoever asks.
    await b.session.post(`/api/conversations/${b.conversationId}/status`, { status: "resolved" });
    for (const caller of [a.session, a.key]) {
      const { counts, stages, labels } = (await caller.get("/api/conversations/counts")).json();
      expect(counts).toMatchObject({ open: 1, resolved: 0 });
      const ofB = [...(await stagesOf(b)), ...(await labelsOf(b))].map((x) => x.id);
      expect(Object.keys({ ...stages, ...labels }).filter((id) => ofB.includes(id))).toEqual([]);
      const resolved = (await caller.get("/api/conversations?view=resolved")).json().conversations;
      expect(resolved).toEqual([]);
    }
    await b.session.post(`/api/conversations/${b.conversationId}/status`, { status: "open" });
  },
  "POST /api/conversations/{id}/status": async () => {
    for (const caller of [a.session, a.key])
      expectNotFound(
        await caller.post(`/api/conversations/${b.conversationId}/status`, {
          status: "snoozed",
          snoozedUntil: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      );
    expect((await b.session.get(`/api/conversations/${b.conversationId}`)).json().status).toBe("open");
  },
  "POST /api/conversations/{id}/archive": async () => {
    for (const caller of [a.session, a.key])
      expectNotFound(
        await caller.post(`/api/conversations/${b.conversationId}/archive`, { isArchived: true }),
      );
    expect((await b.session.get(`/api/conversations/${b.conversationId}`)).json().isArchived).toBe(false);
  },
  "POST /api/conversations/{id}/unread": async () => {
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.post(`/api/conversations/${b.conversationId}/unread`));
    expect((await b.session.get(`/api/conversations/${b.conversationId}`)).json().isMarkedUnread).toBe(false);
  },
  "PUT /api/conversations/{id}/preferences": async () => {
    const pin = { method: "PUT" as const, url: `/api/conversations/${b.conversationId}/preferences` };
    expectNotFound(await a.session.request({ ...pin, payload: { isPinned: true, isMuted: true } }));
    const { rows } = await app.database.query(
      "SELECT count(*)::int AS n FROM conversation_preferences WHERE conversation_id = $1",
      [b.conversationId],
    );
    expect(rows[0]?.n).toBe(0);
  },
  "PUT /api/conversations/{id}/stage": async () => {
    const [stageOfA] = await stagesOf(a);
    const [stageOfB] = await stagesOf(b);
    const before = await pipelineOfB();
    for (const caller of [a.session, a.key]) {
      for (const stageId of [stageOfA!.id, stageOfB!.id, null])
        expectNotFound(
          await caller.request({
            method: "PUT",
            url: `/api/conversations/${b.conversationId}/stage`,
            payload: { stageId },
          }),
        );
      // B's stage on A's own chat: not found either.
      expectNotFound(
        await caller.request({
          method: "PUT",
          url: `/api/conversations/${a.conversationId}/stage`,
          payload: { stageId: stageOfB!.id },
        }),
      );
    }
    expect(await pipelineOfB()).toEqual(before);
    expect((await a.session.get(`/api/conversations/${a.conversationId}`)).json().stageId).toBeNull();
  },
  "POST /api/conversations/{id}/labels": async () => {
    const labelId = await labelOfB();
    const before = await pipelineOfB();
    for (const caller of [a.session, a.key]) {
      expectNotFound(await caller.post(`/api/conversations/${b.conversationId}/labels`, { labelId }));
      expectNotFound(await caller.post(`/api/conversations/${a.conversationId}/labels`, { labelId }));
    }
    expect(await pipelineOfB()).toEqual(before);
    expect((await a.session.get(`/api/conversations/${a.conversationId}`)).json().labelIds).toEqual([]);
  },
  "DELETE /api/conversations/{id}/labels/{labelId}": async () => {
    const labelId = await labelOfB();
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.delete(`/api/conversations/${b.conversationId}/labels/${labelId}`));
    expect((await pipelineOfB()).labelIds).toContain(labelId);
  },
  "GET /api/hiring-stages": async () => {
    const ofB = new Set((await stagesOf(b)).map((s) => s.id));
    for (const caller of [a.session, a.key]) {
      const listed = (await caller.get("/api/hiring-stages")).json().stages as { id: string }[];
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.filter((s) => ofB.has(s.id))).toEqual([]);
    }
  },
  "POST /api/hiring-stages": async () => {
    const before = await stagesOf(b);
    expect((await a.session.post("/api/hiring-stages", { name: "Stage A", color: "gray" })).statusCode).toBe(
      201,
    );
    expect((await a.key.post("/api/hiring-stages", { name: "Stage A2", color: "gray" })).statusCode).toBe(
      403,
    );
    expect(await stagesOf(b)).toEqual(before);
  },
  "PUT /api/hiring-stages/order": async () => {
    const before = await stagesOf(b);
    const reversed = before.map((s) => s.id).reverse();
    const response = await a.session.request({
      method: "PUT",
      url: "/api/hiring-stages/order",
      payload: { ids: reversed },
    });
    expect(response.statusCode).toBe(400);
    expect(await stagesOf(b)).toEqual(before);
  },
  "PATCH /api/hiring-stages/{id}": async () => {
    const [stage] = await stagesOf(b);
    expectNotFound(await a.session.patch(`/api/hiring-stages/${stage!.id}`, { name: "Volé" }));
    expect((await stagesOf(b))[0]!.name).toBe(stage!.name);
  },
  "DELETE /api/hiring-stages/{id}": async () => {
    const [stageOfA] = await stagesOf(a);
    const [stage, other] = await stagesOf(b);
    expectNotFound(await a.session.delete(`/api/hiring-stages/${stage!.id}`));
    // Nor may A's deletion move A's chats to B's stage.
    expectNotFound(await a.session.delete(`/api/hiring-stages/${stageOfA!.id}?replacementId=${other!.id}`));
    expect((await stagesOf(b)).map((s) => s.id)).toContain(stage!.id);
    expect((await stagesOf(a)).map((s) => s.id)).toContain(stageOfA!.id);
  },
  "GET /api/labels": async () => {
    const ofB = await labelOfB();
    for (const caller of [a.session, a.key]) {
      const listed = (await caller.get("/api/labels")).json().labels as { id: string }[];
      expect(listed.map((l) => l.id)).not.toContain(ofB);
    }
  },
  "POST /api/labels": async () => {
    await labelOfB();
    const before = await labelsOf(b);
    expect((await a.session.post("/api/labels", { name: "Label A", color: "red" })).statusCode).toBe(201);
    expect((await a.key.post("/api/labels", { name: "Label A2", color: "red" })).statusCode).toBe(403);
    expect(await labelsOf(b)).toEqual(before);
  },
  "PATCH /api/labels/{id}": async () => {
    const id = await labelOfB();
    expectNotFound(await a.session.patch(`/api/labels/${id}`, { name: "Volé" }));
    expect((await labelsOf(b)).find((l) => l.id === id)?.name).toBe(`Label ${b.marker}`);
  },
  "DELETE /api/labels/{id}": async () => {
    const id = await labelOfB();
    expectNotFound(await a.session.delete(`/api/labels/${id}`));
    expect((await labelsOf(b)).map((l) => l.id)).toContain(id);
    expect((await pipelineOfB()).labelIds).toContain(id);
  },
  "GET /api/conversations/{id}/notes": async () => {
    expectNotFound(await a.session.get(`/api/conversations/${b.conversationId}/notes`));
  },
  "POST /api/conversations/{id}/notes": async () => {
    expectNotFound(
      await a.session.post(`/api/conversations/${b.conversationId}/notes`, { body: "intrusion" }),
    );
    // Mentioning another client's user from one's own chat: refused, and they are told nothing.
    const stranger = await buildUser(app, { clientId: b.clientId });
    const mention = await a.session.post(`/api/conversations/${a.conversationId}/notes`, {
      body: "@quelqu'un d'ailleurs",
      mentionedUserIds: [stranger.id],
    });
    expect(mention.statusCode, mention.body).toBe(400);
    expect((await (await loginAs(app, stranger)).get("/api/mentions")).json().mentions).toEqual([]);
  },
  "GET /api/mentions": async () => {
    // B's note mentioning B's recruiter reaches that recruiter only, never A's users.
    const colleague = await buildUser(app, { clientId: b.clientId });
    const colleagueOfB = await loginAs(app, colleague);
    const note = await b.session.post(`/api/conversations/${b.conversationId}/notes`, {
      body: "@Collègue à voir",
      mentionedUserIds: [colleague.id],
    });
    expect(note.statusCode, note.body).toBe(201);
    const theirs = (await colleagueOfB.get("/api/mentions")).json();
    expect(theirs.mentions.map((m: { note: { id: string } }) => m.note.id)).toEqual([note.json().id]);
    const ours = (await a.session.get("/api/mentions")).json();
    expect(ours.mentions.map((m: { note: { id: string } }) => m.note.id)).not.toContain(note.json().id);
    expect((await a.key.get("/api/mentions")).statusCode).toBe(403);
  },
  "POST /api/mentions/seen": async () => {
    const colleague = await buildUser(app, { clientId: b.clientId });
    const colleagueOfB = await loginAs(app, colleague);
    await b.session.post(`/api/conversations/${b.conversationId}/notes`, {
      body: "@Collègue nouveau",
      mentionedUserIds: [colleague.id],
    });
    // A marking its own mentions seen leaves B's colleague's count as it was.
    expect((await a.session.post("/api/mentions/seen", {})).statusCode).toBe(204);
    expect((await colleagueOfB.get("/api/mentions")).json().newCount).toBe(1);
  },
  "PATCH /api/contacts/{id}": async () => {
    expectNotFound(await a.session.patch(`/api/contacts/${b.contactId}`, { name: "Hijacked" }));
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.patch(`/api/contacts/${b.contactId}`, { language: "en" }));
    const ofB = (await b.key.get("/api/contacts"))
      .json()
      .contacts.find((c: { id: string }) => c.id === b.contactId);
    expect(ofB).toMatchObject({ language: null, languageSource: null });
  },
  "POST /api/messages/send": async () => {
    expectNotFound(await a.key.post("/api/messages/send", { conversationId: b.conversationId, text: "hi" }));
    expectNotFound(
      await a.key.post("/api/messages/send", { connectionId: b.connectionId, to: "0612345678", text: "hi" }),
    );
    expectNotFound(await a.key.post("/api/messages/send", { contactId: b.contactId, text: "hi" }));
    expectNotFound(
      await a.key.post("/api/messages/send", {
        connectionId: b.connectionId,
        recipient: "MA.12345678901234567890",
        text: "hi",
      }),
    );
    expect((await b.session.get(`/api/messages/${b.conversationId}`)).json().messages).toHaveLength(1);
  },
  "GET /api/messages/by-wamid/{wamid}": async () => {
    expectNotFound(await a.key.get(`/api/messages/by-wamid/wamid.${b.marker}`));
    expect((await b.key.get(`/api/messages/by-wamid/wamid.${b.marker}`)).json().id).toBe(b.messageId);
  },
  "GET /api/contacts": async () => {
    for (const caller of [a.session, a.key]) {
      const page = (
        await caller.get(`/api/contacts?q=${encodeURIComponent(`Candidate ${b.marker}`)}`)
      ).json();
      expect(page.contacts).toEqual([]);
      const all = (await caller.get("/api/contacts")).json();
      expect(all.contacts.map((c: { id: string }) => c.id)).toEqual([a.contactId]);
    }
  },
  "GET /api/messages/{conversationId}": async () => {
    expectNotFound(await a.session.get(`/api/messages/${b.conversationId}`));
    expectNotFound(await a.key.get(`/api/messages/${b.conversationId}`));
  },
  "GET /api/messages/search": async () => {
    for (const caller of [a.session, a.key]) {
      // B's message says "secret bravo": A's search finds only its own "secret alpha".
      const mine = (await caller.get("/api/messages/search?q=secret")).json();
      expect(mine.results.map((r: { messageId: string }) => r.messageId)).toEqual([a.messageId]);
      expect((await caller.get(`/api/messages/search?q=${b.marker}`)).json().results).toEqual([]);
    }
    const theirs = (await b.key.get(`/api/messages/search?q=${b.marker}`)).json();
    expect(theirs.results.map((r: { messageId: string }) => r.messageId)).toEqual([b.messageId]);
  },
  "GET /api/messages/{conversationId}/search": async () => {
    expectNotFound(await a.session.get(`/api/messages/${b.conversationId}/search?q=secret`));
    expectNotFound(await a.key.get(`/api/messages/${b.conversationId}/search?q=secret`));
    const theirs = (await b.session.get(`/api/messages/${b.conversationId}/search?q=secret`)).json();
    expect(theirs.matches.map((m: { messageId: string }) => m.messageId)).toEqual([b.messageId]);
  },
  "GET /api/messages/{conversationId}/media": async () => {
    // Neither B's chat, nor B's photo in a chat of A's, nor A's photo in B's chat.
    expectNotFound(await a.session.get(`/api/messages/${b.conversationId}/media?around=${b.messageId}`));
    expectNotFound(await a.key.get(`/api/messages/${b.conversationId}/media?around=${b.messageId}`));
    expectNotFound(await a.session.get(`/api/messages/${a.conversationId}/media?around=${b.messageId}`));
    expectNotFound(await a.session.get(`/api/messages/${b.conversationId}/media?around=${a.messageId}`));
    const mine = (
      await a.session.get(`/api/messages/${a.conversationId}/media?around=${a.messageId}`)
    ).json();
    expect(mine.items.map((m: { id: string }) => m.id)).toEqual([a.messageId]);
    expect(mine.total).toBe(1);
  },
  "POST /api/conversations/{id}/typing": async () => {
    expectNotFound(await a.session.post(`/api/conversations/${b.conversationId}/typing`));
  },
  "POST /api/media": async () => {
    // An upload belongs to the uploader's client only.
    const upload = await a.session.request({
      method: "POST",
      url: "/api/media",
      headers: { "content-type": "image/png" },
      payload: Buffer.from("png"),
    });
    expect(upload.statusCode).toBe(201);
    expect((await a.session.get(`/api/media/${upload.json().id}`)).statusCode).toBe(200);
    expectNotFound(await b.session.get(`/api/media/${upload.json().id}`));
  },
  "GET /api/media/{id}": async () => {
    expectNotFound(await a.session.get(`/api/media/${b.mediaId}`));
  },
  "POST /api/campaigns/estimate": async () => {
    const draft = {
      connectionId: b.connectionId,
      template: { name: "tpl_bravo", language: "fr" },
      recipients: [{ phone: "0612345678" }],
    };
    expectNotFound(await a.session.post("/api/campaigns/estimate", draft));
  },
  "POST /api/campaigns": async () => {
    const draft = {
      name: "x",
      connectionId: b.connectionId,
      template: { name: "tpl_bravo", language: "fr" },
      recipients: [{ phone: "0612345678" }],
    };
    expectNotFound(await a.key.post("/api/campaigns", draft));
  },
  "GET /api/campaigns": async () => {
    expect((await a.session.get("/api/campaigns")).json().campaigns).toEqual([]);
  },
  "GET /api/campaigns/{id}": async () => {
    const id = await campaignOfB();
    expectNotFound(await a.session.get(`/api/campaigns/${id}`));
    expect((await b.session.get(`/api/campaigns/${id}`)).statusCode).toBe(200);
  },
  "GET /api/campaigns/{id}/recipients": async () => {
    const id = await campaignOfB();
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.get(`/api/campaigns/${id}/recipients`));
  },
  "GET /api/campaigns/{id}/results.csv": async () => {
    const id = await campaignOfB();
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.get(`/api/campaigns/${id}/results.csv`));
  },
  "POST /api/campaigns/{id}/pause": () => expectCampaignOfBUntouched("pause"),
  "POST /api/campaigns/{id}/resume": () => expectCampaignOfBUntouched("resume"),
  "POST /api/campaigns/{id}/cancel": () => expectCampaignOfBUntouched("cancel"),
  "POST /api/campaigns/{id}/retry-failed": () => expectCampaignOfBUntouched("retry-failed"),
  "POST /api/campaigns/{id}/follow-up": async () => {
    const id = await campaignOfB();
    const followUp = {
      name: "relance",
      template: { name: "tpl_alpha", language: "fr" },
      values: [],
    };
    expectNotFound(await a.session.post(`/api/campaigns/${id}/follow-up`, followUp));
    const { rows } = await app.database.query(
      "SELECT count(*)::int AS n FROM campaigns WHERE follow_up_of = $1",
      [id],
    );
    expect(rows[0]?.n).toBe(0);
  },
  "POST /api/campaigns/{id}/follow-up/estimate": async () => {
    const id = await campaignOfB();
    const draft = { template: { name: "tpl_alpha", language: "fr" }, values: [] };
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.post(`/api/campaigns/${id}/follow-up/estimate`, draft));
  },
  "GET /api/campaigns/settings": async () => {
    await b.session.patch("/api/campaigns/settings", { timeZone: "Europe/Paris" });
    for (const caller of [a.session, a.key])
      expect((await caller.get("/api/campaigns/settings")).json().timeZone).not.toBe("Europe/Paris");
  },
  "PATCH /api/campaigns/settings": async () => {
    const before = (await b.session.get("/api/campaigns/settings")).json();
    expect((await a.session.patch("/api/campaigns/settings", { timeZone: "Asia/Tokyo" })).statusCode).toBe(
      200,
    );
    expect((await b.session.get("/api/campaigns/settings")).json()).toEqual(before);
  },
  "PUT /api/campaigns/column-mapping": async () => {
    const before = (await b.session.get("/api/campaigns/settings")).json().columnMapping;
    const mapping = { columns: [{ target: "phone", header: "telephone_alpha" }] };
    const saved = await a.session.request({
      method: "PUT",
      url: "/api/campaigns/column-mapping",
      payload: mapping,
    });
    expect(saved.statusCode).toBeLessThan(300);
    expect((await b.session.get("/api/campaigns/settings")).json().columnMapping).toEqual(before);
  },
  "GET /api/campaigns/audience": async () => {
    for (const caller of [a.session, a.key])
      expectNotFound(await caller.get(`/api/campaigns/audience?connectionId=${b.connectionId}`));
  },
  "GET /api/contacts/{id}/export": async () => {
    for (const caller of [a.session, a.key]) {
      const response = await caller.get(`/api/contacts/${b.contactId}/export`);
      expect(response.statusCode).toBe(caller === a.key ? 403 : 404);
    }
    const recruiterOfB = await loginAs(app, await buildUser(app, { clientId: b.clientId }));
    expect((await recruiterOfB.get(`/api/contacts/${b.contactId}/export`)).statusCode).toBe(403);
    const exported = await app.database.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'contact.exported' AND target_id = $1",
      [b.contactId],
    );
    expect(exported.rows[0]?.n).toBe(0);
  },
  "POST /api/contacts/{id}/erase": async () => {
    const confirm = { confirm: "ERASE" };
    expectNotFound(await a.session.post(`/api/contacts/${b.contactId}/erase`, confirm));
    expect((await a.key.post(`/api/contacts/${b.contactId}/erase`, confirm)).statusCode).toBe(403);
    const recruiterOfB = await loginAs(app, await buildUser(app, { clientId: b.clientId }));
    expect((await recruiterOfB.post(`/api/contacts/${b.contactId}/erase`, confirm)).statusCode).toBe(403);
    const left = await app.database.query(
      "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1",
      [b.conversationId],
    );
    expect(left.rows[0]?.n).toBeGreaterThan(0);
    expect((await b.session.get(`/api/conversations/${b.conversationId}`)).statusCode).toBe(200);
  },
  "GET /api/automation": async () => {
    await b.session.patch("/api/automation", { assignmentMode: "last_writer" });
    expect((await a.session.get("/api/automation")).json().assignmentMode).toBe("off");
    expect((await a.key.get("/api/automation")).statusCode).toBe(403);
  },
  "PATCH /api/automation": async () => {
    const before = (await b.session.get("/api/automation")).json();
    const changed = await a.session.patch("/api/automation", {
      awayReplyEnabled: true,
      awayMessages: { fr: "Alpha absent", en: "", ar: "" },
    });
    expect(changed.statusCode).toBe(200);
    expect((await a.key.patch("/api/automation", { assignmentMode: "round_robin" })).statusCode).toBe(403);
    const recruiterOfB = await loginAs(app, await buildUser(app, { clientId: b.clientId }));
    expect((await recruiterOfB.patch("/api/automation", { assignmentMode: "round_robin" })).statusCode).toBe(
      403,
    );
    expect((await b.session.get("/api/automation")).json()).toEqual(before);
  },
  "GET /api/data-rights/retention": async () => {
    await b.session.patch("/api/data-rights/retention", { conversationMonths: 18 });
    expect((await a.session.get("/api/data-rights/retention")).json().conversationMonths).not.toBe(18);
    expect((await a.key.get("/api/data-rights/retention")).statusCode).toBe(403);
  },
  "PATCH /api/data-rights/retention": async () => {
    const before = (await b.session.get("/api/data-rights/retention")).json();
    expect((await a.session.patch("/api/data-rights/retention", { mediaMonths: 1 })).statusCode).toBe(200);
    expect((await a.key.patch("/api/data-rights/retention", { mediaMonths: 1 })).statusCode).toBe(403);
    const recruiterOfB = await loginAs(app, await buildUser(app, { clientId: b.clientId }));
    expect((await recruiterOfB.patch("/api/data-rights/retention", { mediaMonths: 1 })).statusCode).toBe(403);
    expect((await b.session.get("/api/data-rights/retention")).json()).toEqual(before);
  },
  "GET /api/quick-replies": async () => {
    const ids = (caller: Caller) =>
      caller.get("/api/quick-replies").then((r) => r.json().quickReplies.map((q: { id: string }) => q.id));
    const shared = await quickReplyOfB("shared");
    const personal = await quickReplyOfB("personal");
    expect(await ids(a.session)).not.toContain(shared);
    expect(await ids(a.session)).not.toContain(personal);
    // Inside B, a colleague sees the shared reply but not the owner's personal one.
    const colleague = await loginAs(app, await buildUser(app, { clientId: b.clientId }));
    expect(await ids(colleague)).toContain(shared);
    expect(await ids(colleague)).not.toContain(personal);
    expect(await ids(b.session)).toEqual(expect.arrayContaining([shared, personal]));
  },
  "POST /api/quick-replies": async () => {
    const body = { scope: "shared", shortcut: `iso${b.marker}`, title: "t", language: "fr", body: "x" };
    expect((await a.session.post("/api/quick-replies", body)).statusCode).toBe(201);
    // A's shortcut is A's: B may take the same one.
    expect((await b.session.post("/api/quick-replies", body)).statusCode).toBe(201);
    // Quick replies are for signed-in users: an API key is refused outright.
    expect((await a.key.post("/api/quick-replies", body)).statusCode).toBe(403);
  },
  "PATCH /api/quick-replies/{id}": async () => {
    for (const scope of ["shared", "personal"] as const) {
      const id = await quickReplyOfB(scope);
      expectNotFound(await a.session.patch(`/api/quick-replies/${id}`, { title: "pris" }));
      const colleague = await loginAs(app, await buildUser(app, { clientId: b.clientId }));
      if (scope === "personal")
        expectNotFound(await colleague.patch(`/api/quick-replies/${id}`, { title: "pris" }));
      const titles = (await b.session.get("/api/quick-replies")).json().quickReplies;
      expect(titles.find((q: { id: string }) => q.id === id).title).toBe(`Reply ${b.marker}`);
    }
  },
  "DELETE /api/quick-replies/{id}": async () => {
    for (const scope of ["shared", "personal"] as const) {
      const id = await quickReplyOfB(scope);
      expectNotFound(await a.session.delete(`/api/quick-replies/${id}`));
      const colleague = await loginAs(app, await buildUser(app, { clientId: b.clientId }));
      if (scope === "personal") expectNotFound(await colleague.delete(`/api/quick-replies/${id}`));
      const ids = (await b.session.get("/api/quick-replies"))
        .json()
        .quickReplies.map((q: { id: string }) => q.id);
      expect(ids).toContain(id);
    }
  },
  "GET /api/linkojob-numbers": async () => {
    await linkojobPoolWithB();
    // What B holds is B's: A is told of its own (none), and of the free number.
    expect((await a.session.get("/api/linkojob-numbers")).json()).toMatchObject({
      offered: true,
      available: true,
      held: 0,
    });
    expect((await b.session.get("/api/linkojob-numbers")).json()).toMatchObject({ held: 1 });
    // Taking numbers is a signed-in owner's or admin's matter: API keys are refused outright.
    expect((await a.key.get("/api/linkojob-numbers")).statusCode).toBe(403);
  },
  "POST /api/linkojob-numbers": async () => {
    const { bConnectionId, bNumberId } = await linkojobPoolWithB();
    expect((await a.key.post("/api/linkojob-numbers", { displayName: "Alpha SARL" })).statusCode).toBe(403);
    const recruiterOfA = await loginAs(app, await buildUser(app, { clientId: a.clientId }));
    expect((await recruiterOfA.post("/api/linkojob-numbers", { displayName: "Alpha SARL" })).statusCode).toBe(
      403,
    );
    // A takes the free number, never B's: its connection is its own, B's stays B's.
    const taken = await a.session.post("/api/linkojob-numbers", { displayName: "Alpha SARL" });
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json().id).not.toBe(bConnectionId);
    expect(taken.json().phoneNumberId).toBe("880000000000102");
    const aIds = (await a.session.get("/api/connections"))
      .json()
      .connections.map((c: { id: string }) => c.id);
    expect(aIds).not.toContain(bConnectionId);
    expectNotFound(await a.session.get(`/api/connections/${bConnectionId}`));
    expect((await b.session.get(`/api/connections/${bConnectionId}`)).json()).toMatchObject({
      state: "active",
      numberKind: "linkojob",
    });
    const { rows } = await app.database.query(
      "SELECT client_id FROM virtual_number_assignments WHERE virtual_number_id = $1 AND released_at IS NULL",
      [bNumberId],
    );
    expect(rows).toEqual([{ client_id: b.clientId }]);
    // A cannot give B's LinkoJob number back either.
    expectNotFound(
      await a.session.request({
        method: "DELETE",
        url: "/api/auth/whatsapp/disconnect",
        payload: { connectionId: bConnectionId },
      }),
    );
    expect((await b.session.get(`/api/connections/${bConnectionId}`)).json().state).toBe("active");
  },
  "POST /api/auth/logout": async () => {
    const other = await loginAs(app, { email: (await a.session.get("/api/auth/session")).json().user.email });
    await other.post("/api/auth/logout");
    expect((await b.session.get("/api/auth/session")).statusCode).toBe(200);
  },
};

describe("tenant isolation", () => {
  for (const [route, check] of Object.entries(cases)) {
    it(`${route}: another client's data stays out of reach`, check);
  }

  it("covers every API route", async () => {
    const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Operator routes are no client's: every one of them is refused to clients' sessions and keys
    // in modules/operator/operator.int.test.ts.
    const apiRoutes = routes.filter((r) => r.includes(" /api/") && !r.includes(" /api/operator/"));
    expect(apiRoutes.length).toBeGreaterThan(10);
    expect(apiRoutes.filter((r) => !(r in cases))).toEqual([]);
  });
});
