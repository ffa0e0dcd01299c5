import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../testing/harness";

const APP_ID = "742315198836001";
const APP_SECRET = "test-app-secret";
let h: Harness;
beforeEach(async () => {
  h = await createHarness({ appId: APP_ID, appSecret: APP_SECRET });
});
afterEach(() => h.close());

const revoke = (params: Record<string, string>) =>
  h.app.inject({ method: "GET", url: `/simulator/graph/v23.0/oauth/revoke?${new URLSearchParams(params)}` });

describe("GET /oauth/revoke", () => {
  it("revokes the app's token: Graph then answers 190/467, and debug_token says so", async () => {
    const wrong = await revoke({ client_id: APP_ID, client_secret: "nope", revoke_token: h.token });
    expect(wrong.json().error).toMatchObject({ code: 1, message: "Error validating client secret." });
    expect((await h.graph("GET", `/v23.0/${h.phoneId}`)).status).toBe(200);

    const done = await revoke({
      client_id: APP_ID,
      client_secret: APP_SECRET,
      revoke_token: h.token,
      access_token: `${APP_ID}|${APP_SECRET}`,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ success: "true" });

    const refused = await h.graph("GET", `/v23.0/${h.phoneId}`);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      error: {
        message: "Error validating access token: The session was invalidated explicitly using an API call.",
        type: "OAuthException",
        code: 190,
        error_subcode: 467,
        fbtrace_id: expect.any(String),
      },
    });
    const debug = await h.graph(
      "GET",
      `/v23.0/debug_token?input_token=${h.token}`,
      undefined,
      `${APP_ID}|${APP_SECRET}`,
    );
    expect(debug.body.data).toMatchObject({ is_valid: false, error: { code: 190, subcode: 467 } });
    expect(
      (await revoke({ client_id: APP_ID, client_secret: APP_SECRET, revoke_token: "EAAunknown" })).json()
        .error.code,
    ).toBe(190);
  });

  it("is one of the reasons the control API can give a token (`tokens/invalidate {reason: revoked}`)", async () => {
    await h.control("POST", "/tokens/invalidate", { token: h.token, reason: "revoked" });
    expect((await h.graph("GET", `/v23.0/${h.phoneId}`)).body.error).toMatchObject({
      code: 190,
      error_subcode: 467,
    });
  });
});
