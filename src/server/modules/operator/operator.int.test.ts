import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiKeyCaller,
  buildClient,
  buildUser,
  type Caller,
  caller,
  loginAs,
  TEST_PASSWORD,
} from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import {
  clientWithActiveNumber,
  drainWebhooks,
  inboundText,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../../../test/support/webhooks";
import { ApiKeyScope, type CreatedApiKeyResponse } from "../../../contracts/accounts";
import type { OperatorClientDetail } from "../../../contracts/operator";
import { generateKey, sha256 } from "../accounts/secrets";
import { operatorRepository } from "./operator.repository";

const OPERATOR_KEY = `ljop_${"k".repeat(40)}`;
const unique = () => randomUUID().slice(0, 8);

let app: TestApp;
let operator: Caller;

const callerWith = (headers: Record<string, string>) => caller(app, headers);

beforeAll(async () => {
  app = await createTestApp({ OPERATOR_API_KEY: OPERATOR_KEY });
  operator = callerWith({ authorization: `Bearer ${OPERATOR_KEY}` });
});
afterAll(() => app.close());

async function createClientOverHttp(overrides: Record<string, unknown> = {}) {
  const email = `owner-${unique()}@acme.test`;
  const response = await operator.post("/api/operator/clients", {
    name: `Acme ${unique()}`,
    owner: { email, name: "Rim Owner", password: TEST_PASSWORD },
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as { client: OperatorClientDetail; ownerId: string }), email };
}

describe("operator API: clients", () => {
  it("creates a client whose owner logs in at once, and logs the call in both audit logs", async () => {
    const { client, ownerId, email } = await createClientOverHttp({ externalId: `lj-co-${unique()}` });
    expect(client).toMatchObject({ state: "active", isSsoOnly: false, defaultCountry: "MA", numbers: [] });
    const owner = await loginAs(app, { email });
    const session = (await owner.get("/api/auth/session")).json();
    expect(session.user).toMatchObject({ id: ownerId, role: "owner" });
    const actions = (await owner.get("/api/audit")).json().entries as { action: string; actorType: string }[];
    expect(actions).toContainEqual(
      expect.objectContaining({ action: "client.created", actorType: "operator" }),
    );
    const calls = await operatorRepository(app.database.db).listCalls(client.id);
    // The creation names no client in its path; the reads that follow do.
    await operator.get(`/api/operator/clients/${client.id}`);
    const after = await operatorRepository(app.database.db).listCalls(client.id);
    expect(after.length).toBe(calls.length + 1);
    expect(after[0]).toMatchObject({ operatorId: "config", method: "GET", statusCode: 200 });
  });

  it("shows a client's numbers, usage and state", async () => {
    const { clientId, phoneNumberId } = await clientWithActiveNumber(app);
    const inbound = inboundText("212612345678", "Bonjour");
    await postWebhook(
      app,
      messagesEnvelope(phoneNumberId, { contacts: inbound.contacts, messages: [inbound.message] }),
    );
    await drainWebhooks(app);
    const detail = (await operator.get(`/api/operator/clients/${clientId}`)).json() as OperatorClientDetail;
    expect(detail.numbers).toHaveLength(1);
    expect(detail.numbers[0]!.phoneNumberId).toBe(phoneNumberId);
    expect(detail.usage).toMatchObject({
      messagesReceived: 1,
      messagesSent: 0,
      contacts: 1,
      conversations: 1,
    });
    expect(detail.usage.lastMessageAt).not.toBeNull();
    expect(detail.state).toBe("active");
  });

  it("updates a client, refusing an update that sets nothing and a LinkoJob id already taken", async () => {
    const { client } = await createClientOverHttp();
    const other = await createClientOverHttp({ externalId: `taken-${unique()}` });
    const updated = await operator.patch(`/api/operator/clients/${client.id}`, {
      name: "Renamed",
      isSsoOnly: true,
    });
    expect(updated.json()).toMatchObject({ name: "Renamed", isSsoOnly: true });
    const empty = await operator.patch(`/api/operator/clients/${client.id}`, {});
    expect(empty.statusCode).toBe(400);
    const taken = await operator.patch(`/api/operator/clients/${client.id}`, {
      externalId: other.client.externalId,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/LinkoJob id/);
  });

  it("refuses bad input naming the field, and an unknown client saying so", async () => {
    const bad = await operator.post("/api/operator/clients", {
      name: "X",
      owner: { email: "not-an-email", name: "A" },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain("owner.email");
    const unknown = await operator.get(`/api/operator/clients/${randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: "not_found", message: "Client not found" });
    const suspendUnknown = await operator.post(`/api/operator/clients/${randomUUID()}/suspend`, {
      reason: "x",
    });
    expect(suspendUnknown.statusCode).toBe(404);
  });

  it("lists clients with filters and keyset cursors that neither skip nor repeat", async () => {
    const tag = `Paged ${unique()}`;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createClientOverHttp({ name: `${tag} ${i}` })).client.id);
    await operator.post(`/api/operator/clients/${made[1]}/suspend`, { reason: "unpaid" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await operator.get(
          `/api/operator/clients?q=${encodeURIComponent(tag)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        )
      ).json() as { clients: { id: string }[]; nextCursor: string | null };
      seen.push(...page.clients.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const suspended = (
      await operator.get(`/api/operator/clients?q=${encodeURIComponent(tag)}&state=suspended`)
    ).json();
    expect(suspended.clients.map((c: { id: string }) => c.id)).toEqual([made[1]]);
    const badCursor = await operator.get("/api/operator/clients?cursor=nope");
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.details[0].field).toBe("querystring.cursor");
  });
});

describe("operator API: Idempotency-Key", () => {
  const postWithKey = (url: string, key: string, payload: object) =>
    operator.request({ method: "POST", url, headers: { "idempotency-key": key }, payload });
  const countRows = async (sql: string, params: unknown[]) =>
    (await queryRows<{ n: number }>(app, sql, params))[0]!.n;

  it("creates one client per key: a retry (even at the same time) answers the same, another body is refused", async () => {
    const key = `create-client-${unique()}`;
    const email = `owner-${unique()}@acme.test`;
    const body = {
      name: `Acme ${unique()}`,
      externalId: `lj-co-${unique()}`,
      owner: { email, name: "Rim Owner", password: TEST_PASSWORD },
    };
    const first = await postWithKey("/api/operator/clients", key, body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await postWithKey("/api/operator/clients", key, body);
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.json()).toEqual(first.json());
    // The same body with its fields in another order and its defaults spelt out is the same call.
    const reordered = await postWithKey("/api/operator/clients", key, {
      owner: { password: TEST_PASSWORD, name: "Rim Owner", email },
      isSsoOnly: false,
      defaultCountry: "MA",
      externalId: body.externalId,
      name: body.name,
    });
    expect(reordered.statusCode).toBe(201);
    expect(reordered.json()).toEqual(first.json());
    expect(
      await countRows("SELECT count(*)::int AS n FROM clients WHERE external_id = $1", [body.externalId]),
    ).toBe(1);
    expect(
      await countRows("SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)", [email]),
    ).toBe(1);

    // The same key for another client, or another password: refused, nothing created.
    for (const other of [
      { ...body, name: "Une autre société" },
      { ...body, owner: { ...body.owner, password: `${TEST_PASSWORD}-autre` } },
      { ...body, owner: { email: body.owner.email, name: body.owner.name } },
    ]) {
      const refused = await postWithKey("/api/operator/clients", key, other);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.code).toBe("idempotency_key_reused");
    }
    expect(
      await countRows("SELECT count(*)::int AS n FROM clients WHERE creation_idempotency_key = $1", [key]),
    ).toBe(1);

    // Two calls with a new key at once: one client, both answers the same.
    const raceKey = `create-client-${unique()}`;
    const raceBody = {
      name: `Course ${unique()}`,
      owner: { email: `race-${unique()}@acme.test`, name: "Salma" },
    };
    const [a, b] = await Promise.all([
      postWithKey("/api/operator/clients", raceKey, raceBody),
      postWithKey("/api/operator/clients", raceKey, raceBody),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    expect(
      await countRows("SELECT count(*)::int AS n FROM clients WHERE creation_idempotency_key = $1", [
        raceKey,
      ]),
    ).toBe(1);

    // Without a key, the same body is a second call: refused here only for the owner's e-mail.
    const unkeyed = await operator.post("/api/operator/clients", { ...body, externalId: undefined });
    expect(unkeyed.statusCode).toBe(409);
  });

  it("adds one user per key and client: a retry answers the same user, another body is refused", async () => {
    const { client } = await createClientOverHttp();
    const other = await createClientOverHttp();
    const key = `add-user-${unique()}`;
    const body = { email: `rec-${unique()}@acme.test`, name: "Nadia", role: "recruiter" };
    const url = `/api/operator/clients/${client.id}/users`;
    const first = await postWithKey(url, key, body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await postWithKey(url, key, { ...body, locale: "fr" });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const refused = await postWithKey(url, key, { ...body, role: "admin" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("idempotency_key_reused");
    expect(
      await countRows("SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)", [body.email]),
    ).toBe(1);
    // A key belongs to its client: the same key on another client is a call of its own.
    const elsewhere = await postWithKey(`/api/operator/clients/${other.client.id}/users`, key, {
      ...body,
      email: `rec-${unique()}@acme.test`,
    });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    expect(elsewhere.json().id).not.toBe(first.json().id);
    const audit = await queryRows<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM audit_log WHERE client_id = $1 AND action = 'user.created'",
      [client.id],
    );
    expect(audit[0]!.n).toBe(1);
  });
});

describe("operator API: suspension", () => {
  it("cuts sessions and keys, refuses logins and sends, keeps storing webhooks, and reactivates", async () => {
    const { clientId, phoneNumberId, session } = await clientWithActiveNumber(app);
    const owner = (
      await queryRows<{ email: string }>(app, "SELECT email FROM users WHERE client_id = $1", [clientId])
    )[0]!;
    const key = (
      await operator.post(`/api/operator/clients/${clientId}/api-keys`, {
        name: "ats",
        scopes: ["messages:send", "clients:read"],
      })
    ).json() as CreatedApiKeyResponse;
    const keyCaller = callerWith({ authorization: `Bearer ${key.secret}` });
    expect((await keyCaller.get(`/api/clients/${clientId}`)).statusCode).toBe(200);

    const suspended = await operator.post(`/api/operator/clients/${clientId}/suspend`, {
      reason: "Unpaid invoice",
    });
    expect(suspended.json()).toMatchObject({ state: "suspended", suspensionReason: "Unpaid invoice" });
    // Suspending again is safe for a retrying caller.
    expect(
      (await operator.post(`/api/operator/clients/${clientId}/suspend`, { reason: "again" })).json()
        .suspensionReason,
    ).toBe("Unpaid invoice");

    expect((await session.get("/api/auth/session")).statusCode).toBe(401);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe("client_suspended");
    const send = await keyCaller.post("/api/messages/send", {
      connectionId: randomUUID(),
      to: "0612345678",
      text: "x",
    });
    expect(send.statusCode).toBe(403);
    expect(send.json().error.code).toBe("client_suspended");
    const newUser = await operator.post(`/api/operator/clients/${clientId}/users`, {
      email: `u-${unique()}@acme.test`,
      name: "U",
      role: "recruiter",
    });
    expect(newUser.json().error.code).toBe("client_suspended");

    const inbound = inboundText("212698765432", "Toujours intéressé");
    const posted = await postWebhook(
      app,
      messagesEnvelope(phoneNumberId, { contacts: inbound.contacts, messages: [inbound.message] }),
    );
    expect(posted.statusCode).toBe(200);
    await drainWebhooks(app);
    expect(
      await queryRows(app, "SELECT 1 FROM messages WHERE wamid = $1 AND client_id = $2", [
        inbound.wamid,
        clientId,
      ]),
    ).toHaveLength(1);

    expect((await operator.post(`/api/operator/clients/${clientId}/reactivate`)).json().state).toBe("active");
    await loginAs(app, owner); // throws unless the login succeeds
    expect((await keyCaller.get(`/api/clients/${clientId}`)).statusCode).toBe(200);
    const audit = await queryRows<{ action: string; actor_type: string }>(
      app,
      "SELECT action, actor_type FROM audit_log WHERE client_id = $1",
      [clientId],
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "client.suspended", actor_type: "operator" },
        { action: "client.reactivated", actor_type: "operator" },
      ]),
    );
  });
});

describe("operator API: users and API keys", () => {
  it("adds users (with a password, or single sign-on only) and refuses a duplicate e-mail", async () => {
    const { client } = await createClientOverHttp();
    const email = `rec-${unique()}@acme.test`;
    const created = await operator.post(`/api/operator/clients/${client.id}/users`, {
      email,
      name: "Nadia",
      role: "recruiter",
      password: TEST_PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ clientId: client.id, role: "recruiter" });
    await loginAs(app, { email });
    const ssoOnly = await operator.post(`/api/operator/clients/${client.id}/users`, {
      email: `sso-${unique()}@acme.test`,
      name: "Omar",
      role: "admin",
      externalId: "lj-user-9",
    });
    expect(ssoOnly.statusCode).toBe(201);
    const noPassword = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: ssoOnly.json().email, password: "anything-at-all" },
    });
    expect(noPassword.statusCode).toBe(401);
    const duplicate = await operator.post(`/api/operator/clients/${client.id}/users`, {
      email,
      name: "Again",
      role: "recruiter",
    });
    expect(duplicate.statusCode).toBe(409);
    const weak = await operator.post(`/api/operator/clients/${client.id}/users`, {
      email: `w-${unique()}@acme.test`,
      name: "W",
      role: "recruiter",
      password: "aaaaaaaaaa",
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].field).toBe("body.password");
  });

  it("issues a key that works at once, lists it without its secret, and revokes it", async () => {
    const { client } = await createClientOverHttp();
    const issued = await operator.post(`/api/operator/clients/${client.id}/api-keys`, {
      name: "LinkoJob ATS",
      scopes: ["clients:read"],
    });
    expect(issued.statusCode).toBe(201);
    const { secret, apiKey } = issued.json() as CreatedApiKeyResponse;
    const keyCaller = callerWith({ authorization: `Bearer ${secret}` });
    expect((await keyCaller.get(`/api/clients/${client.id}`)).statusCode).toBe(200);
    const listed = await operator.get(`/api/operator/clients/${client.id}/api-keys`);
    expect(listed.json().apiKeys.map((k: { id: string }) => k.id)).toEqual([apiKey.id]);
    expect(listed.body).not.toContain(secret.slice(-43));
    // Another client's key id through this client is not found.
    const other = await createClientOverHttp();
    expect(
      (await operator.delete(`/api/operator/clients/${other.client.id}/api-keys/${apiKey.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await operator.delete(`/api/operator/clients/${client.id}/api-keys/${apiKey.id}`)).statusCode,
    ).toBe(204);
    expect((await keyCaller.get(`/api/clients/${client.id}`)).statusCode).toBe(401);
  });
});

describe("operator credentials", () => {
  it("accepts a stored credential (operator:create), refuses it once revoked and refuses a forged one", async () => {
    const generated = generateKey("ljop");
    const row = await operatorRepository(app.database.db).createCredential({
      name: "back office",
      prefix: generated.prefix,
      secretHash: sha256(generated.key),
    });
    const stored = callerWith({ authorization: `Bearer ${generated.key}` });
    expect((await stored.get("/api/operator/clients?limit=1")).statusCode).toBe(200);
    const forged = callerWith({ authorization: `Bearer ${generated.key.slice(0, -4)}AAAA` });
    expect((await forged.get("/api/operator/clients?limit=1")).statusCode).toBe(401);
    await app.database.query("UPDATE operator_credentials SET revoked_at = now() WHERE id = $1", [row.id]);
    expect((await stored.get("/api/operator/clients?limit=1")).statusCode).toBe(401);
  });

  it("keeps an operator credential off every client route", async () => {
    const { client } = await buildClient(app);
    for (const url of [
      `/api/clients/${client.id}`,
      "/api/conversations",
      "/api/users",
      "/api/auth/session",
    ]) {
      const response = await operator.get(url);
      expect(response.statusCode, url).toBe(403);
    }
  });
});

describe("tenant isolation: operator routes", () => {
  it("refuses every operator route to client API keys (all scopes), sessions, and anonymous callers", async () => {
    const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith("/api/operator/"))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
      );
    // Every operator route of the route table is in the document, and the walk covers them all.
    const table = app.app.printRoutes({ commonPrefix: false });
    expect(routes.length).toBe(15);
    expect(table).toContain("/api/operator/clients");

    const owner = await buildUser(app, { role: "owner" });
    const { caller: key } = await apiKeyCaller(app, owner, ApiKeyScope.options);
    const session = await loginAs(app, owner);
    const anonymous = callerWith({});
    const before = await queryRows(app, "SELECT count(*)::int AS n FROM clients");
    const refusedCalls = async () =>
      (
        await queryRows<{ n: number }>(
          app,
          "SELECT count(*)::int AS n FROM operator_audit_log WHERE operator_id = '(refused)'",
        )
      )[0]!.n;
    const refusedBefore = await refusedCalls();
    for (const route of routes) {
      const url = route.path.replace(/\{clientId\}/g, owner.clientId).replace(/\{keyId\}/g, randomUUID());
      const payload =
        route.method === "GET" || route.method === "DELETE"
          ? {}
          : {
              payload: {
                name: "x",
                reason: "x",
                owner: { email: "a@b.c", name: "a" },
                scopes: ["clients:read"],
                role: "owner",
                email: "z@z.z",
              },
            };
      for (const [who, caller, status] of [
        ["api key", key, 403],
        ["session", session, 403],
        ["anonymous", anonymous, 401],
      ] as const) {
        const response = await caller.request({ method: route.method as "GET", url, ...payload });
        expect(response.statusCode, `${who} ${route.method} ${route.path}`).toBe(status);
      }
    }
    expect(await queryRows(app, "SELECT count(*)::int AS n FROM clients")).toEqual(before);
    // Every refused call is in the operators' log too.
    expect(await refusedCalls()).toBe(refusedBefore + routes.length * 3);
  });
});
