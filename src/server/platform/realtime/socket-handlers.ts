import { z } from "zod";
import type { CatchUpPage, RealtimeEvent } from "../../../contracts/realtime";
import type { ServerDeps } from "../../deps";
import { realtimeRepository } from "./realtime.repository";
import { apiKeyRoom, clientRoom, conversationRoom, sessionRoom, userRoom } from "./rooms";
import type { RealtimeSocket } from "./socket-auth";

/** At most this many events per catch-up; `isComplete: false` asks the tab to call again (or reload). */
export const CATCH_UP_LIMIT = 2_000;

/** A tab shows a few conversations at once; past this the oldest watched room is left. */
export const MAX_WATCHED_CONVERSATIONS = 20;
/** A repeated typing state within this delay is dropped (the dashboard re-sends every few seconds). */
const TYPING_REPEAT_MS = 1_000;

const CatchUpRequest = z.object({ afterEventId: z.number().int().min(0) });
const WatchRequest = z.object({ conversationId: z.uuid() });
const TypingRequest = z.object({ conversationId: z.uuid(), isTyping: z.boolean() });

/** Acks are optional for a client that does not want an answer; never call a missing one. */
function replyWith<T>(reply: unknown): (result: T) => void {
  return (result) => {
    if (typeof reply === "function") reply(result);
  };
}

/** The rooms a socket joins: its client's events, and the rooms its credential's end disconnects. */
function roomsOf({ clientId, actor }: RealtimeSocket["data"]): string[] {
  return actor.type === "user"
    ? [clientRoom(clientId), userRoom(actor.userId), sessionRoom(actor.sessionId)]
    : [clientRoom(clientId), apiKeyRoom(actor.keyId)];
}

/**
 * Joins the socket's rooms and serves its requests. Every read is scoped to the socket's client
 * through the repository, whatever ids the socket sends, and first re-checks the socket's
 * credential (`isStillAllowed`): a socket whose access ended is disconnected rather than served.
 */
export function handleConnection(
  deps: ServerDeps,
  socket: RealtimeSocket,
  isStillAllowed: () => Promise<boolean>,
): void {
  const { clientId, actor } = socket.data;
  const repo = realtimeRepository(deps.database.db, clientId);
  const log = deps.log.child({ component: "realtime", clientId, socketId: socket.id });
  void socket.join(roomsOf(socket.data));
  // The refusal is answered first, so the tab gets its ack before the disconnect.
  const refuseAndDisconnect = (answer: () => void) => {
    answer();
    socket.disconnect(true);
  };

  // One catch-up at a time per socket: a tab pages sequentially, and a loop of big reads is refused.
  let isCatchingUp = false;
  socket.on("catch-up", async (request, ack) => {
    const reply = replyWith<CatchUpPage>(ack);
    const parsed = CatchUpRequest.safeParse(request);
    if (!parsed.success || isCatchingUp) return reply({ events: [], isComplete: false });
    isCatchingUp = true;
    try {
      if (!(await isStillAllowed()))
        return refuseAndDisconnect(() => reply({ events: [], isComplete: false }));
      const rows = await repo.eventsAfter(parsed.data.afterEventId, CATCH_UP_LIMIT + 1);
      const page = rows.slice(0, CATCH_UP_LIMIT);
      reply({
        // The same shape as a live event, so a tab feeds both through one handler. The row's type
        // and payload were written through recordEvents, typed by the same contract.
        events: page.map(
          (row) => ({ name: row.type, payload: { ...row.payload, eventId: row.id } }) as RealtimeEvent,
        ),
        isComplete: rows.length <= CATCH_UP_LIMIT,
      });
    } catch (error) {
      log.error({ err: error }, "catch-up failed");
      reply({ events: [], isComplete: false });
    } finally {
      isCatchingUp = false;
    }
  });

  socket.on("conversation:watch", async (request, ack) => {
    const reply = replyWith<{ ok: boolean }>(ack);
    const parsed = WatchRequest.safeParse(request);
    if (!parsed.success) return reply({ ok: false });
    try {
      if (!(await isStillAllowed())) return refuseAndDisconnect(() => reply({ ok: false }));
      if (!(await repo.hasConversation(parsed.data.conversationId))) return reply({ ok: false });
      const watched = [...socket.rooms].filter((room) => room.startsWith(conversationRoom("")));
      const room = conversationRoom(parsed.data.conversationId);
      if (!watched.includes(room) && watched.length >= MAX_WATCHED_CONVERSATIONS)
        await socket.leave(watched[0]!);
      await socket.join(room);
      reply({ ok: true });
    } catch (error) {
      log.error({ err: error }, "conversation watch failed");
      reply({ ok: false });
    }
  });

  let lastTyping = { key: "", at: 0 };
  socket.on("conversation:typing", (request) => {
    const parsed = TypingRequest.safeParse(request);
    if (!parsed.success || actor.type !== "user") return;
    const room = conversationRoom(parsed.data.conversationId);
    // Only from a room the tenant check let this socket into: no query per keystroke.
    if (!socket.rooms.has(room)) return;
    const key = `${room}:${parsed.data.isTyping}`;
    if (key === lastTyping.key && Date.now() - lastTyping.at < TYPING_REPEAT_MS) return;
    lastTyping = { key, at: Date.now() };
    // Through the adapter (Redis when configured): typing is not stored, so no other path exists.
    socket.to(room).emit("conversation:typing", { ...parsed.data, userId: actor.userId });
  });
}
