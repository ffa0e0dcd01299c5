import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiKeyCaller,
  buildClient,
  buildUser,
  type Caller,
  loginAs,
} from "../../../../test/support/factories";
import {
  buildConnection,
  buildContact,
  buildConversation,
  buildMessage,
  buildTemplate,
} from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { drainWebhooks, inboundText, messagesEnvelope, postWebhook } from "../../../../test/support/webhooks";
import type { BudgetsResponse, CostsResponse, QuoteResponse } from "../../../contracts/costs";
import { whatsappConnections } from "../../platform/db/schema/index";
import { sealToken } from "../connections/connection-secrets";

/**
 * The costs API on figures made the way production makes them: messages priced by Meta's status
 * webhooks and candidates' messages received, both through `/webhook` and the processor.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const marketing = { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" };
const freeReply = {
  billable: false,
  pricing_model: "PMP",
  type: "free_customer_service",
  category: "utility",
};

/** A client with an owner, a recruiter and a number that can queue sends (nothing reaches Meta: no worker). */
async function setUp() {
  const { client, owner } = await buildClient(app);
  const recruiter = await buildUser(app, { clientId: client.id, role: "recruiter" });
  const admin = await buildUser(app, { clientId: client.id, role: "admin" });
  const built = await buildConnection(app, { clientId: client.id });
  const [connection] = await app.database.db
    .update(whatsappConnections)
    .set({ accessTokenSealed: sealToken(app.deps.vault, built.id, "token") })
    .where(eq(whatsappConnections.id, built.id))
    .returning();
  const contact = await buildContact(app, { clientId: client.id });
  const conversation = await buildConversation(app, {
    clientId: client.id,
    connectionId: connection!.id,
    contactId: contact.id,
  });
  return {
    client,
    owner: await loginAs(app, owner),
    recruiter,
    recruiterSession: await loginAs(app, recruiter),
    admin: await loginAs(app, admin),
    connection: connection!,
    contact,
    conversation,
  };
}

/** Outbound templates of a recruiter, then Meta's statuses for them through the webhook. */
async function deliver(
  setup: Awaited<ReturnType<typeof setUp>>,
  pricings: object[],
  at: number,
  senderUserId: string | null = setup.recruiter.id,
) {
  const sent = [];
  for (const pricing of pricings) {
    const message = await buildMessage(app, {
      conversationId: setup.conversation.id,
      direction: "outbound",
      type: "template",
      senderUserId,
    });
    sent.push({ message, pricing });
  }
  await postWebhook(
    app,
    messagesEnvelope(setup.connection.phoneNumberId!, {
      statuses: sent.flatMap(({ message, pricing }) => [
        {
          id: message.wamid,
          status: "sent",
          timestamp: String(at),
          recipient_id: setup.contact.waId,
          pricing,
        },
        {
          id: message.wamid,
          status: "delivered",
          timestamp: String(at + 1),
          recipient_id: setup.contact.waId,
          pricing,
        },
      ]),
    }),
  );
  await drainWebhooks(app);
  return sent.map((s) => s.message);
}

