import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSimulator } from "../index";
import { createHarness, type Harness, waitFor } from "../testing/harness";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe("phone numbers and registration", () => {
  it("lists the WABA's numbers and shows one number with requested fields", async () => {
    const list = await h.graph("GET", `/v23.0/${h.wabaId}/phone_numbers`);
    expect(list.body.data.map((p: { display_phone_number: string }) => p.display_phone_number)).toEqual([
      "+212 6 61 23 45 67",
      "+212 6 62 34 56 78",
    ]);
    expect(list.body.paging.cursors).toHaveProperty("after");
    const one = await h.graph(
      "GET",
      `/v25.0/${h.phoneId}?fields=verified_name,throughput,whatsapp_business_manager_messaging_limit,platform_type`,
    );
    expect(one.body).toEqual({
      verified_name: "LinkoJob Démo",
      throughput: { level: "STANDARD" },
      whatsapp_business_manager_messaging_limit: "TIER_2K",
      platform_type: "CLOUD_API",
      id: h.phoneId,
    });
    expect((await h.graph("GET", `/v23.0/${h.phoneId}?fields=nope`)).body.error.code).toBe(100);
    expect((await h.graph("GET", `/vX/${h.phoneId}`)).body.error.code).toBe(2500);
  });

  it("keeps the PIN: a wrong one is 133005, bad format 100, and the 11th attempt in 72 h is 133016", async () => {
    // The harness registered once with 123456.
    const register = (pin: string) =>
      h.graph("POST", `/v23.0/${h.phoneId}/register`, { messaging_product: "whatsapp", pin });
    expect((await register("654321")).body.error.code).toBe(133005);
    expect((await register("12345")).body.error.code).toBe(100);
    for (let i = 0; i < 7; i++) expect((await register("123456")).body).toEqual({ success: true });
    const blocked = await register("123456");
    expect(blocked.body.error.code).toBe(133016);
    expect((await h.graph("POST", `/v23.0/${h.phoneId}/deregister`)).body.error.code).toBe(133016);
    h.sim.clock.advance(72 * 3600_000 + 1000);
    expect((await register("123456")).body).toEqual({ success: true });
  });

  it("lists the portfolio's WABAs the token may manage", async () => {
    const waba = h.sim.state.wabas.find((w) => w.id === h.wabaId);
    const res = await h.graph("GET", `/v23.0/${waba?.businessId}/owned_whatsapp_business_accounts`);
    expect(res.body.data).toEqual([expect.objectContaining({ id: h.wabaId, name: "LinkoJob Démo" })]);
    const other = h.sim.state.businesses.find((b) => b.id !== waba?.businessId);
    expect(
      (await h.graph("GET", `/v23.0/${other?.id}/client_whatsapp_business_accounts`)).body.error.code,
    ).toBe(100);
  });

  it("only sends webhooks for WABAs that subscribed the app", async () => {
    expect((await h.graph("GET", `/v23.0/${h.wabaId}/subscribed_apps`)).body.data).toHaveLength(1);
    expect((await h.graph("DELETE", `/v23.0/${h.wabaId}/subscribed_apps`)).body).toEqual({ success: true });
    await h.control("POST", "/inbound", {
      phoneNumberId: h.phoneId,
      from: "212612345678",
      type: "text",
      text: { body: "x" },
    });
    const log = await waitFor(() => h.sim.ctx.webhooks.log.find((d) => d.state === "not_subscribed"));
    expect(log.url).toBeNull();
    expect(h.receiver.received).toHaveLength(0);
  });

  it("verifies an override callback before accepting it", async () => {
    const url = String(h.sim.ctx.options.webhookUrl);
    const bad = await h.graph("POST", `/v23.0/${h.wabaId}/subscribed_apps`, {
      override_callback_uri: url,
      verify_token: "wrong",
    });
    expect(bad.body.error).toMatchObject({ code: 100, error_subcode: 2200 });
    const ok = await h.graph("POST", `/v23.0/${h.wabaId}/subscribed_apps`, {
      override_callback_uri: url,
      verify_token: "receiver-token",
    });
    expect(ok.body).toMatchObject({ success: true, data: [{ override_callback_uri: url }] });
  });
});

describe("oauth", () => {
  const completeSignup = async (redirectUri: string | null = null) => {
    const waba = h.sim.state.wabas[0];
    const res = await h.app.inject({
      method: "POST",
      url: "/simulator/facebook/signup/complete",
      payload: {
        businessId: waba?.businessId,
        waba: { id: waba?.id },
        phone: null,
        displayName: null,
        redirectUri,
      },
    });
    return String(res.json().code);
  };
  const exchange = (code: string, secret = "test-app-secret") =>
    h.graph(
      "GET",
      `/v23.0/oauth/access_token?client_id=${h.sim.ctx.options.appId}&client_secret=${secret}&code=${code}`,
      undefined,
      null,
    );

  it("codes expire after 30 seconds and need the app secret", async () => {
    const code = await completeSignup();
    expect((await exchange(code, "wrong")).body.error.code).toBe(1);
    h.sim.clock.advance(31_000);
    expect((await exchange(code)).body.error).toMatchObject({ code: 100, error_subcode: 36007 });
  });

  it("fb_exchange_token gives a 60-day token that debug_token reports", async () => {
    const first = await exchange(await completeSignup());
    const appToken = `${h.sim.ctx.options.appId}|test-app-secret`;
    const longLived = await h.graph(
      "GET",
      `/oauth/access_token?grant_type=fb_exchange_token&client_id=${h.sim.ctx.options.appId}&client_secret=test-app-secret&fb_exchange_token=${first.body.access_token}`,
      undefined,
      null,
    );
    expect(longLived.body).toMatchObject({ token_type: "bearer", expires_in: 5183944 });
    const debug = await h.graph(
      "GET",
      `/v23.0/debug_token?input_token=${longLived.body.access_token}`,
      undefined,
      appToken,
    );
    expect(debug.body.data.expires_at).toBeGreaterThan(Math.floor(h.sim.clock.now() / 1000) + 59 * 86400);
    await h.control("POST", "/tokens/invalidate", { token: longLived.body.access_token, reason: "expired" });
    const invalid = await h.graph(
      "GET",
      `/v23.0/debug_token?input_token=${longLived.body.access_token}`,
      undefined,
      appToken,
    );
    expect(invalid.body.data).toMatchObject({ is_valid: false, error: { code: 190, subcode: 463 } });
  });
});

