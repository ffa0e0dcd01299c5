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
