import type { Socket as NetSocket } from "node:net";
import type { RealtimeServer } from "./socket-auth";

/** The TCP socket under an engine.io connection's WebSocket transport, when it has one. */
function tcpSocketOf(engineSocket: unknown): NetSocket | undefined {
  // engine.io → its transport → the `ws` WebSocket → its net.Socket (`_socket`, untyped but stable in ws 8).
  const transport = (engineSocket as { transport?: { name?: string; socket?: { _socket?: NetSocket } } })
    .transport;
  return transport?.name === "websocket" ? transport.socket?._socket : undefined;
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
  io.engine.on("flush", (engineSocket: unknown) => tcpSocketOf(engineSocket)?.cork());
  io.engine.on("drain", (engineSocket: unknown) => {
    const tcp = tcpSocketOf(engineSocket);
    if (tcp?.writableCorked) tcp.uncork();
  });
}

interface EngineSocket {
  transport?: { name?: string; writable?: boolean };
  flush(): void;
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
      const transport = conn?.transport;
      if (transport?.name !== "websocket" || transport.writable !== true) continue;
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
