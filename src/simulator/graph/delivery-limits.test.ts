import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, waitFor } from "../testing/harness";

/**
 * Meta's refusals that depend on the recipient, the number or the portfolio, switched on through
 * the control API: 131030 (a test number's allowed list), 131048 (spam rate limit), 131049 (marketing
 * held back for the user) and the portfolio's messaging limit of unique users outside the window.
 */
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const CANDIDATE = "212612345678";
const hello = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
const offer = {
  type: "template",
  template: {
    name: "job_opportunity",
    language: { code: "fr" },
    components: [
      {
        type: "body",
        parameters: [
          { type: "text", text: "Youssef" },
          { type: "text", text: "cariste" },
          { type: "text", text: "Tanger" },
        ],
      },
    ],
  },
};
const send = (body: Record<string, unknown>, to = `+${CANDIDATE}`) =>
  h.graph("POST", `/v23.0/${h.phoneId}/messages`, { messaging_product: "whatsapp", to, ...body });
const outcome = (id: string) =>
  waitFor(() =>
    h.receiver.statuses().find((s) => s.id === id && (s.status === "failed" || s.status === "read")),
  );

describe("131030: a test number writes only to its allowed recipients", () => {
  it("refuses anyone else at once, in Meta's envelope, until the list is lifted", async () => {
    const set = await h.control("POST", "/allowed-recipients", {
      phoneNumberId: h.phoneId,
      waIds: [`+${CANDIDATE}`],
    });
    expect(set.body.allowedRecipients).toEqual([CANDIDATE]);
    expect((await send(hello)).status).toBe(200);
    const refused = await send(hello, "+212698765432");
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      message: "(#131030) Recipient phone number not in allowed list",
      code: 131030,
      error_data: { messaging_product: "whatsapp", details: expect.stringContaining("allowed list") },
    });
    await h.control("POST", "/allowed-recipients", { phoneNumberId: h.phoneId, waIds: null });
    expect((await send(hello, "+212698765432")).status).toBe(200);
  });
});

describe("131048: the number's spam rate limit", () => {
  it("accepts, then fails every send of the number in a status webhook, until lifted", async () => {
    await h.control("POST", "/spam-rate-limit", { phoneNumberId: h.phoneId, limited: true });
    const limited = await send(hello);
    expect(limited.status).toBe(200);
    expect(await outcome(limited.body.messages[0].id)).toMatchObject({
      status: "failed",
      errors: [{ code: 131048, title: "Spam rate limit hit" }],
    });
    await h.control("POST", "/spam-rate-limit", { phoneNumberId: h.phoneId, limited: false });
    const after = await send(hello);
    expect((await outcome(after.body.messages[0].id)).status).toBe("read");
  });
});

describe("131049: Meta holds back marketing for a user", () => {
  it("fails marketing templates to that user, not utility ones", async () => {
    await h.control("POST", "/candidates", { waId: CANDIDATE, ecosystemLimited: true });
    const marketing = await send(offer);
    const utility = await send(hello);
    expect(await outcome(marketing.body.messages[0].id)).toMatchObject({
      status: "failed",
      errors: [
        {
          code: 131049,
          error_data: { details: "This message was not delivered to maintain healthy ecosystem engagement." },
        },
      ],
    });
    expect((await outcome(utility.body.messages[0].id)).status).toBe("read");
  });
});

describe("the portfolio's messaging limit of unique users outside the window", () => {
  /** The portfolio at TIER_50 with 50 users already reached in the last 24 hours. */
  async function portfolioFull() {
    await h.control("POST", "/messaging-limit", { phoneNumberId: h.phoneId, tier: "TIER_50" });
    const businessId = h.sim.state.wabas.find((w) => w.id === h.wabaId)?.businessId ?? "";
    const now = h.sim.clock.now();
    h.sim.state.reachedUsers = {
      [businessId]: Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`2126000001${String(i).padStart(2, "0")}`, now]),
      ),
    };
  }

  it("fails a template to a new user past the tier, still reaches users already reached, and frees up after 24 h", async () => {
    await portfolioFull();
    const fresh = await send(hello);
    expect(fresh.status).toBe(200);
    expect(await outcome(fresh.body.messages[0].id)).toMatchObject({
      status: "failed",
      errors: [{ code: 131048, error_data: { details: expect.stringContaining("messaging limit") } }],
    });
    const known = await send(hello, "+212600000100");
    expect((await outcome(known.body.messages[0].id)).status).toBe("read");
    h.sim.clock.advance(24 * 3600_000);
    const later = await send(hello);
    expect((await outcome(later.body.messages[0].id)).status).toBe("read");
  });

  it("counts nothing inside the candidate's window, and can be switched off or given another code", async () => {
    await portfolioFull();
    await h.control("POST", "/inbound", {
      phoneNumberId: h.phoneId,
      from: CANDIDATE,
      type: "text",
      text: { body: "Salam" },
    });
    const inWindow = await send(hello);
    expect((await outcome(inWindow.body.messages[0].id)).status).toBe("read");
    await h.control("POST", "/daily-limit", { enforce: true, code: 131056 });
    const other = await send(hello, "+212698765432");
    expect(await outcome(other.body.messages[0].id)).toMatchObject({ errors: [{ code: 131056 }] });
    expect((await h.control("POST", "/daily-limit", { enforce: false })).body.dailyLimit.enforce).toBe(false);
    const third = await send(hello, "+212698765433");
    expect((await outcome(third.body.messages[0].id)).status).toBe("read");
  });
});
