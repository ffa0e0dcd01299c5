import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCaller, buildClient, buildUser } from "../../../../test/support/factories";
import type { TestApp } from "../../../../test/support/test-app";
import {
  type ClientSocket,
  collect,
  commitEvents,
  connectSocket,
  createRealtimeTestApp,
  login,
  refusal,
} from "./realtime.test-kit";

/** A socket is authenticated before it joins any room; every refusal says why. */

let app: TestApp;
let clientId: string;
let owner: { email: string };
const open: ClientSocket[] = [];

beforeAll(async () => {
  app = await createRealtimeTestApp({ listen: true });
  const built = await buildClient(app);
  clientId = built.client.id;
  owner = built.owner;
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await app.close();
});

async function connected(credentials: Parameters<typeof connectSocket>[1]) {
  const socket = await connectSocket(app, credentials);
  open.push(socket);
  return socket;
}

async function revokeKey(keyId: string) {
  const { writeHeaders } = await login(app, owner);
  const response = await app.inject({
    method: "DELETE",
    url: `/api/api-keys/${keyId}`,
    headers: writeHeaders,
  });
  expect(response.statusCode).toBeLessThan(300);
}

describe("socket authentication", () => {
  it("refuses a socket with neither a session cookie nor an API key", async () => {
    expect(await refusal(app, {})).toMatch(/Authentication required/);
    expect(await refusal(app, { cookie: "other=1" })).toMatch(/Authentication required/);
  });

  it("refuses an unknown session, and a session after logout", async () => {
    expect(await refusal(app, { cookie: "lj_session=not-a-session" })).toMatch(
      /Session expired or logged out/,
    );

    const { cookie, writeHeaders } = await login(app, await buildUser(app, { clientId }));
    (await connected({ cookie })).close();
    const logout = await app.inject({ method: "POST", url: "/api/auth/logout", headers: writeHeaders });
    expect(logout.statusCode).toBeLessThan(300);
    expect(await refusal(app, { cookie })).toMatch(/Session expired or logged out/);
  });

  it("refuses the session cookie when the page opening the socket is another origin", async () => {
    const { cookie } = await login(app, await buildUser(app, { clientId }));
    expect(await refusal(app, { cookie, origin: "https://evil.example" })).toMatch(/own origin/);
    (await connected({ cookie, origin: app.deps.config.http.publicUrl })).close();
  });

  it("refuses a malformed, an unscoped and a revoked API key", async () => {
    expect(await refusal(app, { token: "lj_nope" })).toMatch(/Invalid or revoked API key/);
    const unscoped = await apiKeyCaller(app, owner, ["messages:send"]);
    expect(await refusal(app, { token: unscoped.secret })).toMatch(/lacks the scope conversations:read/);

    const key = await apiKeyCaller(app, owner, ["conversations:read"]);
    (await connected({ token: key.secret })).close();
    await revokeKey(key.id);
    expect(await refusal(app, { token: key.secret })).toMatch(/Invalid or revoked API key/);
  });

  it("accepts a session over HTTP long-polling too (a browser's first transport)", async () => {
    const { cookie } = await login(app, await buildUser(app, { clientId }));
    const socket = await connected({ cookie, transports: ["polling"] });
    const events = collect(socket);
    const [id] = await commitEvents(app, clientId);
    await events.waitForEvent(id!);
  });
});
