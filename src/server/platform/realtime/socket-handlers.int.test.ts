import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCaller, buildClient, buildUser } from "../../../../test/support/factories";
import type { TestApp } from "../../../../test/support/test-app";
import type { ClientToServerEvents } from "../../../contracts/realtime";
import {
  type ClientSocket,
  collect,
  commitEvents,
  connectSocket,
  createRealtimeTestApp,
  insertConversation,
  login,
  WAIT_MS,
} from "./realtime.test-kit";
import { CATCH_UP_LIMIT, MAX_WATCHED_CONVERSATIONS } from "./socket-handlers";

/** What a socket may ask: a catch-up of its own client's events, and to watch its own conversations. */

let app: TestApp;
const open: ClientSocket[] = [];

beforeAll(async () => {
  app = await createRealtimeTestApp({ listen: true });
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await app.close();
});

async function tabOf(clientId: string) {
  const user = await buildUser(app, { clientId });
  const { cookie } = await login(app, user);
  const socket = await connectSocket(app, { cookie });
  open.push(socket);
  return { socket, user };
}

type CatchUpResult = Parameters<Parameters<ClientToServerEvents["catch-up"]>[1]>[0];
const catchUp = (socket: ClientSocket, afterEventId: number) =>
  socket.timeout(WAIT_MS).emitWithAck("catch-up", { afterEventId }) as Promise<CatchUpResult>;
const watch = (socket: ClientSocket, conversationId: string) =>
  socket.timeout(WAIT_MS).emitWithAck("conversation:watch", { conversationId });
const idsOf = (result: CatchUpResult) => result.events.map((e) => (e.payload as { eventId: number }).eventId);

describe("catch-up", () => {
  it("returns exactly the events this client missed while disconnected, and none of another client's", async () => {
    const a = await buildClient(app);
    const b = await buildClient(app);
    const first = await tabOf(a.client.id);
    const live = collect(first.socket);
    const [seen] = await commitEvents(app, a.client.id);
    await live.waitForEvent(seen!);
    first.socket.close();

    const missed = await commitEvents(app, a.client.id, 3, "Pendant la coupure");
    await commitEvents(app, b.client.id, 2);

    const again = await tabOf(a.client.id);
    const result = await catchUp(again.socket, seen!);
    expect(result.isComplete).toBe(true);
    expect(idsOf(result)).toEqual(missed);
    expect(result.events.map((e) => e.name)).toEqual([
      "message:received",
      "message:received",
      "message:received",
    ]);
    const payload = result.events[0]!.payload as { message: { content: { body: string } } };
    expect(payload.message.content.body).toBe("Pendant la coupure 0");
  });

  it(`pages at ${CATCH_UP_LIMIT} events and says so with isComplete`, async () => {
    const { client } = await buildClient(app);
    const { socket } = await tabOf(client.id);
    const ids = await commitEvents(app, client.id, CATCH_UP_LIMIT + 1);

    const page = await catchUp(socket, ids[0]! - 1);
    expect(page.isComplete).toBe(false);
    expect(idsOf(page)).toEqual(ids.slice(0, CATCH_UP_LIMIT));
    const rest = await catchUp(socket, idsOf(page).at(-1)!);
    expect(rest.isComplete).toBe(true);
    expect(idsOf(rest)).toEqual(ids.slice(CATCH_UP_LIMIT));
  });

  it("answers an invalid request with nothing rather than failing", async () => {
    const { client } = await buildClient(app);
    const { socket } = await tabOf(client.id);
    const result = (await socket
      .timeout(WAIT_MS)
      .emitWithAck("catch-up", { afterEventId: -5 })) as CatchUpResult;
    expect(result).toEqual({ events: [], isComplete: false });
  });
});

describe("conversation rooms and typing", () => {
  it("lets a socket watch its own client's conversation and refuses another client's", async () => {
    const a = await buildClient(app);
    const b = await buildClient(app);
    const own = await insertConversation(app, a.client.id);
    const foreign = await insertConversation(app, b.client.id);
    const { socket } = await tabOf(a.client.id);
    expect(await watch(socket, own)).toEqual({ ok: true });
    expect(await watch(socket, foreign)).toEqual({ ok: false });
    expect(await watch(socket, "not-a-uuid")).toEqual({ ok: false });

    const key = await apiKeyCaller(app, a.owner, ["conversations:read"]);
    const integration = await connectSocket(app, { token: key.secret });
    open.push(integration);
    expect(await watch(integration, foreign)).toEqual({ ok: false });
  });

  it("relays typing to the other watchers of the conversation only, never from an unwatched socket", async () => {
    const a = await buildClient(app);
    const b = await buildClient(app);
    const conversationId = await insertConversation(app, a.client.id);
    const typist = await tabOf(a.client.id);
    const colleague = await tabOf(a.client.id);
    const notWatching = await tabOf(a.client.id);
    const intruder = await tabOf(b.client.id);
    expect(await watch(typist.socket, conversationId)).toEqual({ ok: true });
    expect(await watch(colleague.socket, conversationId)).toEqual({ ok: true });
    expect(await watch(intruder.socket, conversationId)).toEqual({ ok: false });
    const [toColleague, toTypist, toOther, toIntruder] = [colleague, typist, notWatching, intruder].map((t) =>
      collect(t.socket),
    );

    // Refused in silence: the intruder was never let into the room.
    intruder.socket.emit("conversation:typing", { conversationId, isTyping: true });
    typist.socket.emit("conversation:typing", { conversationId, isTyping: true });
    await toColleague!.waitFor((events) => events.length > 0, "typing");
    // Round trips after the typing events: anything they caused has been delivered by now.
    await watch(typist.socket, conversationId);
    await watch(intruder.socket, conversationId);

    expect(toColleague!.received).toEqual([
      { name: "conversation:typing", payload: { conversationId, isTyping: true, userId: typist.user.id } },
    ]);
    for (const silent of [toTypist!, toOther!, toIntruder!]) expect(silent.received).toEqual([]);
  });

  it("drops repeats of the same typing state, and leaves the oldest room past the watch limit", async () => {
    const { client } = await buildClient(app);
    const conversations = await Promise.all(
      Array.from({ length: MAX_WATCHED_CONVERSATIONS + 1 }, () => insertConversation(app, client.id)),
    );
    const [first, last] = [conversations[0]!, conversations.at(-1)!];
    const typist = await tabOf(client.id);
    const reader = await tabOf(client.id);
    for (const id of [first, last]) expect(await watch(typist.socket, id)).toEqual({ ok: true });
    for (const id of conversations) expect(await watch(reader.socket, id)).toEqual({ ok: true });
    const received = collect(reader.socket);

    for (const isTyping of [true, true, true, false]) {
      typist.socket.emit("conversation:typing", { conversationId: last, isTyping });
    }
    // The reader has left the first conversation's room: this one never reaches it.
    typist.socket.emit("conversation:typing", { conversationId: first, isTyping: true });
    await received.waitFor((events) => events.length >= 2, "typing started and stopped");
    await watch(typist.socket, first);
    expect(received.received.map((e) => e.payload)).toEqual([
      { conversationId: last, isTyping: true, userId: typist.user.id },
      { conversationId: last, isTyping: false, userId: typist.user.id },
    ]);
  });
});
