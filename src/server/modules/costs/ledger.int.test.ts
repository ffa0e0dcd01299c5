import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConversation, buildMessage } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import type { PendingEvent } from "../../platform/events/domain-events";
import { applyStatuses, type MetaStatus } from "../messaging/statuses/statuses.service";
import { tenantRepositories } from "../tenant-repositories";
import { setExchangeRate, setRate } from "./rate-cards.service";
import { foldRollupDeltas } from "./rollup-fold.repository";

/**
 * The ledger as the statuses write it: the webhook processor's call, in a transaction of its own,
 * with the rate card the product ships (Morocco marketing USD 0.0225, utility 0.0040, 9.00 MAD/USD).
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const apply = (clientId: string, statuses: MetaStatus[]) =>
  app.database.db.transaction((tx) => applyStatuses(tx, clientId, statuses));

/** 2027-01-15 (Morocco's time): after every seeded price. */
const T = 1_800_000_000;
const marketing = { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" };
const status = (wamid: string, name: string, offset = 0, pricing?: object): MetaStatus => ({
  id: wamid,
  status: name,
  timestamp: String(T + offset),
  recipient_id: "212611000001",
  ...(pricing ? { pricing } : {}),
});

const sentTemplate = (overrides: Parameters<typeof buildMessage>[1] = {}) =>
  buildMessage(app, { direction: "outbound", status: "sent", type: "template", ...overrides });

const ledgerOf = async (messageId: string) =>
  (
    await app.database.query(
      "SELECT category, pricing_type, market, amount_mad::float8 AS amount, month::text, billed_at FROM cost_ledger WHERE message_id = $1",
      [messageId],
    )
  ).rows;
/**
 * The client's rollups per category and type as the costs page sees them (folded or not), checked
 * against the rollup rows once the deltas are folded: folding changes no figure.
 */
async function rollupsOf(clientId: string) {
  const sums = (table: string) =>
    app.database.query(
      `SELECT category, pricing_type, sum(messages)::int AS messages, sum(amount_mad)::float8 AS amount
       FROM ${table} WHERE client_id = $1 GROUP BY 1, 2 ORDER BY category, pricing_type`,
      [clientId],
    );
  const live = (await sums("cost_rollups_live")).rows;
  await foldRollupDeltas(app.database.db);
  expect((await sums("cost_rollup_deltas")).rows).toEqual([]);
  expect((await sums("cost_rollups")).rows).toEqual(live);
  return live;
}

describe("the cost ledger", () => {
  it("counts a message once however many statuses carry its pricing, in whatever order and however often", async () => {
    const message = await sentTemplate();
    const wamid = message.wamid!;

    await apply(message.clientId, [status(wamid, "read", 30, marketing)]);
    await apply(message.clientId, [
      status(wamid, "sent", 10, marketing),
      status(wamid, "read", 30, marketing),
    ]);
    await apply(message.clientId, [status(wamid, "delivered", 20, marketing)]);
    await apply(message.clientId, [
      status(wamid, "delivered", 20, marketing),
      status(wamid, "sent", 10, marketing),
    ]);

    expect(await ledgerOf(message.id)).toEqual([
      expect.objectContaining({
        category: "marketing",
        pricing_type: "regular",
        market: "MA",
        amount: 0.2025,
      }),
    ]);
    expect(await rollupsOf(message.clientId)).toEqual([
      { category: "marketing", pricing_type: "regular", messages: 1, amount: 0.2025 },
    ]);
  });

  it("charges a message once delivered, not when only sent, and never one that failed", async () => {
    const delivered = await sentTemplate();
    await apply(delivered.clientId, [status(delivered.wamid!, "sent", 1, marketing)]);
    expect(await ledgerOf(delivered.id)).toEqual([]);
    // The delivered status without pricing: the pricing seen on `sent` is the message's.
    await apply(delivered.clientId, [status(delivered.wamid!, "delivered", 2)]);
    expect(await ledgerOf(delivered.id)).toHaveLength(1);

    const failed = await sentTemplate();
    await apply(failed.clientId, [
      status(failed.wamid!, "sent", 1, marketing),
      status(failed.wamid!, "failed", 2),
    ]);
    expect(await ledgerOf(failed.id)).toEqual([]);
  });

  it("applies the free tiers: a reply in the window and a free entry point cost nothing and are counted free", async () => {
    const conversation = await buildConversation(app);
    const reply = await sentTemplate({ conversationId: conversation.id });
    const fromAd = await sentTemplate({ conversationId: conversation.id });
    await apply(conversation.clientId, [
      status(reply.wamid!, "delivered", 1, { type: "free_customer_service", category: "utility" }),
      status(fromAd.wamid!, "delivered", 1, { type: "free_entry_point", category: "marketing" }),
    ]);
    expect((await ledgerOf(reply.id))[0]).toMatchObject({ pricing_type: "free_customer_service", amount: 0 });
    expect((await ledgerOf(fromAd.id))[0]).toMatchObject({ pricing_type: "free_entry_point", amount: 0 });
    expect(await rollupsOf(conversation.clientId)).toEqual([
      { category: "marketing", pricing_type: "free_entry_point", messages: 1, amount: 0 },
      { category: "utility", pricing_type: "free_customer_service", messages: 1, amount: 0 },
    ]);
  });

  it("charges a free-form reply as Meta says on its day: free in September 2026, priced from October", async () => {
    const conversation = await buildConversation(app);
    const september = await buildMessage(app, {
      conversationId: conversation.id,
      direction: "outbound",
      status: "sent",
    });
    const october = await buildMessage(app, {
      conversationId: conversation.id,
      direction: "outbound",
      status: "sent",
    });
    const at = (iso: string) => Date.parse(iso) / 1000 - T;
    await apply(conversation.clientId, [
      status(september.wamid!, "delivered", at("2026-09-30T12:00:00Z"), {
        billable: false,
        type: "free_customer_service",
        category: "service",
      }),
      status(october.wamid!, "delivered", at("2026-10-01T12:00:00Z"), {
        billable: true,
        type: "regular",
        category: "service",
      }),
    ]);
    expect((await ledgerOf(september.id))[0]).toMatchObject({ category: "service", amount: 0 });
    // The card's service row from 2026-10-01: USD 0.0040 × 9.00.
    expect((await ledgerOf(october.id))[0]).toMatchObject({
      category: "service",
      pricing_type: "regular",
      amount: 0.036,
      month: "2026-10-01",
    });
  });

  it("takes new categories as they come: priced when the card has them, kept at 0 until then", async () => {
    const conversation = await buildConversation(app);
    const lite = await sentTemplate({ conversationId: conversation.id });
    const unknown = await sentTemplate({ conversationId: conversation.id });
    const international = await sentTemplate({ conversationId: conversation.id });
    await apply(conversation.clientId, [
      status(lite.wamid!, "delivered", 1, { type: "regular", category: "marketing_lite" }),
      status(unknown.wamid!, "delivered", 1, { type: "regular", category: "referral_conversion" }),
      status(international.wamid!, "delivered", 1, {
        type: "regular",
        category: "authentication-international",
      }),
    ]);
    expect((await ledgerOf(lite.id))[0]).toMatchObject({ category: "marketing_lite", amount: 0.2025 });
    expect((await ledgerOf(unknown.id))[0]).toMatchObject({ category: "referral_conversion", amount: 0 });
    // No authentication-international price for Morocco: the authentication one (USD 0.004 × 9).
    expect((await ledgerOf(international.id))[0]).toMatchObject({
      category: "authentication_international",
      amount: 0.036,
    });
  });

  it("prices each message with the card in force on its delivery day, past months keeping their cost", async () => {
    // 2027-04-01 onwards: a new marketing price and a new exchange rate; the seeded ones stay before.
    await setRate(app.database.db, {
      market: "MA",
      category: "marketing",
      price: 0.03,
      currency: "USD",
      effectiveFrom: "2027-04-01",
      source: "test",
      enteredBy: "test",
    });
    await setExchangeRate(app.database.db, {
      currency: "USD",
      madPerUnit: 10,
      effectiveFrom: "2027-04-01",
      source: "test",
      enteredBy: "test",
    });
    const conversation = await buildConversation(app);
    const january = await sentTemplate({ conversationId: conversation.id });
    const april = await sentTemplate({ conversationId: conversation.id });
    const DAY = 86_400;
    // 2027-03-31 23:30 UTC is already 2027-04-01 00:30 in Casablanca (UTC+1): the April price.
    const aprilFirstInMorocco = Date.parse("2027-03-31T23:30:00Z") / 1000 - T;
    await apply(conversation.clientId, [
      status(january.wamid!, "delivered", DAY, marketing),
      status(april.wamid!, "delivered", aprilFirstInMorocco, marketing),
    ]);
    expect((await ledgerOf(january.id))[0]).toMatchObject({ amount: 0.2025, month: "2027-01-01" });
    expect((await ledgerOf(april.id))[0]).toMatchObject({ amount: 0.3, month: "2027-04-01" });
  });

  it("announces a budget passing 80 % and then 100 %, each once", async () => {
    const conversation = await buildConversation(app);
    const repos = tenantRepositories(app.database.db, conversation.clientId);
    await repos.costs.setBudget(null, 1, null);
    const messages = await Promise.all(
      Array.from({ length: 6 }, () => sentTemplate({ conversationId: conversation.id })),
    );
    const notices = (events: PendingEvent[]) => events.filter((e) => e.name === "budget:crossed");
    const deliver = (i: number) =>
      apply(conversation.clientId, [status(messages[i]!.wamid!, "delivered", 1, marketing)]);

    expect(notices(await deliver(0))).toEqual([]); // 0.2025
    expect(notices(await deliver(1))).toEqual([]); // 0.405
    expect(notices(await deliver(2))).toEqual([]); // 0.6075
    expect(notices(await deliver(3))).toEqual([
      {
        name: "budget:crossed",
        payload: { month: "2027-01", userId: null, level: "warning", spentMad: 0.81, monthlyMad: 1 },
      },
    ]);
    expect(notices(await deliver(4))).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ level: "exceeded", spentMad: 1.01 }) }),
    ]);
    expect(notices(await deliver(5))).toEqual([]);
    // Another client's budget heard nothing of it.
    const other = await buildConversation(app);
    await tenantRepositories(app.database.db, other.clientId).costs.setBudget(null, 0.1, null);
    const theirs = await sentTemplate({ conversationId: other.id });
    expect(notices(await apply(other.clientId, [status(theirs.wamid!, "delivered", 1, marketing)]))).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ level: "exceeded", spentMad: 0.2 }) }),
    ]);
  });
});
