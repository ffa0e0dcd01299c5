import { randomUUID } from "node:crypto";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type {
  ApiKeyScope,
  CreatedApiKeyResponse,
  SessionResponse,
  UserRole,
} from "../../src/contracts/accounts";
import { CSRF_HEADER } from "../../src/contracts/errors";
import { addUser, provisionClient } from "../../src/server/modules/accounts/provisioning.repository";
import type { TestApp } from "./test-app";

export const TEST_PASSWORD = "correct-horse-battery";

const unique = () => randomUUID().slice(0, 8);

/** A new client with its owner: every test builds its own tenants, so files never share state. */
export async function buildClient(app: TestApp, name = `Client ${unique()}`) {
  const { client, owner } = await provisionClient(app.database.db, {
    name,
    owner: { email: `owner-${unique()}@example.test`, name: "Owner", password: TEST_PASSWORD },
  });
  return { client, owner };
}

/** A user in the given client, or in a new client of its own when none is given. */
export async function buildUser(app: TestApp, options: { clientId?: string; role?: UserRole } = {}) {
  const clientId = options.clientId ?? (await buildClient(app)).client.id;
  return addUser(app.database.db, clientId, {
    email: `${options.role ?? "recruiter"}-${unique()}@example.test`,
    name: `User ${unique()}`,
    password: TEST_PASSWORD,
    role: options.role ?? "recruiter",
  });
}

/** An HTTP caller: a logged-in session (cookie + CSRF header) or an API key. */
export interface Caller {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** A caller with these headers on every request (a bearer credential, a cookie). */
export function caller(app: TestApp, headers: Record<string, string>): Caller {
  const request = (options: InjectOptions) =>
    app.inject({ ...options, headers: { ...headers, ...(options.headers as Record<string, string>) } });
  return {
    request,
    get: (url) => request({ method: "GET", url }),
    post: (url, body) =>
      request({ method: "POST", url, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => request({ method: "PATCH", url, payload: body as object }),
    delete: (url) => request({ method: "DELETE", url }),
  };
}

export async function loginAs(app: TestApp, user: { email: string }, password = TEST_PASSWORD) {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: user.email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "lj_session");
  const { csrfToken } = response.json<SessionResponse>();
  return caller(app, { cookie: `lj_session=${cookie!.value}`, [CSRF_HEADER]: csrfToken });
}

/** An API key created through the API by the given owner/admin session. */
export async function apiKeyCaller(app: TestApp, owner: { email: string }, scopes: ApiKeyScope[]) {
  const session = await loginAs(app, owner);
  const response = await session.post("/api/api-keys", { name: `key ${unique()}`, scopes });
  if (response.statusCode !== 201) throw new Error(`api key failed: ${response.statusCode} ${response.body}`);
  const { secret, apiKey } = response.json<CreatedApiKeyResponse>();
  return { caller: caller(app, { authorization: `Bearer ${secret}` }), secret, id: apiKey.id };
}
