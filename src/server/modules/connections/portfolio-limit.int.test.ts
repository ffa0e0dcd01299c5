import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  connectedClient,
  connectNumber,
  eventually,
  simulatorControl,
} from "../../../../test/support/connected";
import type { Caller } from "../../../../test/support/factories";
import { buildConnection } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import type { ConnectionResponse } from "../../../contracts/connections";

/**
 * The business portfolio's messaging limit, with the simulator playing Meta: one limit of unique
 * users reached outside the window per 24 h for every number of a portfolio ("casablanca" and
 * "rabat" are two numbers of the demo business), read at onboarding, followed through
 * `business_capability_update` and `phone_number_quality_update`, shown on each number, and
 * respected across the numbers by single sends and campaigns. Another client's portfolio, or its
 * row in the same business, never moves.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);
const values = (name: string) => [{ text: name }, { text: "cariste" }, { text: "Tanger" }];

async function connections(session: Caller) {
  return (await session.get("/api/connections")).json<{ connections: ConnectionResponse[] }>().connections;
}

/** One client holding both numbers of the demo portfolio, their templates synced. */
async function portfolioOfTwo() {
  const first = await connectedClient(app, "casablanca");
  // Rabat was registered before: its existing two-step PIN (the seed's).
  const { connection: second } = await connectNumber(app, first.session, "rabat", "246810");
  expect(second.state).toBe("active");
  await eventually(async () => {
    const templates = (await first.session.get("/api/templates")).json().templates as {
      connectionId: string;
    }[];
    return [first.connection.id, second.id].every((id) => templates.some((t) => t.connectionId === id));
  });
  return { ...first, numbers: [first.connection, second] as const };
}

async function tiersOf(session: Caller, ids: readonly string[]) {
  const list = await connections(session);
  return ids.map((id) => list.find((c) => c.id === id)?.messagingLimitTier);
}

async function untilTiers(session: Caller, ids: readonly string[], tier: string) {
  await eventually(async () => (await tiersOf(session, ids)).every((t) => t === tier));
}

/** The delivery carrying `marker` in its bytes, once the worker processed it. */
async function processedDelivery(marker: string) {
  return eventually(async () => {
    const { rows } = await app.database.query(
      "SELECT processed_at IS NOT NULL AS processed, error FROM webhook_events WHERE raw_body LIKE $1",
      [`%${marker}%`],
    );
    const row = rows[0] as { processed: boolean; error: string | null } | undefined;
    return row?.processed ? row : undefined;
  });
}

const sendTemplate = (session: Caller, connectionId: string, to: string) =>
  session.post("/api/messages/send", {
    connectionId,
    to,
    template: { name: "job_opportunity", language: "fr", body: values("Sara") },
  });

