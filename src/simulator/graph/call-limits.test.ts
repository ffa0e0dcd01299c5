import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../testing/harness";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const CANDIDATE = "212612345678";
const hello = {
  messaging_product: "whatsapp",
  to: `+${CANDIDATE}`,
  type: "template",
  template: { name: "hello_world", language: { code: "en_US" } },
};

describe("Graph call-rate limits", () => {
  it("are off by default: no usage headers, no refusal", async () => {
    const res = await h.app.inject({
      method: "GET",
      url: `/simulator/graph/v23.0/${h.wabaId}/phone_numbers`,
      headers: { authorization: `Bearer ${h.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-business-use-case-usage"]).toBeUndefined();
    expect(res.headers["x-app-usage"]).toBeUndefined();
  });

  it("refuse a WABA's management calls past its hourly limit with 80007, sends still going, until the hour moves on", async () => {
    await h.control("POST", "/call-limits", { wabaPerHour: 2 });
    const list = () =>
      h.app.inject({
        method: "GET",
        url: `/simulator/graph/v23.0/${h.wabaId}/message_templates`,
        headers: { authorization: `Bearer ${h.token}` },
      });
    const first = await list();
    expect(first.statusCode).toBe(200);
    const usage = JSON.parse(String(first.headers["x-business-use-case-usage"]));
    expect(usage[h.wabaId]).toEqual([expect.objectContaining({ type: "whatsapp", call_count: 50 })]);
    expect((await list()).statusCode).toBe(200);
    const refused = await list();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({
      message: "(#80007) There have been too many calls to this WhatsApp Business account.",
      type: "OAuthException",
      code: 80007,
      is_transient: true,
      error_data: { messaging_product: "whatsapp" },
    });
    const refusedUsage = JSON.parse(String(refused.headers["x-business-use-case-usage"]));
    expect(refusedUsage[h.wabaId][0].estimated_time_to_regain_access).toBeGreaterThan(0);
    expect((await h.graph("POST", `/v23.0/${h.phoneId}/messages`, hello)).status).toBe(200);
    h.sim.clock.advance(3600_000);
    expect((await list()).statusCode).toBe(200);
  });

  it("refuse any call past the app's hourly limit with error 4, and let calls through once lifted", async () => {
    await h.control("POST", "/call-limits", { appPerHour: 1 });
    expect((await h.graph("GET", `/v23.0/${h.phoneId}`)).status).toBe(200);
    const refused = await h.graph("POST", `/v23.0/${h.phoneId}/messages`, hello);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      message: "(#4) Application request limit reached",
      code: 4,
      is_transient: true,
    });
    expect(h.sim.state.messages.filter((m) => m.direction === "out")).toHaveLength(0);
    await h.control("POST", "/call-limits", { appPerHour: null });
    expect((await h.graph("POST", `/v23.0/${h.phoneId}/messages`, hello)).status).toBe(200);
  });
});
