import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, loginAs } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ API_RATE_LIMIT_PER_MINUTE: "20" });
});
afterAll(() => app.close());

describe("HTTP platform", () => {
  it("answers /healthz, and /readyz once the database is migrated", async () => {
    expect((await app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: "ready" });
  });

  it("reports not ready while a migration is pending", async () => {
    await app.database.query(
      "DELETE FROM drizzle.__drizzle_migrations WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations)",
    );
    const ready = await app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reason).toBe("1 migration(s) pending");
  });

  it("exposes Prometheus metrics, request durations included", async () => {
    await app.inject({ method: "GET", url: "/healthz" });
    const metrics = await app.inject({ method: "GET", url: "/metrics" });
    expect(metrics.headers["content-type"]).toContain("text/plain");
    expect(metrics.body).toContain(
      'http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}',
    );
    expect(metrics.body).toContain("process_cpu_seconds_total");
  });

  it("sends security headers", async () => {
    const response = await app.inject({ method: "GET", url: "/healthz" });
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("echoes a request id, or makes one", async () => {
    const given = await app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "abc-123" },
    });
    expect(given.headers["x-request-id"]).toBe("abc-123");
    const made = await app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "bad id\n" },
    });
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers unknown API routes, malformed JSON and unauthenticated calls in the one error shape", async () => {
    const missing = await app.inject({ method: "GET", url: "/api/nothing-here" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: "not_found", message: "No route GET /api/nothing-here" },
    });
    const malformed = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("validation_failed");
    const xml = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/xml" },
      payload: "<login/>",
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe("unsupported_media_type");
    const anonymous = await app.inject({ method: "GET", url: "/api/users" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe("unauthenticated");
  });

  it("names every invalid field", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "not-an-email" },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["body.email", "body.password"]));
  });

  it("serves the OpenAPI document of the API", async () => {
    const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths["/api/clients/{id}"].get.responses["200"]).toBeDefined();
    expect(spec.paths["/healthz"]).toBeUndefined();
  });

  it("rate-limits the API per user with 429 and Retry-After, leaving other users alone", async () => {
    const user = await buildUser(app);
    const session = await loginAs(app, user);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await session.get("/api/auth/session")).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    const limited = await session.get("/api/auth/session");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe("rate_limited");
    const other = await loginAs(app, await buildUser(app));
    expect((await other.get("/api/auth/session")).statusCode).toBe(200);
  });
});
