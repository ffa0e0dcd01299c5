import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../testing/harness";

const APP_SECRET = "test-app-secret";
let h: Harness;
beforeEach(async () => {
  h = await createHarness({ appSecret: APP_SECRET });
});
afterEach(() => h.close());

const proofOf = (token: string) => createHmac("sha256", APP_SECRET).update(token).digest("hex");
const getNumber = (proof?: string) =>
  h.app.inject({
    method: "GET",
    url: `/simulator/graph/v23.0/${h.phoneId}${proof === undefined ? "" : `?appsecret_proof=${proof}`}`,
    headers: { authorization: `Bearer ${h.token}` },
  });
const INVALID = {
  error: {
    message: "Invalid appsecret_proof provided in the API argument",
    type: "GraphMethodException",
    code: 100,
    fbtrace_id: expect.any(String),
  },
};

describe("appsecret_proof", () => {
  it("is optional while the app does not require it, but a wrong one is refused", async () => {
    expect((await getNumber()).statusCode).toBe(200);
    expect((await getNumber(proofOf(h.token))).statusCode).toBe(200);
    const wrong = await getNumber(proofOf("another-token"));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toEqual(INVALID);
  });

  it("is required on every call once the app requires it: none or a wrong one refused, the right one passes", async () => {
    expect((await h.control("POST", "/appsecret-proof", { required: true })).body).toEqual({
      required: true,
    });
    const none = await getNumber();
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toEqual({
      message: "API calls from the server require an appsecret_proof argument",
      type: "GraphMethodException",
      code: 100,
      fbtrace_id: expect.any(String),
    });
    expect((await getNumber("0".repeat(64))).json()).toEqual(INVALID);
    expect((await getNumber(proofOf(h.token))).statusCode).toBe(200);
    // In a form or JSON body too, as Graph reads any parameter.
    const sent = await h.app.inject({
      method: "POST",
      url: `/simulator/graph/v23.0/${h.phoneId}/messages`,
      headers: { authorization: `Bearer ${h.token}` },
      payload: {
        messaging_product: "whatsapp",
        to: "+212612345678",
        type: "template",
        template: { name: "hello_world", language: { code: "en_US" } },
        appsecret_proof: proofOf(h.token),
      },
    });
    expect(sent.statusCode).toBe(200);
    await h.control("POST", "/reset");
    expect(h.sim.ctx.appSecretProof.required).toBe(false);
  });
});
