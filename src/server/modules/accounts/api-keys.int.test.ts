import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCaller, buildUser, loginAs } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { sha256 } from "./secrets";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe("API keys", () => {
  it("shows the secret once and stores only its hash", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const { secret, id } = await apiKeyCaller(app, owner, ["clients:read"]);
    expect(secret).toMatch(/^lj_[a-z0-9]{12}_[\w-]{43}$/);
    const session = await loginAs(app, owner);
    const listed = (await session.get("/api/api-keys")).body;
    // The secret part is the last 43 characters (it may itself contain "_").
    expect(listed).not.toContain(secret.slice(-43));
    const { rows } = await app.database.query("SELECT secret_hash FROM api_keys WHERE id = $1", [id]);
    expect(rows[0]?.secret_hash).toBe(sha256(secret));
  });

  it("lets a key in with its scope, keeps it out without, and records its last use", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const { caller, id } = await apiKeyCaller(app, owner, ["clients:read"]);
    expect((await caller.get(`/api/clients/${owner.clientId}`)).statusCode).toBe(200);
    const noScope = await caller.get("/api/users");
    expect(noScope.statusCode).toBe(403);
    expect(noScope.json().error.message).toContain("users:read");
    // Session-only routes are closed to keys whatever their scopes.
    expect((await caller.get("/api/api-keys")).statusCode).toBe(403);
    const keys = (await (await loginAs(app, owner)).get("/api/api-keys")).json().apiKeys;
    expect(keys.find((k: { id: string }) => k.id === id).lastUsedAt).not.toBeNull();
  });

  it("needs no CSRF header: keys are not cookies a browser sends by itself", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const { caller } = await apiKeyCaller(app, owner, ["users:read"]);
    expect((await caller.get("/api/users")).statusCode).toBe(200);
  });

  it("stops working once revoked", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const { caller, id } = await apiKeyCaller(app, owner, ["clients:read"]);
    const session = await loginAs(app, owner);
    expect((await session.delete(`/api/api-keys/${id}`)).statusCode).toBe(204);
    const refused = await caller.get(`/api/clients/${owner.clientId}`);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toMatch(/revoked/);
    const audit = (await session.get("/api/audit")).json().entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(["api_key.created", "api_key.revoked"]));
  });

  it("refuses a forged key with the right prefix", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const { caller, secret } = await apiKeyCaller(app, owner, ["clients:read"]);
    const forged = `${secret.slice(0, -4)}AAAA`;
    const response = await app.inject({
      method: "GET",
      url: `/api/clients/${owner.clientId}`,
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(response.statusCode).toBe(401);
    expect((await caller.get(`/api/clients/${owner.clientId}`)).statusCode).toBe(200);
  });

  it("is managed by owners and admins only", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const recruiter = await buildUser(app, { clientId: owner.clientId });
    const session = await loginAs(app, recruiter);
    expect((await session.get("/api/api-keys")).statusCode).toBe(403);
    expect((await session.post("/api/api-keys", { name: "x", scopes: ["clients:read"] })).statusCode).toBe(
      403,
    );
  });
});
