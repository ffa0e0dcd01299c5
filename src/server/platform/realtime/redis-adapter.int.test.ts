import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildClient, buildUser } from "../../../../test/support/factories";
import { freePort, type TestApp } from "../../../../test/support/test-app";
import type { BuiltApp } from "../../app";
import {
  type ClientSocket,
  collect,
  commitEvents,
  connectSocket,
  createRealtimeTestApp,
  insertConversation,
  login,
  startSecondInstance,
  WAIT_MS,
} from "./realtime.test-kit";

/** Two web instances share Socket.io rooms through Redis; domain events still come from PostgreSQL once. */

const REDIS_SERVER = "/usr/bin/redis-server";

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const probe = createConnection({ host: "127.0.0.1", port });
      probe.once("connect", () => {
        probe.destroy();
        resolve(true);
      });
      probe.once("error", () => resolve(false));
    });
    if (isOpen) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not open port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Why these tests cannot run on this machine, or null when they can. */
const redisSkipReason = existsSync(REDIS_SERVER)
  ? null
  : `no ${REDIS_SERVER} on this machine (CI installs it)`;

describe("two instances sharing Socket.io rooms through the Redis adapter", () => {
  let redis: ChildProcess;
  let first: TestApp;
  let second: BuiltApp;
  const open: ClientSocket[] = [];

  beforeAll(async () => {
    // Without Redis nothing is started, and each test is skipped with the reason (beforeEach).
    if (redisSkipReason) return;
    const port = await freePort();
    redis = spawn(
      REDIS_SERVER,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    );
    await waitForPort(port);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
    first = await createRealtimeTestApp({ listen: true, env });
    second = await startSecondInstance(first, env);
  });
  beforeEach((context) => {
    // The reason goes with the skip, so the report says why beside each test.
    if (redisSkipReason) context.skip(redisSkipReason);
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await second?.close();
    await first?.close();
    redis?.kill();
  });

  async function tab(on: BuiltApp, clientId: string) {
    const user = await buildUser(first, { clientId });
    const { cookie } = await login(first, user);
    const socket = await connectSocket(on, { cookie });
    open.push(socket);
    return { socket, user, events: collect(socket) };
  }

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
