import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectNumber, waitSettled } from "../../../../test/support/connected";
import { buildClient, buildUser, type Caller, loginAs } from "../../../../test/support/factories";
import {
  finishSimulatedSignup,
  type SeededNumber,
  simulatorWorld,
} from "../../../../test/support/simulated-signup";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { eventually } from "../../../../test/support/waiting";
import { generateKeySpec, TokenVault } from "../../platform/crypto/token-vault";
import { openToken } from "./connection-secrets";
import { rotateSealedSecrets } from "./key-rotation.service";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
// A fresh simulated world (new ids) for each test, so each can connect the seeded numbers anew.
beforeEach(() => app.simulator!.reset());

const connect = (session: Caller, number: SeededNumber, pin?: string) =>
  connectNumber(app, session, number, pin);

async function newOwnerSession(): Promise<{ session: Caller; clientId: string }> {
  const { owner, client } = await buildClient(app);
  return { session: await loginAs(app, owner), clientId: client.id };
}

async function sealedToken(id: string): Promise<string> {
  const { rows } = await app.database.query(
    "SELECT access_token_sealed FROM whatsapp_connections WHERE id = $1",
    [id],
  );
  return openToken(app.deps.vault, id, String(rows[0]?.access_token_sealed));
}

describe("Embedded Signup, JS SDK flow", () => {
  it("connects a number end to end: exchange, discover, details, subscribe, register, active", async () => {
    const { session } = await newOwnerSession();
    const initiate = (await session.post("/api/auth/whatsapp/initiate")).json();
    expect(initiate).toMatchObject({ mode: "sandbox", graphVersion: "v25.0" });
    expect(initiate.sdkUrl).toMatch(/\/simulator\/sdk\.js$/);
    expect(new URL(initiate.oauthUrl).searchParams.get("state")).toBe(initiate.state);

    const { connection, wabaId, phoneNumberId } = await connect(session, "casablanca");
    expect(connection.state).toBe("active");
    expect(connection.displayPhoneNumber).toBe("+212 6 61 23 45 67");
    expect(connection.steps.map((s) => s.status)).toEqual(["done", "done", "done", "done", "done", "done"]);

    const world = await simulatorWorld(app);
    const waba = world.wabas.find((w) => w.id === wabaId)!;
    expect(waba.subscribedApps.length).toBe(1);
    expect(waba.phoneNumbers.find((p) => p.id === phoneNumberId)!.registered).toBe(true);
  });

  it("keeps the token sealed: not in the database in clear, not in any answer", async () => {
    const { session } = await newOwnerSession();
    const { connection } = await connect(session, "atlas");
    const token = await sealedToken(connection.id);
    const { rows } = await app.database.query("SELECT * FROM whatsapp_connections WHERE id = $1", [
      connection.id,
    ]);
    expect(JSON.stringify(rows)).not.toContain(token);
    const answers = [
      (await session.get("/api/connections")).body,
      (await session.get(`/api/connections/${connection.id}`)).body,
      (await session.get("/api/audit?limit=200")).body,
    ];
    for (const body of answers) expect(body).not.toContain(token);
  });

  it("records a cancellation and creates nothing", async () => {
    const { session } = await newOwnerSession();
    const { state } = (await session.post("/api/auth/whatsapp/initiate")).json();
    const response = await session.post("/api/auth/whatsapp/complete", {
      state,
      session: { type: "WA_EMBEDDED_SIGNUP", event: "CANCEL", data: { current_step: "PHONE_NUMBER_SETUP" } },
    });
    expect(response.json()).toMatchObject({
      outcome: "cancelled",
      connection: null,
      detail: "PHONE_NUMBER_SETUP",
    });
    expect((await session.get("/api/connections")).json().connections).toEqual([]);
  });

  it("explains an expired code (it lives 30 seconds) and creates nothing", async () => {
    const { session } = await newOwnerSession();
    const { state } = (await session.post("/api/auth/whatsapp/initiate")).json();
    const signup = await finishSimulatedSignup(app, "casablanca");
    await app.inject({ method: "POST", url: "/simulator/control/clock/advance", payload: { ms: 31_000 } });
    const response = await session.post("/api/auth/whatsapp/complete", {
      state,
      code: signup.code,
      session: signup.session,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("meta_error");
    expect(response.json().error.message).toMatch(/click Connect WhatsApp again/);
    expect((await session.get("/api/connections")).json().connections).toEqual([]);
  });

  it("refuses a forged state, a replayed one, and one from another session", async () => {
    const { session, clientId } = await newOwnerSession();
    const signup = await finishSimulatedSignup(app, "casablanca");
    const forged = await session.post("/api/auth/whatsapp/complete", {
      state: "forged-state-value-123",
      code: signup.code,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe("signup_state_invalid");

    const { state } = (await session.post("/api/auth/whatsapp/initiate")).json();
    const cancel = { state, session: { event: "CANCEL", data: {} } };
    expect((await session.post("/api/auth/whatsapp/complete", cancel)).statusCode).toBe(202);
    expect((await session.post("/api/auth/whatsapp/complete", cancel)).json().error.code).toBe(
      "signup_state_invalid",
    );

    const colleague = await loginAs(app, await buildUser(app, { clientId }));
    const { state: colleagueState } = (await colleague.post("/api/auth/whatsapp/initiate")).json();
    const stolen = await session.post("/api/auth/whatsapp/complete", {
      state: colleagueState,
      session: { event: "CANCEL" },
    });
    expect(stolen.json().error.code).toBe("signup_state_invalid");
  });

  it("believes the dialog's session data only when the token confirms it", async () => {
    const { session } = await newOwnerSession();
    const { state } = (await session.post("/api/auth/whatsapp/initiate")).json();
    const signup = await finishSimulatedSignup(app, "casablanca");
    const other = await finishSimulatedSignup(app, "atlas");
    const response = await session.post("/api/auth/whatsapp/complete", {
      state,
      code: signup.code,
      session: { event: "FINISH", data: { waba_id: other.wabaId, phone_number_id: other.phoneNumberId } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/not shared with this app/);
  });
});

describe("Embedded Signup, redirect flow", () => {
  it("checks state, exchanges with the same redirect_uri and connects", async () => {
    const { session } = await newOwnerSession();
    const { state, redirectUri } = (await session.post("/api/auth/whatsapp/initiate")).json();
    const signup = await finishSimulatedSignup(app, "casablanca", redirectUri);
    const callback = await session.get(`/api/auth/whatsapp/callback?code=${signup.code}&state=${state}`);
    expect(callback.statusCode, callback.body).toBe(302);
    expect(callback.statusCode).toBe(302);
    const id = new URL(callback.headers.location as string, "http://x").searchParams.get("connection")!;
    expect((await waitSettled(session, id)).state).toBe("active");
    const replay = await session.get(`/api/auth/whatsapp/callback?code=${signup.code}&state=${state}`);
    expect(replay.headers.location).toMatch(/signup_error=/);
  });

  it("without the dialog's data, picks the number not connected yet over one already active", async () => {
    const { session } = await newOwnerSession();
    await connect(session, "casablanca");
    const { state, redirectUri } = (await session.post("/api/auth/whatsapp/initiate")).json();
    const rabat = await finishSimulatedSignup(app, "rabat", redirectUri);
    const callback = await session.get(`/api/auth/whatsapp/callback?code=${rabat.code}&state=${state}`);
    const id = new URL(callback.headers.location as string, "http://x").searchParams.get("connection")!;
    const connection = (await session.get(`/api/connections/${id}`)).json();
    expect(connection.phoneNumberId).toBe(rabat.phoneNumberId);
  });

  it("tells the dashboard how signup runs here without creating a state", async () => {
    const { session } = await newOwnerSession();
    const config = (await session.get("/api/auth/whatsapp/config")).json();
    expect(config).toMatchObject({
      mode: "sandbox",
      messageOrigins: [new URL(app.deps.config.http.publicUrl).origin],
    });
    expect(config.state).toBeUndefined();
  });

  it("sends the user back with Meta's reason when the dialog was refused", async () => {
    const { session } = await newOwnerSession();
    const response = await session.get(
      "/api/auth/whatsapp/callback?error=access_denied&error_description=Permissions%20error",
    );
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/connections?signup_error=Permissions%20error");
  });
});

describe("registration", () => {
  it("asks for the number's existing PIN, then finishes with it", async () => {
    const { session } = await newOwnerSession();
    const { connection } = await connect(session, "rabat");
    expect(connection.state).toBe("failed");
    expect(connection.needsPin).toBe(true);
    const register = connection.steps.find((s) => s.name === "register")!;
    expect(register).toMatchObject({ status: "failed", errorCode: 133005 });
    expect(register.error).toMatch(/two-step verification PIN/);
    const retried = await session.post(`/api/connections/${connection.id}/retry`, { pin: "246810" });
    expect(retried.statusCode).toBe(202);
    expect((await waitSettled(session, connection.id)).state).toBe("active");
  });

  it("stops at Meta's 10 registrations per 72 hours without calling Meta again", async () => {
    const { session } = await newOwnerSession();
    const { connection, phoneNumberId } = await connect(session, "rabat");
    const nine = Array.from({ length: 8 }, () => new Date().toISOString());
    await app.database.query(
      "UPDATE whatsapp_connections SET registration_attempts = registration_attempts || $2::jsonb WHERE id = $1",
      [connection.id, JSON.stringify(nine)],
    );
    await session.post(`/api/connections/${connection.id}/retry`, { pin: "000000" });
    const tenth = await waitSettled(session, connection.id);
    expect(tenth.steps.find((s) => s.name === "register")!.errorCode).toBe(133005);
    const attemptsAtMeta = async () =>
      (await app.inject({ method: "GET", url: "/simulator/control/state" })).body.split(phoneNumberId).length;
    const before = await attemptsAtMeta();
    await session.post(`/api/connections/${connection.id}/retry`, { pin: "246810" });
    const blocked = await waitSettled(session, connection.id);
    expect(blocked.state).toBe("failed");
    expect(blocked.steps.find((s) => s.name === "register")).toMatchObject({ errorCode: 133016 });
    expect(blocked.stateReason).toMatch(/10 registration attempts/);
    expect(await attemptsAtMeta()).toBe(before);
  });
});

describe("connection health", () => {
  it("flips to needs_reconnect when the token starts answering 190, and a reconnect restores the same connection", async () => {
    const { session } = await newOwnerSession();
    const { connection } = await connect(session, "casablanca");
    const token = await sealedToken(connection.id);
    await app.inject({
      method: "POST",
      url: "/simulator/control/tokens/invalidate",
      payload: { token, reason: "expired" },
    });
    const checked = (await session.post(`/api/connections/${connection.id}/check`)).json();
    expect(checked.state).toBe("needs_reconnect");
    expect(checked.stateReason).toMatch(/Reconnect WhatsApp/);

    const again = await connect(session, "casablanca");
    expect(again.connection.id).toBe(connection.id);
    expect(again.connection.state).toBe("active");
    expect(await sealedToken(connection.id)).not.toBe(token);
  });

  it("says when the account has no valid payment method: from a failed paid send at once, and from Meta's health status at each check", async () => {
    const { session } = await newOwnerSession();
    const { connection } = await connect(session, "casablanca");
    const phoneNumberId = connection.phoneNumberId as string;
    const payment = (valid: boolean) =>
      app.inject({
        method: "POST",
        url: "/simulator/control/payment-method",
        payload: { phoneNumberId, valid },
      });
    expect((await payment(false)).statusCode).toBe(200);

    // A template is paid: Meta accepts it, then fails it with 131042; the number shows why.
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);
    const sent = await session.post("/api/messages/send", {
      connectionId: connection.id,
      to: "+212611220099",
      template: {
        name: "job_opportunity",
        language: "fr",
        body: [{ text: "Salma" }, { text: "cariste" }, { text: "Fès" }],
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const { id: messageId, conversationId } = sent.json() as { id: string; conversationId: string };
    const failed = await eventually(async () => {
      const page = (await session.get(`/api/messages/${conversationId}`)).json();
      const message = (page.messages as { id: string; status: string; error?: { code: number } }[]).find(
        (m) => m.id === messageId,
      );
      return message?.status === "failed" && message;
    });
    expect(failed.error).toMatchObject({ code: 131042 });
    const shown = async () =>
      (
        (await session.get("/api/connections")).json().connections as {
          id: string;
          healthWarnings: string[];
        }[]
      ).find((c) => c.id === connection.id)!.healthWarnings;
    await eventually(async () => (await shown()).includes("payment_method_invalid"));

    // The check asks Meta's health status: still blocked, then clear once a card is added.
    const checked = (await session.post(`/api/connections/${connection.id}/check`)).json();
    expect(checked.healthWarnings).toContain("payment_method_invalid");
    await payment(true);
    const cleared = (await session.post(`/api/connections/${connection.id}/check`)).json();
    expect(cleared.healthWarnings).not.toContain("payment_method_invalid");
    expect(cleared.state).toBe("active");
  });

  it("keeps tokens usable through a key rotation", async () => {
    const { session } = await newOwnerSession();
    const { connection } = await connect(session, "atlas");
    const before = await sealedToken(connection.id);
    const rotated = new TokenVault(`${generateKeySpec("v2")},${app.deps.config.tokenEncryptionKeys}`);
    const counts = await rotateSealedSecrets(app.database.db, rotated);
    expect(counts.rotated).toBeGreaterThan(0);
    const { rows } = await app.database.query(
      "SELECT access_token_sealed, pin_sealed FROM whatsapp_connections WHERE id = $1",
      [connection.id],
    );
    expect(String(rows[0]?.access_token_sealed).startsWith("v2.")).toBe(true);
    expect(String(rows[0]?.pin_sealed).startsWith("v2.")).toBe(true);
    expect(openToken(rotated, connection.id, String(rows[0]?.access_token_sealed))).toBe(before);
    expect((await rotateSealedSecrets(app.database.db, rotated)).rotated).toBe(0);
    // The token still works at Meta after rotation.
    const info = await app.deps.graph.debugToken(
      openToken(rotated, connection.id, String(rows[0]?.access_token_sealed)),
    );
    expect(info.isValid).toBe(true);
  });
});

describe("disconnect", () => {
  it("deregisters, unsubscribes, keeps the connection readable and audits who did it", async () => {
    const { session } = await newOwnerSession();
    const { connection, wabaId, phoneNumberId } = await connect(session, "casablanca");
    const response = await session.request({
      method: "DELETE",
      url: "/api/auth/whatsapp/disconnect",
      payload: { connectionId: connection.id },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      state: "disconnected",
      displayPhoneNumber: "+212 6 61 23 45 67",
    });
    const world = await simulatorWorld(app);
    const waba = world.wabas.find((w) => w.id === wabaId)!;
    expect(waba.subscribedApps).toEqual([]);
    expect(waba.phoneNumbers.find((p) => p.id === phoneNumberId)!.registered).toBe(false);
    const audit = (await session.get("/api/audit")).json().entries.map((e: { action: string }) => e.action);
    expect(audit).toContain("connection.disconnected");
  });

  it("is for owners and admins", async () => {
    const { session, clientId } = await newOwnerSession();
    const { connection } = await connect(session, "atlas");
    const recruiter = await loginAs(app, await buildUser(app, { clientId }));
    const response = await recruiter.request({
      method: "DELETE",
      url: "/api/auth/whatsapp/disconnect",
      payload: { connectionId: connection.id },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe("isolation", () => {
  it("another client cannot see, check, retry or disconnect this client's connection, nor claim its number", async () => {
    const { session } = await newOwnerSession();
    const { connection } = await connect(session, "casablanca");
    const other = await newOwnerSession();
    expect((await other.session.get(`/api/connections/${connection.id}`)).statusCode).toBe(404);
    expect((await other.session.post(`/api/connections/${connection.id}/check`)).statusCode).toBe(404);
    expect((await other.session.post(`/api/connections/${connection.id}/retry`, {})).statusCode).toBe(404);
    const disconnect = await other.session.request({
      method: "DELETE",
      url: "/api/auth/whatsapp/disconnect",
      payload: { connectionId: connection.id },
    });
    expect(disconnect.statusCode).toBe(404);
    expect((await other.session.get("/api/connections")).json().connections).toEqual([]);
    const { state } = (await other.session.post("/api/auth/whatsapp/initiate")).json();
    const signup = await finishSimulatedSignup(app, "casablanca");
    const claim = await other.session.post("/api/auth/whatsapp/complete", {
      state,
      code: signup.code,
      session: signup.session,
    });
    expect(claim.statusCode).toBe(409);
    expect((await session.get(`/api/connections/${connection.id}`)).json().state).toBe("active");
  });
});
