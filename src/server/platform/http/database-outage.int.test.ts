import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../../../test/support/factories";
import { testConfig } from "../../../../test/support/test-app";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/test-database";
import { serializeAsMeta, signatureFor } from "../../../simulator/index";
import { type BuiltApp, buildApp } from "../../app";
import { provisionClient } from "../../modules/accounts/provisioning.repository";
import { createLogger } from "../logger";

/**
 * With the database gone, requests answer 503 with Retry-After at once (Meta re-sends a webhook
 * on any non-2xx), /readyz says not ready, and the log says so once, not once per request.
 */

const lines: { level: number; msg: string }[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let database: TestDatabase;
let built: BuiltApp;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database);
  built = await buildApp({ config, database, log: createLogger("info", capture) });
  await built.app.ready();
  const { owner } = await provisionClient(database.db, {
    name: "Outage",
    owner: { email: "outage-owner@example.test", name: "Owner", password: TEST_PASSWORD },
  });
  const login = await built.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: owner.email, password: TEST_PASSWORD },
  });
  cookie = `lj_session=${login.cookies.find((c) => c.name === "lj_session")!.value}`;
  await database.close();
});
afterAll(async () => {
  await built.close().catch(() => {});
  await database.drop().catch(() => {});
});

describe("PostgreSQL unreachable", () => {
  it("answers 503 with Retry-After at once, on API calls, logins and webhooks alike", async () => {
    const body = serializeAsMeta({ object: "whatsapp_business_account", entry: [] });
    const webhook = {
      payload: body,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signatureFor(body, built.deps.config.meta.appSecret),
      },
    };
    const requests = [
      { method: "GET" as const, url: "/api/auth/session", headers: { cookie } },
      {
        method: "POST" as const,
        url: "/api/auth/login",
        payload: { email: "a@example.test", password: "x" },
      },
      { method: "POST" as const, url: "/webhook", ...webhook },
    ];
    for (const request of requests) {
      const started = Date.now();
      const response = await built.app.inject(request);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(response.statusCode, `${request.url}: ${response.body}`).toBe(503);
      expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
      expect(response.json().error.code).toBe("service_unavailable");
    }
  });

  it("reports not ready on /readyz", async () => {
    const ready = await built.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: "not_ready", reason: "database unreachable" });
  });

  it("says so once in the log, however many requests meet it", async () => {
    for (let i = 0; i < 5; i++)
      await built.app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
    await built.app.inject({ method: "GET", url: "/readyz" });
    const problems = lines.filter((line) => line.level >= 40);
    expect(problems.map((line) => line.msg)).toEqual([
      "database unreachable: answering 503 until it is back",
    ]);
  });
});
