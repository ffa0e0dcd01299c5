import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, loginAs, TEST_PASSWORD } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { sessions } from "../../platform/db/schema/index";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ LOGIN_RATE_LIMIT_PER_15_MIN: "5" });
});
afterAll(() => app.close());

const login = (email: string, password: string, ip = "10.0.0.1") =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress: ip });

describe("password login", () => {
  it("opens a session behind an httpOnly, SameSite=Lax cookie and returns a CSRF token", async () => {
    const user = await buildUser(app);
    const response = await login(user.email.toUpperCase(), TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "lj_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.secure).toBeFalsy(); // localhost; live URLs get Secure (see config tests)
    const body = response.json();
    expect(body.user.email).toBe(user.email);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(response.body).not.toContain("passwordHash");
  });

  it("answers a wrong password and an unknown e-mail with the same error", async () => {
    const user = await buildUser(app);
    const wrong = await login(user.email, "not-the-password", "10.0.0.2");
    const unknown = await login("nobody@example.test", TEST_PASSWORD, "10.0.0.2");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe("invalid_credentials");
  });

  it("refuses a disabled user", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const user = await buildUser(app, { clientId: owner.clientId });
    const session = await loginAs(app, owner);
    expect((await session.patch(`/api/users/${user.id}`, { isDisabled: true })).statusCode).toBe(200);
    expect((await login(user.email, TEST_PASSWORD, "10.0.0.3")).statusCode).toBe(401);
  });

  it("stores the password as an argon2id hash", async () => {
    const user = await buildUser(app);
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("rate-limits repeated attempts on one e-mail from one address with 429 and Retry-After", async () => {
    const user = await buildUser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(user.email, "wrong-password", "10.0.0.9")).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await login(user.email, TEST_PASSWORD, "10.0.0.9");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe("rate_limited");
    // Another address is not locked out by the attacker's attempts.
    expect((await login(user.email, TEST_PASSWORD, "10.0.0.10")).statusCode).toBe(200);
  });
});

describe("sessions", () => {
  it("reads the session, then logout ends it", async () => {
    const user = await buildUser(app);
    const session = await loginAs(app, user);
    expect((await session.get("/api/auth/session")).json().user.id).toBe(user.id);
    expect((await session.post("/api/auth/logout")).statusCode).toBe(204);
    const after = await session.get("/api/auth/session");
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("unauthenticated");
  });

  it("keeps a session a second: what another instance changes shows within it, what this one changes at once", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const user = await buildUser(app, { clientId: owner.clientId });
    const admin = await loginAs(app, owner);
    const session = await loginAs(app, user);
    const read = performance.now();
    expect((await session.get("/api/auth/session")).statusCode).toBe(200);
    // As another instance would leave it: the row gone, nothing said to this one.
    await app.database.db.delete(sessions).where(eq(sessions.userId, user.id));
    const meanwhile = (await session.get("/api/auth/session")).statusCode;
    // Only a machine stalled for the whole second could see it already gone.
    if (performance.now() - read < 900) expect(meanwhile).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await session.get("/api/auth/session")).statusCode).toBe(401);

    // This instance's own changes: the next request already sees them, a new role as a disabled user.
    const again = await loginAs(app, user);
    expect((await again.get("/api/auth/session")).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${user.id}`, { role: "admin" })).statusCode).toBe(200);
    expect((await again.get("/api/costs")).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${user.id}`, { role: "recruiter" })).statusCode).toBe(200);
    expect((await again.get("/api/costs")).statusCode).toBe(403);
    expect((await admin.patch(`/api/users/${user.id}`, { isDisabled: true })).statusCode).toBe(200);
    expect((await again.get("/api/auth/session")).statusCode).toBe(401);
  });

  it("refuses a cookie-authenticated write without the CSRF header, or with another session's", async () => {
    const user = await buildUser(app);
    const session = await loginAs(app, user);
    const other = await loginAs(app, await buildUser(app));
    const otherToken = (await other.get("/api/auth/session")).json().csrfToken as string;
    const missing = await session.request({
      method: "PATCH",
      url: "/api/auth/me",
      payload: { name: "X" },
      headers: { "x-csrf-token": "" },
    });
    const wrong = await session.request({
      method: "PATCH",
      url: "/api/auth/me",
      payload: { name: "X" },
      headers: { "x-csrf-token": otherToken },
    });
    expect(missing.statusCode).toBe(403);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe("csrf_failed");
    const ok = await session.patch("/api/auth/me", { name: "Nadia", locale: "ar" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: "Nadia", locale: "ar" });
  });

  it("refuses an update of one's profile that sets nothing, naming what may be set", async () => {
    const session = await loginAs(app, await buildUser(app));
    for (const body of [{}, { role: "owner" }]) {
      const response = await session.patch("/api/auth/me", body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: "validation_failed",
        message: "body: nothing to change: give at least one of name, locale, isAvailable",
      });
    }
  });

  it("changes one's own password after checking the current one, ending the other sessions", async () => {
    const user = await buildUser(app);
    const here = await loginAs(app, user);
    const elsewhere = await loginAs(app, user);
    const wrong = await here.post("/api/auth/password", {
      currentPassword: "not-it",
      newPassword: "a-brand-new-password",
    });
    // A field to correct, not a failed login: 400 with its own code, the session stays.
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("wrong_current_password");
    expect(
      (
        await here.post("/api/auth/password", {
          currentPassword: TEST_PASSWORD,
          newPassword: "a-brand-new-password",
        })
      ).statusCode,
    ).toBe(204);
    expect((await here.get("/api/auth/session")).statusCode).toBe(200);
    expect((await elsewhere.get("/api/auth/session")).statusCode).toBe(401);
    expect((await login(user.email, "a-brand-new-password", "10.0.2.1")).statusCode).toBe(200);
  });

  it("refuses a new password that is too easy to guess, saying why", async () => {
    const user = await buildUser(app);
    const session = await loginAs(app, user);
    const response = await session.post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "motdepasse123",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^body\.newPassword: too easy to guess: /);
    expect((await login(user.email, TEST_PASSWORD, "10.0.3.1")).statusCode).toBe(200);
  });

  it("records logins and failed logins in the client's audit log", async () => {
    const owner = await buildUser(app, { role: "owner" });
    await login(owner.email, "bad-password", "10.0.1.1");
    const session = await loginAs(app, owner);
    const actions = (await session.get("/api/audit")).json().entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.login", "auth.login_failed"]));
  });
});