describe("the business portfolio's messaging limit", () => {
  it("is read at onboarding, follows business_capability_update in Meta's integers on every number of the portfolio, and keeps what it cannot read", async () => {
    const { session, numbers, clientId } = await portfolioOfTwo();
    const ids = numbers.map((n) => n.id);
    expect(await tiersOf(session, ids)).toEqual(["TIER_2K", "TIER_2K"]);
    // The same business at another client (one of LinkoJob's shared portfolios, say): its own row.
    const other = await buildConnection(app, {
      businessId: numbers[0].businessId,
      wabaId: "waba-of-another-client",
      messagingLimitTier: "TIER_250",
    });

    // Meta's reference: integers, -1 for unlimited; announced on one WABA, every number follows.
    await control("messaging-limit", {
      phoneNumberId: numbers[0].phoneNumberId,
      tier: "TIER_10K",
      field: "business_capability_update",
    });
    await untilTiers(session, ids, "TIER_10K");
    const sent = (await control("webhooks")).json().deliveries as { payload: unknown }[];
    const capability = sent
      .map((d) => JSON.stringify(d.payload))
      .find((p) => p.includes("business_capability_update"));
    expect(capability).toContain('"max_daily_conversations_per_business":10000');

    // The field Meta removed in February 2026, alone: still read.
    await control("messaging-limit", {
      phoneNumberId: numbers[1].phoneNumberId,
      tier: "TIER_100K",
      field: "business_capability_update",
      value: { max_daily_conversation_per_phone: 100000 },
    });
    await untilTiers(session, ids, "TIER_100K");
    await control("messaging-limit", {
      phoneNumberId: numbers[1].phoneNumberId,
      tier: "TIER_UNLIMITED",
      field: "business_capability_update",
    });
    await untilTiers(session, ids, "TIER_UNLIMITED");

    // A tier name Meta may add one day is kept as it came; a value that is no limit changes nothing.
    await control("messaging-limit", {
      phoneNumberId: numbers[0].phoneNumberId,
      tier: "TIER_2K",
      value: {
        display_phone_number: "212661234567",
        event: "UPGRADE",
        max_daily_conversations_per_business: "TIER_5K",
      },
    });
    await untilTiers(session, ids, "TIER_5K");
    await control("messaging-limit", {
      phoneNumberId: numbers[0].phoneNumberId,
      tier: "TIER_2K",
      field: "business_capability_update",
      value: {
        max_daily_conversations_per_business: { weird: "shape-never-documented" },
        max_phone_numbers_per_waba: 2,
      },
    });
    const delivery = await processedDelivery("shape-never-documented");
    expect(delivery.error).toBeNull();
    expect(await tiersOf(session, ids)).toEqual(["TIER_5K", "TIER_5K"]);

    // A health check of one number reads Meta's limit for the portfolio: the other number takes it too.
    await control("messaging-limit", {
      phoneNumberId: numbers[0].phoneNumberId,
      tier: "TIER_100K",
      value: { display_phone_number: "212661234567", event: "THROUGHPUT_UPGRADE" },
    });
    const checked = await session.post(`/api/connections/${numbers[1].id}/check`, {});
    expect(checked.statusCode, checked.body).toBe(200);
    expect(await tiersOf(session, ids)).toEqual(["TIER_100K", "TIER_100K"]);

    // The other client's number in the same business never moved.
    const { rows } = await app.database.query(
      "SELECT messaging_limit_tier FROM whatsapp_connections WHERE id = $1",
      [other.id],
    );
    expect((rows[0] as { messaging_limit_tier: string }).messaging_limit_tier).toBe("TIER_250");
    expect(other.clientId).not.toBe(clientId);
  }, 120_000);

  it("another client's portfolio webhook never changes this client's numbers", async () => {
    const { session, numbers } = await portfolioOfTwo();
    const atlas = await connectedClient(app, "atlas");
    expect(atlas.connection.messagingLimitTier).toBe("TIER_250");
    await control("messaging-limit", {
      phoneNumberId: atlas.connection.phoneNumberId,
      tier: "TIER_10K",
      field: "business_capability_update",
    });
    await eventually(
      async () =>
        (await atlas.session.get(`/api/connections/${atlas.connection.id}`)).json().messagingLimitTier ===
        "TIER_10K",
    );
    expect(
      await tiersOf(
        session,
        numbers.map((n) => n.id),
      ),
    ).toEqual(["TIER_2K", "TIER_2K"]);
    // And the other way round.
    await control("messaging-limit", { phoneNumberId: numbers[0].phoneNumberId, tier: "TIER_250" });
    await untilTiers(
      session,
      numbers.map((n) => n.id),
      "TIER_250",
    );
    expect(
      (await atlas.session.get(`/api/connections/${atlas.connection.id}`)).json().messagingLimitTier,
    ).toBe("TIER_10K");
    // Neither sees the other's numbers.
    expect((await atlas.session.get(`/api/connections/${numbers[0].id}`)).statusCode).toBe(404);
    expect((await connections(atlas.session)).map((c) => c.id)).toEqual([atlas.connection.id]);
  }, 120_000);

  it("is shared by the portfolio's numbers: what one number reached counts against the other, for sends and campaigns", async () => {
    const { session, numbers } = await portfolioOfTwo();
    const [casablanca, rabat] = numbers;
    await control("messaging-limit", { phoneNumberId: rabat.phoneNumberId, tier: "TIER_50" });
    await untilTiers(session, [casablanca.id, rabat.id], "TIER_50");

    const phone = (i: number) => `+21267${String(i).padStart(7, "0")}`;
    for (let i = 0; i < 50; i++) {
      const response = await sendTemplate(session, (i < 30 ? casablanca : rabat).id, phone(i));
      expect(response.statusCode, response.body).toBe(202);
    }
    // The 51st new candidate is refused from either number.
    for (const number of numbers) {
      const refused = await sendTemplate(session, number.id, phone(50));
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error.code).toBe("messaging_limit_reached");
      expect(refused.json().error.details.limit).toBe(50);
    }
    // A candidate the other number reached is no one new.
    expect((await sendTemplate(session, rabat.id, phone(0))).statusCode).toBe(202);

    // A campaign from the second number waits for the window to roll, with the reason.
    const created = await session.post("/api/campaigns", {
      name: "Caristes Tanger",
      connectionId: rabat.id,
      template: { name: "job_opportunity", language: "fr" },
      recipients: [60, 61, 62].map((i) => ({
        phone: phone(i),
        name: `Candidat ${i}`,
        body: values(`Candidat ${i}`),
      })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    await eventually(
      async () =>
        (await session.get(`/api/campaigns/${id}`)).json().waiting?.reason === "waiting_for_messaging_limit",
    );
    const sentByRabat = (await control(`sent?phoneNumberId=${rabat.phoneNumberId}`)).json().sent as {
      body: { type?: string; to?: string };
    }[];
    expect(sentByRabat.filter((s) => [60, 61, 62].map(phone).includes(s.body.to ?? ""))).toEqual([]);
  }, 180_000);
});
