import { afterAll, beforeAll, expect, it } from "vitest";
import { buildClient, buildUser } from "../../../../test/support/factories";
import { describeWithRedis, startRedis } from "../../../../test/support/redis-server";
import type { TestApp } from "../../../../test/support/test-app";
import type { BuiltApp } from "../../app";
import {
  type ClientSocket,
  collect,
  commitEvents,
  connectSocket,
  createRealtimeTestApp,
  disconnection,
  insertConversation,
  login,
  startSecondInstance,
  WAIT_MS,
} from "./realtime.test-kit";

/** Two web instances share Socket.io rooms through Redis; domain events still come from PostgreSQL once. */

describeWithRedis("with the Redis adapter", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let first: TestApp;
  let second: BuiltApp;
  const open: ClientSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis(WAIT_MS);
    const env = { REDIS_URL: redis.url };
    first = await createRealtimeTestApp({ listen: true, env });
    second = await startSecondInstance(first, env);
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await second?.close();
    await first?.close();
    redis?.stop();
  });

  async function tab(on: BuiltApp, clientId: string) {
    const user = await buildUser(first, { clientId });
    const { cookie, writeHeaders } = await login(first, user);
    const socket = await connectSocket(on, { cookie });
    open.push(socket);
    return { socket, user, writeHeaders, events: collect(socket) };
  }

  it("disconnects a tab on the other instance the moment its session logs out", async () => {
    const { client } = await buildClient(first);
    const loggingOut = await tab(second, client.id);
    const colleague = await tab(second, client.id);
    const cut = disconnection(loggingOut.socket);
    await first.inject({ method: "POST", url: "/api/auth/logout", headers: loggingOut.writeHeaders });
    expect(await cut.within()).toBe("io server disconnect");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(colleague.socket.connected).toBe(true);
  });

  it("relays typing from a socket on one instance to a watcher on the other", async () => {
    const { client } = await buildClient(first);
    const conversationId = await insertConversation(first, client.id);
    const typist = await tab(first, client.id);
    const watcher = await tab(second, client.id);
    for (const t of [typist, watcher]) {
      expect(await t.socket.timeout(WAIT_MS).emitWithAck("conversation:watch", { conversationId })).toEqual({
        ok: true,
      });
    }
    typist.socket.emit("conversation:typing", { conversationId, isTyping: true });
    await watcher.events.waitFor((events) => events.length > 0, "typing across instances");
    expect(watcher.events.received).toEqual([
      { name: "conversation:typing", payload: { conversationId, isTyping: true, userId: typist.user.id } },
    ]);
  });

  it("still delivers each domain event once per socket, not once per instance", async () => {
    const { client } = await buildClient(first);
    const [on1, on2] = [await tab(first, client.id), await tab(second, client.id)];
    const ids = await commitEvents(first, client.id, 2);
    const [marker] = await commitEvents(first, client.id);
    for (const t of [on1, on2]) {
      await t.events.waitForEvent(marker!);
      expect(t.events.eventIds()).toEqual([...ids, marker]);
    }
  });
});
