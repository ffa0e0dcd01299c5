import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, TEST_PASSWORD } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";

/**
 * Failed logins are limited per address and e-mail, per address across e-mails (password
 * spraying) and per e-mail across addresses (a distributed guess); successful logins never count.
 */

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({
    LOGIN_RATE_LIMIT_PER_15_MIN: "3",
    LOGIN_FAILURES_PER_IP_PER_15_MIN: "6",
    LOGIN_FAILURES_PER_ACCOUNT_PER_15_MIN: "5",
  });
});
afterAll(() => app.close());

const login = (email: string, password: string, ip: string) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress: ip });

describe("login throttling", () => {
  it("never counts successful logins: an owner logging in all day is not locked out", async () => {
    const owner = await buildUser(app, { role: "owner" });
    for (let i = 0; i < 8; i++)
      expect((await login(owner.email, TEST_PASSWORD, "10.1.0.1")).statusCode).toBe(200);
  });

  it("slows one address trying many e-mails (password spraying)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await login(`sprayed-${i}@example.test`, "Summer2024!", "10.1.0.2")).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    const limited = await login("yet-another@example.test", "Summer2024!", "10.1.0.2");
    expect(limited.json().error.code).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // The sprayer's address is limited, not the accounts: their owners still get in from elsewhere.
    const someone = await buildUser(app);
    expect((await login(someone.email, TEST_PASSWORD, "10.1.0.3")).statusCode).toBe(200);
  });

  it("slows guesses at one account spread over many addresses", async () => {
    const target = await buildUser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(target.email, "guess-guess", `10.2.0.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await login(target.email, TEST_PASSWORD, "10.2.1.1")).statusCode).toBe(429);
  });

  it("keeps one client's locked account from affecting another client's users", async () => {
    const locked = await buildUser(app);
    const other = await buildUser(app);
    expect(other.clientId).not.toBe(locked.clientId);
    for (let i = 0; i < 6; i++) await login(locked.email, "guess-guess", `10.3.0.${i}`);
    expect((await login(locked.email, TEST_PASSWORD, "10.3.1.1")).statusCode).toBe(429);
    expect((await login(other.email, TEST_PASSWORD, "10.3.1.2")).statusCode).toBe(200);
  });
});