const costs = async (session: Caller, query: string) => {
  const response = await session.get(`/api/costs?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CostsResponse>();
};

/** 2027-01-15 in Morocco. */
const T = 1_800_000_000;

describe("GET /api/costs", () => {
  it("gives the month's cost grouped five ways, the SMS comparison both ways, twelve months, and the CSV says the same", async () => {
    const setup = await setUp();
    await deliver(setup, [marketing, marketing, marketing, freeReply], T);
    // The candidate wrote twice (a re-delivery of one of them is not counted again).
    const first = inboundText(setup.contact.waId!, "Bonjour", { timestamp: T + 5 });
    const second = inboundText(setup.contact.waId!, "Merci", { timestamp: T + 6 });
    for (const delivery of [[first, second], [first]])
      await postWebhook(
        app,
        messagesEnvelope(setup.connection.phoneNumberId!, {
          contacts: delivery[0]!.contacts,
          messages: delivery.map((d) => d.message),
        }),
      );
    await drainWebhooks(app);

    const byCategory = await costs(setup.owner, "month=2027-01&groupBy=category");
    expect(byCategory).toMatchObject({
      month: "2027-01",
      currency: "MAD",
      smsPriceMad: 0.29,
      // 3 × USD 0.0225 × 9.00 MAD; 6 messages both ways by SMS at 0.29.
      total: { amountMad: 0.61, billableMessages: 3, freeMessages: 1, inboundMessages: 2, smsCostMad: 1.74 },
      budget: { monthlyMad: null, level: "none" },
    });
    expect(byCategory.rows).toEqual([
      expect.objectContaining({ key: "marketing", label: "marketing", amountMad: 0.61, billableMessages: 3 }),
      expect.objectContaining({ key: "inbound", inboundMessages: 2, amountMad: 0 }),
      expect.objectContaining({ key: "utility", freeMessages: 1, amountMad: 0 }),
    ]);
    expect(byCategory.history).toHaveLength(12);
    expect(byCategory.history.at(-1)).toEqual({ month: "2027-01", amountMad: 0.61, smsCostMad: 1.74 });
    expect(byCategory.history.at(0)?.month).toBe("2026-02");

    const byRecruiter = await costs(setup.owner, "month=2027-01&groupBy=recruiter");
    expect(byRecruiter.rows).toEqual([
      expect.objectContaining({
        key: setup.recruiter.id,
        label: setup.recruiter.name,
        billableMessages: 3,
        freeMessages: 1,
      }),
      expect.objectContaining({ key: null, label: null, inboundMessages: 2 }),
    ]);
    const byNumber = await costs(setup.owner, "month=2027-01&groupBy=number");
    expect(byNumber.rows).toEqual([
      expect.objectContaining({
        key: setup.connection.id,
        label: "+212 6 61 00 00 00",
        amountMad: 0.61,
        inboundMessages: 2,
      }),
    ]);
    const byCampaign = await costs(setup.owner, "month=2027-01&groupBy=campaign");
    expect(byCampaign.rows).toEqual([expect.objectContaining({ key: null, amountMad: 0.61 })]);
    expect((await costs(setup.owner, "month=2026-12&groupBy=client")).total.amountMad).toBe(0);

    const csv = await setup.owner.get("/api/costs/export?month=2027-01&groupBy=category");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "month,group,key,label,amount_mad,billable_messages,free_messages,inbound_messages,sms_cost_mad",
    );
    expect(lines).toContain("2027-01,category,marketing,marketing,0.61,3,0,0,0.87");
    expect(lines.at(-1)).toBe("2027-01,category,total,,0.61,3,1,2,1.74");
  });

  it("is for owners, admins and API keys with costs:read; recruiters are refused", async () => {
    const setup = await setUp();
    expect((await setup.admin.get("/api/costs")).statusCode).toBe(200);
    expect((await setup.recruiterSession.get("/api/costs")).statusCode).toBe(403);
    expect((await setup.recruiterSession.get("/api/costs/export")).statusCode).toBe(403);
    const owner = (
      await app.database.query("SELECT email FROM users WHERE client_id = $1 AND role = 'owner'", [
        setup.client.id,
      ])
    ).rows[0] as { email: string };
    const reader = await apiKeyCaller(app, owner, ["costs:read"]);
    expect((await reader.caller.get("/api/costs?groupBy=number")).statusCode).toBe(200);
    const sender = await apiKeyCaller(app, owner, ["messages:send"]);
    expect((await sender.caller.get("/api/costs")).statusCode).toBe(403);
  });
});

describe("budgets", () => {
  it("warns from 80 %, and past 100 % refuses campaigns and paid sends with budget_exceeded until an owner raises it", async () => {
    const setup = await setUp();
    const template = await buildTemplate(app, {
      clientId: setup.client.id,
      connectionId: setup.connection.id,
      category: "MARKETING",
    });
    const now = Math.floor(Date.now() / 1000);
    const setBudget = (session: Caller, body: object) =>
      session.request({ method: "PUT", url: "/api/costs/budgets", payload: body });

    expect((await setBudget(setup.admin, { monthlyMad: 1 })).statusCode).toBe(403);
    const set = await setBudget(setup.owner, { monthlyMad: 0.5 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<BudgetsResponse>().client).toEqual({ monthlyMad: 0.5, spentMad: 0, level: "ok" });

    await deliver(setup, [marketing, marketing], now - 60); // 0.405 of 0.5: past 80 %
    expect((await costs(setup.owner, "groupBy=client")).budget).toEqual({
      monthlyMad: 0.5,
      spentMad: 0.41,
      level: "warning",
    });

    const send = () =>
      setup.recruiterSession.post("/api/messages/send", {
        conversationId: setup.conversation.id,
        template: { name: template.name, language: template.language, body: [{ text: "Salma" }] },
      });
    const campaign = () =>
      setup.recruiterSession.post("/api/campaigns", {
        name: "Relance",
        connectionId: setup.connection.id,
        template: { name: template.name, language: template.language },
        recipients: [{ phone: "0611000001", body: [{ text: "Salma" }] }],
      });
    // Within the budget a send goes; a campaign that would take the month past it does not.
    expect((await send()).statusCode).toBe(202);
    const tooBig = await campaign();
    expect(tooBig.statusCode, tooBig.body).toBe(409);
    expect(tooBig.json().error).toMatchObject({
      code: "budget_exceeded",
      details: { scope: "client", monthlyMad: 0.5, spentMad: 0.41, addedMad: 0.2 },
    });

    await deliver(setup, [marketing], now - 30); // 0.6075: spent
    const quote = await setup.recruiterSession.get(
      `/api/costs/quote?conversationId=${setup.conversation.id}&category=MARKETING`,
    );
    expect(quote.json<QuoteResponse>()).toEqual({
      category: "marketing",
      pricingType: "regular",
      market: "MA",
      isBillable: true,
      amountMad: 0.2025,
      isPriced: true,
      budget: { monthlyMad: 0.5, spentMad: 0.61, level: "exceeded" },
    });
    // Without a conversation (the template builder): a send to the client's own country, outside the window.
    const unit = await setup.recruiterSession.get("/api/costs/quote?category=UTILITY");
    expect(unit.json<QuoteResponse>()).toMatchObject({
      category: "utility",
      pricingType: "regular",
      market: "MA",
      isBillable: true,
      amountMad: 0.036,
    });
    const refused = await send();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("budget_exceeded");
    expect((await campaign()).json().error.code).toBe("budget_exceeded");

    // A utility template inside the window was free until September 2026; Meta charges it since
    // 1 October 2026, so the quote prices it at the utility rate (USD 0.0040 × 9.00).
    await app.database.query("UPDATE conversations SET last_inbound_at = now() WHERE id = $1", [
      setup.conversation.id,
    ]);
    const utility = await setup.recruiterSession.get(
      `/api/costs/quote?conversationId=${setup.conversation.id}&category=UTILITY`,
    );
    expect(utility.json()).toMatchObject({ isBillable: true, pricingType: "regular", amountMad: 0.036 });
    // So does a free-form reply, priced by the card's `service` row.
    const reply = await setup.recruiterSession.get(
      `/api/costs/quote?conversationId=${setup.conversation.id}&category=service`,
    );
    expect(reply.json()).toMatchObject({
      category: "service",
      isBillable: true,
      pricingType: "regular",
      amountMad: 0.036,
      isPriced: true,
    });

    expect((await setBudget(setup.owner, { monthlyMad: 100 })).statusCode).toBe(200);
    expect((await send()).statusCode).toBe(202);
    expect((await campaign()).statusCode).toBe(201);
  });

  it("refuses a recruiter's paid sends past their own budget, not their colleagues'", async () => {
    const setup = await setUp();
    const template = await buildTemplate(app, {
      clientId: setup.client.id,
      connectionId: setup.connection.id,
      category: "MARKETING",
    });
    const colleague = await buildUser(app, { clientId: setup.client.id, role: "recruiter" });
    const put = await setup.owner.request({
      method: "PUT",
      url: "/api/costs/budgets",
      payload: { userId: setup.recruiter.id, monthlyMad: 0.2 },
    });
    expect(put.json<BudgetsResponse>().recruiters).toEqual([
      { userId: setup.recruiter.id, name: setup.recruiter.name, monthlyMad: 0.2, spentMad: 0, level: "ok" },
    ]);
    await deliver(setup, [marketing], Math.floor(Date.now() / 1000) - 60);
    const body = {
      conversationId: setup.conversation.id,
      template: { name: template.name, language: template.language, body: [{ text: "Salma" }] },
    };
    const mine = await setup.recruiterSession.post("/api/messages/send", body);
    expect(mine.json().error).toMatchObject({ code: "budget_exceeded", details: { scope: "recruiter" } });
    expect((await (await loginAs(app, colleague)).post("/api/messages/send", body)).statusCode).toBe(202);
  });
});

describe("tenant isolation", () => {
  it("another client sees none of the costs, and cannot read or change budgets or quotes", async () => {
    const a = await setUp();
    const b = await setUp();
    await deliver(a, [marketing], T);
    await a.owner.request({ method: "PUT", url: "/api/costs/budgets", payload: { monthlyMad: 50 } });
    await a.owner.request({
      method: "PUT",
      url: "/api/costs/budgets",
      payload: { userId: a.recruiter.id, monthlyMad: 5 },
    });

    const theirs = await costs(b.owner, "month=2027-01&groupBy=recruiter");
    expect(theirs.total.amountMad).toBe(0);
    expect(theirs.rows).toEqual([]);
    expect(theirs.budget.monthlyMad).toBeNull();
    expect((await b.owner.get("/api/costs/export?month=2027-01&groupBy=category")).body).not.toContain(
      "marketing",
    );

    const change = await b.owner.request({
      method: "PUT",
      url: "/api/costs/budgets",
      payload: { userId: a.recruiter.id, monthlyMad: 1000 },
    });
    expect(change.statusCode).toBe(404);
    expect((await b.owner.get("/api/costs/budgets")).json<BudgetsResponse>().recruiters).toEqual([]);
    expect(
      (await b.owner.get(`/api/costs/quote?conversationId=${a.conversation.id}&category=MARKETING`))
        .statusCode,
    ).toBe(404);
    const budgetsOfA = (await a.owner.get("/api/costs/budgets")).json<BudgetsResponse>();
    expect(budgetsOfA.client.monthlyMad).toBe(50);
    expect(budgetsOfA.recruiters.map((r) => r.monthlyMad)).toEqual([5]);
    // B's own budget lives beside A's, apart.
    await b.owner.request({ method: "PUT", url: "/api/costs/budgets", payload: { monthlyMad: 7 } });
    expect((await a.owner.get("/api/costs/budgets")).json<BudgetsResponse>().client.monthlyMad).toBe(50);
  });
});
