import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiKeyCaller,
  buildClient,
  buildUser,
  loginAs,
  TEST_PASSWORD,
} from "../../../../test/support/factories";
import type { TestApp } from "../../../../test/support/test-app";
import { sessions, users } from "../db/schema/index";
import {
  type ClientSocket,
  connectSocket,
  createRealtimeTestApp,
  disconnection,
  insertConversation,
  login,
  WAIT_MS,
} from "./realtime.test-kit";

/**
 * A socket lives no longer than the credential that opened it: logout, key revocation, a disabled,
 * removed or re-roled user and a password change cut it at once, and every room join re-checks.
 */

let app: TestApp;
const open: ClientSocket[] = [];

beforeAll(async () => {
  app = await createRealtimeTestApp({ listen: true });
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await app.close();
});

async function tab(user: { email: string }) {
  const session = await login(app, user);
  const socket = await connectSocket(app, { cookie: session.cookie });
  open.push(socket);
  return { socket, ...session };
}

/** A client with its owner's session, a recruiter with an open tab, and a bystander tab of another client. */
async function scene() {
  const { client, owner } = await buildClient(app);
  const recruiter = await buildUser(app, { clientId: client.id });
  const other = await buildUser(app);
  return {
    clientId: client.id,
    owner,
    ownerSession: await loginAs(app, owner),
    recruiter,
    recruiterTab: await tab(recruiter),
    colleagueTab: await tab(await buildUser(app, { clientId: client.id })),
    otherClientTab: await tab(other),
  };
}

const stillConnected = async (...sockets: ClientSocket[]) => {
  // Give a wrong broadcast time to arrive before asserting it did not.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const socket of sockets) expect(socket.connected).toBe(true);
};

describe("sockets end with their credentials, at once", () => {
  it("on logout: that session's tabs only", async () => {
    const s = await scene();
    const otherTabOfSameUser = await tab(s.recruiter);
    const cut = disconnection(s.recruiterTab.socket);
    await app.inject({ method: "POST", url: "/api/auth/logout", headers: s.recruiterTab.writeHeaders });
    expect(await cut.within()).toBe("io server disconnect");
    await stillConnected(otherTabOfSameUser.socket, s.colleagueTab.socket, s.otherClientTab.socket);
  });

  it("on an API key's revocation", async () => {
    const s = await scene();
    const key = await apiKeyCaller(app, s.owner, ["conversations:read"]);
    const keySocket = await connectSocket(app, { token: key.secret });
    open.push(keySocket);
    const cut = disconnection(keySocket);
    expect((await s.ownerSession.delete(`/api/api-keys/${key.id}`)).statusCode).toBe(204);
    expect(await cut.within()).toBe("io server disconnect");
    await stillConnected(s.recruiterTab.socket, s.otherClientTab.socket);
  });

  it("when the user is disabled, removed, or given another role", async () => {
    for (const change of [{ isDisabled: true }, { role: "admin" }, null]) {
      const s = await scene();
      const cut = disconnection(s.recruiterTab.socket);
      const response = change
        ? await s.ownerSession.patch(`/api/users/${s.recruiter.id}`, change)
        : await s.ownerSession.delete(`/api/users/${s.recruiter.id}`);
      expect(response.statusCode).toBeLessThan(300);
      expect(await cut.within()).toBe("io server disconnect");
      await stillConnected(s.colleagueTab.socket, s.otherClientTab.socket);
    }
  });

  it("when the password changes: every other session's tabs, not the one that changed it", async () => {
    const s = await scene();
    const here = await tab(s.recruiter);
    const cut = disconnection(s.recruiterTab.socket);
    const changed = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: here.writeHeaders,
      payload: { currentPassword: TEST_PASSWORD, newPassword: "another-long-passphrase" },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect(await cut.within()).toBe("io server disconnect");
    await stillConnected(here.socket, s.colleagueTab.socket, s.otherClientTab.socket);
  });

  it("when an owner resets a user's password, on all that user's tabs", async () => {
    const s = await scene();
    const cut = disconnection(s.recruiterTab.socket);
    await s.ownerSession.patch(`/api/users/${s.recruiter.id}`, { password: "another-long-passphrase" });
    expect(await cut.within()).toBe("io server disconnect");
    await stillConnected(s.colleagueTab.socket, s.otherClientTab.socket);
  });
});

describe("another client", () => {
  it("cannot end this client's tabs or key sockets: its owner gets 404 and they stay connected", async () => {
    const s = await scene();
    const key = await apiKeyCaller(app, s.owner, ["conversations:read"]);
    const keySocket = await connectSocket(app, { token: key.secret });
    open.push(keySocket);
    const intruder = await loginAs(app, (await buildClient(app)).owner);
    expect((await intruder.delete(`/api/api-keys/${key.id}`)).statusCode).toBe(404);
    expect((await intruder.patch(`/api/users/${s.recruiter.id}`, { isDisabled: true })).statusCode).toBe(404);
    expect((await intruder.patch(`/api/users/${s.recruiter.id}`, { role: "admin" })).statusCode).toBe(404);
    expect((await intruder.delete(`/api/users/${s.recruiter.id}`)).statusCode).toBe(404);
    await stillConnected(keySocket, s.recruiterTab.socket);
  });
});

describe("room joins re-check the credential", () => {
  const watch = (socket: ClientSocket, conversationId: string) =>
    socket.timeout(WAIT_MS).emitWithAck("conversation:watch", { conversationId });

  it("refuses a watch once the session is gone, even when no disconnect reached this instance", async () => {
    const s = await scene();
    const conversationId = await insertConversation(app, s.clientId);
    expect(await watch(s.recruiterTab.socket, conversationId)).toEqual({ ok: true });
    // As another instance without Redis would leave it: the row gone, no broadcast here.
    await app.database.db.delete(sessions).where(eq(sessions.userId, s.recruiter.id));
    const cut = disconnection(s.recruiterTab.socket);
    expect(await watch(s.recruiterTab.socket, conversationId).catch(() => ({ ok: false }))).toEqual({
      ok: false,
    });
    expect(await cut.within()).toBe("io server disconnect");
  });

  it("refuses a watch once the user is disabled", async () => {
    const s = await scene();
    const conversationId = await insertConversation(app, s.clientId);
    await app.database.db.update(users).set({ isDisabled: true }).where(eq(users.id, s.recruiter.id));
    expect(await watch(s.recruiterTab.socket, conversationId).catch(() => ({ ok: false }))).toEqual({
      ok: false,
    });
    expect(await watch(s.colleagueTab.socket, conversationId)).toEqual({ ok: true });
  });

  it("still lets the periodic re-check disconnect what no broadcast reached", async () => {
    const s = await scene();
    await app.database.db.delete(sessions).where(eq(sessions.userId, s.recruiter.id));
    const cut = disconnection(s.recruiterTab.socket);
    await app.realtime!.revalidate();
    expect(await cut.within()).toBe("io server disconnect");
    await stillConnected(s.colleagueTab.socket, s.otherClientTab.socket);
  });
});
