import type { Socket as NetSocket } from "node:net";
import type { RealtimeServer } from "./socket-auth";

/**
 * The engine.io internals both helpers touch (untyped in its API, stable in engine.io 6 and ws 8):
 * the connection's transport, its `writable` flag and, for WebSocket, the `ws` socket's TCP socket.
 */
interface EngineSocket {
  transport?: { name?: string; writable?: boolean; socket?: { _socket?: NetSocket } };
  flush(): void;
}

/** The WebSocket transport of an engine.io connection, when that is what it runs on. */
function websocketOf(engineSocket: unknown) {
  const transport = (engineSocket as EngineSocket | undefined)?.transport;
  return transport?.name === "websocket" ? transport : undefined;
}

/**
 * Sends the packets engine.io flushes together in one write. A burst of events for a client
 * (one processing batch can carry hundreds) queues up behind the first packet on each socket;
 * engine.io then flushes the queue, and `ws` writes every frame separately: one system call per
 * event per tab. Corking the TCP socket for the length of a flush (engine.io emits `flush` just
 * before and `drain` just after, synchronously) makes it one call per flush. Nothing else
 * changes: same frames, same order.
 */
export function coalesceSocketWrites(io: RealtimeServer): void {
  io.engine.on("flush", (engineSocket: unknown) => websocketOf(engineSocket)?.socket?._socket?.cork());
  io.engine.on("drain", (engineSocket: unknown) => {
    const tcp = websocketOf(engineSocket)?.socket?._socket;
    if (tcp?.writableCorked) tcp.uncork();
  });
}

/**
 * Runs `emitAll` (synchronous emits to the given rooms) so that each socket of those rooms gets
 * the whole burst in one write. Left alone, engine.io sends the first packet at once and queues
 * the rest behind it, so a batch costs every socket two writes; holding the transport for the
 * length of the loop and flushing once after it makes it one. Sockets already mid-write are left
 * as they are: their packets queue and go when that write ends, as usual.
 */
export function emitInOneWrite(io: RealtimeServer, rooms: Iterable<string>, emitAll: () => void): void {
  const held: EngineSocket[] = [];
  const namespace = io.of("/");
  for (const room of rooms) {
    for (const id of namespace.adapter.rooms.get(room) ?? []) {
      const conn = namespace.sockets.get(id)?.conn as unknown as EngineSocket | undefined;
      const transport = websocketOf(conn);
      if (transport?.writable !== true) continue;
      transport.writable = false;
      held.push(conn!);
    }
  }
  try {
    emitAll();
  } finally {
    for (const conn of held) {
      if (conn.transport) conn.transport.writable = true;
      conn.flush();
    }
  }
}