describe("media", () => {
  it("gives inbound media a URL that needs the bearer token and dies after 5 minutes", async () => {
    const bytes = Buffer.from("%PDF-1.4 CV de Fatima");
    const injected = await h.control("POST", "/inbound", {
      phoneNumberId: h.phoneId,
      from: "212698765432",
      type: "document",
      document: {
        filename: "CV Fatima.pdf",
        mime_type: "application/pdf",
        data_base64: bytes.toString("base64"),
      },
    });
    const mediaId = String(injected.body.mediaId);
    const meta = await h.graph("GET", `/v23.0/${mediaId}?phone_number_id=${h.phoneId}`);
    expect(meta.body).toMatchObject({
      messaging_product: "whatsapp",
      mime_type: "application/pdf",
      file_size: String(bytes.length),
      id: mediaId,
    });
    const path = String(meta.body.url).replace("http://sim.test", "");
    const download = (token?: string) =>
      h.app.inject({ method: "GET", url: path, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await download()).statusCode).toBe(401);
    const ok = await download(h.token);
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.equals(bytes)).toBe(true);
    h.sim.clock.advance(5 * 60_000 + 1000);
    expect((await download(h.token)).statusCode).toBe(404);
    expect((await h.graph("DELETE", `/v23.0/${mediaId}`)).body).toEqual({ success: true });
    expect((await h.graph("GET", `/v23.0/${mediaId}`)).body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });

  it("answers the next media lookups with an error when told to (by default: the file is gone)", async () => {
    const injected = await h.control("POST", "/inbound", {
      phoneNumberId: h.phoneId,
      from: "212698765432",
      type: "image",
      image: { mime_type: "image/png", data_base64: Buffer.from("png").toString("base64") },
    });
    const lookup = () => h.graph("GET", `/v23.0/${injected.body.mediaId}`);
    expect((await h.control("POST", "/media/fail-next", { count: 2 })).body).toEqual({ queued: 2 });
    await h.control("POST", "/media/fail-next", { code: 2 });
    for (const expected of [{ code: 100, error_subcode: 33 }, { code: 100 }, { code: 2 }])
      expect((await lookup()).body.error).toMatchObject(expected);
    expect((await lookup()).body).toMatchObject({ id: injected.body.mediaId });
  });
});

describe("templates", () => {
  it("creates a template pending review, approves it after the delay and tells the product", async () => {
    const created = await h.graph("POST", `/v23.0/${h.wabaId}/message_templates`, {
      name: "interview_reminder",
      language: "fr",
      category: "UTILITY",
      components: [
        {
          type: "BODY",
          text: "Bonjour {{1}}, rappel de votre entretien demain.",
          example: { body_text: [["Karim"]] },
        },
      ],
    });
    expect(created.body).toMatchObject({ status: "PENDING", category: "UTILITY" });
    const update = await waitFor(() => h.receiver.values("message_template_status_update")[0]);
    expect(update).toMatchObject({
      event: "APPROVED",
      message_template_id: Number(created.body.id),
      message_template_name: "interview_reminder",
    });
    const listed = await h.graph("GET", `/v23.0/${h.wabaId}/message_templates?name=interview_reminder`);
    expect(listed.body.data[0]).toMatchObject({
      status: "APPROVED",
      language: "fr",
      parameter_format: "POSITIONAL",
    });
    const dup = await h.graph("POST", `/v23.0/${h.wabaId}/message_templates`, {
      name: "interview_reminder",
      language: "fr",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Bonjour, autre texte." }],
    });
    expect(dup.body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    expect(
      (await h.graph("DELETE", `/v23.0/${h.wabaId}/message_templates?name=interview_reminder`)).body,
    ).toEqual({ success: true });
  });

  it("rejects through the control API with a reason", async () => {
    const pending = h.sim.state.templates.find((t) => t.wabaId === h.wabaId && t.status === "PENDING");
    await h.control("POST", `/templates/${pending?.id}/decision`, {
      status: "REJECTED",
      reason: "PROMOTIONAL",
    });
    const update = await waitFor(() => h.receiver.values("message_template_status_update")[0]);
    expect(update).toMatchObject({
      event: "REJECTED",
      reason: "PROMOTIONAL",
      message_template_name: "documents_request",
    });
  });
});

describe("persistence", () => {
  it("keeps tokens valid across a restart when dataFile is set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-"));
    const dataFile = join(dir, "state.json");
    try {
      const first = createSimulator({ dataFile, seed: true });
      const waba = first.state.wabas[0];
      const { issueBusinessToken } = await import("./oauth.routes");
      const token = issueBusinessToken(first.ctx, String(waba?.id), String(waba?.businessId)).token;
      await first.close();
      const second = createSimulator({ dataFile });
      expect(second.state.wabas.map((w) => w.id)).toEqual(first.state.wabas.map((w) => w.id));
      expect(second.state.tokens.find((t) => t.token === token)?.valid).toBe(true);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
