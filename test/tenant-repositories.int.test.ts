import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantRepositories } from "../src/server/modules/tenant-repositories";
import { signupStates } from "../src/server/platform/db/schema/index";
import { apiKeyCaller, buildClient, buildUser, loginAs } from "./support/factories";
import { buildConnection } from "./support/rows";
import { createTestApp, type TestApp } from "./support/test-app";

/**
 * Every tenant-scoped repository method, called from client A's scope with client B's ids, finds
 * and changes nothing. Route tests can be masked by a second, scoped query; these cannot.
 */
let app: TestApp;
let a: ReturnType<typeof tenantRepositories>;
let bIds: { clientId: string; ownerId: string; recruiterId: string; apiKeyId: string; connectionId: string };

beforeAll(async () => {
  app = await createTestApp();
  const { client: clientA } = await buildClient(app);
  const { client: clientB, owner: ownerB } = await buildClient(app);
  const recruiterB = await buildUser(app, { clientId: clientB.id });
  await loginAs(app, recruiterB);
  const key = await apiKeyCaller(app, ownerB, ["clients:read"]);
  const connection = await buildConnection(app, {
    clientId: clientB.id,
    phoneNumberId: "b-number",
    accessTokenSealed: "sealed-b",
  });
  const { rows } = await app.database.query("SELECT id FROM sessions WHERE user_id = $1", [recruiterB.id]);
  await app.database.db.insert(signupStates).values({
    id: "b-state",
    clientId: clientB.id,
    sessionId: String(rows[0]?.id),
    userId: recruiterB.id,
    expiresAt: new Date(Date.now() + 60_000),
  });
  a = tenantRepositories(app.database.db, clientA.id);
  bIds = {
    clientId: clientB.id,
    ownerId: ownerB.id,
    recruiterId: recruiterB.id,
    apiKeyId: key.id,
    connectionId: connection.id,
  };
});
afterAll(() => app.close());

const countRows = async (sql: string, params: unknown[]) =>
  Number((await app.database.query(sql, params)).rows[0]?.n);

describe("tenant-scoped repositories", () => {
  it("clients: another client's row is not found", async () => {
    expect(await a.clients.findById(bIds.clientId)).toBeUndefined();
  });

  it("users: reads, writes and deletes never reach another client", async () => {
    expect(await a.users.findById(bIds.recruiterId)).toBeUndefined();
    expect((await a.users.list()).map((u) => u.id)).not.toContain(bIds.recruiterId);
    expect(await a.users.update(bIds.recruiterId, { name: "changed" })).toBeUndefined();
    expect(await a.users.remove(bIds.recruiterId)).toBe(false);
    expect(await a.users.countActiveOwners()).toBe(1);
    await a.users.revokeSessions(bIds.recruiterId);
    expect(await countRows("SELECT count(*) AS n FROM sessions WHERE user_id = $1", [bIds.recruiterId])).toBe(
      1,
    );
    expect(
      await countRows("SELECT count(*) AS n FROM users WHERE id = $1 AND name <> 'changed'", [
        bIds.recruiterId,
      ]),
    ).toBe(1);
  });

  it("API keys: another client's key cannot be read or revoked", async () => {
    expect(await a.apiKeys.findById(bIds.apiKeyId)).toBeUndefined();
    expect(await a.apiKeys.revoke(bIds.apiKeyId)).toBeUndefined();
    expect((await a.apiKeys.list()).map((k) => k.id)).not.toContain(bIds.apiKeyId);
    expect(
      await countRows("SELECT count(*) AS n FROM api_keys WHERE id = $1 AND revoked_at IS NULL", [
        bIds.apiKeyId,
      ]),
    ).toBe(1);
  });

  it("audit log and connections: lists hold only the scope's client", async () => {
    const entries = await a.audit.list(500);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.clientId !== bIds.clientId)).toBe(true);
    expect(await a.connections.list()).toEqual([]);
  });

  it("connections: another client's connection and signup state cannot be read, changed or consumed", async () => {
    expect(await a.connections.findById(bIds.connectionId)).toBeUndefined();
    expect(await a.connections.findByPhoneNumberId("b-number")).toBeUndefined();
    expect(await a.connections.update(bIds.connectionId, { state: "disconnected" })).toBeUndefined();
    const sealed = { accessTokenSealed: "sealed-b", pinSealed: null };
    expect(
      await a.connections.replaceSealedSecrets(bIds.connectionId, sealed, {
        accessTokenSealed: "x",
        pinSealed: null,
      }),
    ).toBe(false);
    const sessionId = String(
      (await app.database.query("SELECT session_id FROM signup_states WHERE id = 'b-state'")).rows[0]
        ?.session_id,
    );
    expect(await a.connections.consumeSignupState("b-state", sessionId)).toBe(false);
    const { rows } = await app.database.query(
      "SELECT state, access_token_sealed FROM whatsapp_connections WHERE id = $1",
      [bIds.connectionId],
    );
    expect(rows[0]).toEqual({ state: "active", access_token_sealed: "sealed-b" });
  });
});
