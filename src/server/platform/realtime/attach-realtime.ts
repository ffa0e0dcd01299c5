import type { FastifyInstance } from "fastify";
import { Gauge } from "prom-client";
import { Server } from "socket.io";
import type { ServerDeps } from "../../deps";
import { listenForDomainEvents } from "./domain-events-listener";
import { createFanOut } from "./fan-out";
import {
  type Credential,
  isCredentialValid,
  type RealtimeServer,
  type RealtimeSocket,
  socketAuthMiddleware,
} from "./socket-auth";
import { handleConnection } from "./socket-handlers";
import { coalesceSocketWrites } from "./write-coalescing";

/**
 * How often live sockets re-check their session or key. Logout, revocation, a disabled user or a
 * role change disconnect them at once (`LiveSockets`); this catches expiry, and what another
 * instance without Redis could not broadcast.
 */
const REVALIDATE_EVERY_MS = 5 * 60_000;

export interface Realtime {
  io: RealtimeServer;
  /** Disconnects the sockets whose session or API key no longer holds; runs on a timer too. */
  revalidate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Socket.io gateway on Fastify's HTTP server (`/socket.io`, same origin as the dashboard):
 * authenticates each socket before it joins a room, and pushes domain events after commit.
 */
export async function attachRealtime(app: FastifyInstance, deps: ServerDeps): Promise<Realtime> {
  const log = deps.log.child({ component: "realtime" });
  const io: RealtimeServer = new Server(app.server, { path: "/socket.io", serveClient: false });
  coalesceSocketWrites(io);
  // Loaded only with Redis: an instance without it starts without the library.
  const redis = deps.config.redisUrl
    ? await (await import("./redis-adapter")).attachRedisAdapter(io, deps.config.redisUrl, log)
    : null;

  const credentials = new WeakMap<RealtimeSocket, Credential>();
  io.use(socketAuthMiddleware(deps, credentials));
  io.on("connection", (socket) =>
    handleConnection(deps, socket, () => isCredentialValid(deps, credentials.get(socket)!)),
  );
  deps.sockets.attach(io);
  new Gauge({
    name: "realtime_connected_sockets",
    help: "Authenticated Socket.io connections on this instance",
    registers: [deps.metrics],
    collect() {
      this.set(io.of("/").sockets.size);
    },
  });

  const fanOut = await createFanOut(io, deps.database.db, log, deps.metrics, deps.committedEvents.origin);
  const listener = await listenForDomainEvents(
    deps.database,
    deps.config.db.kind === "postgres" ? deps.config.db.url : undefined,
    log,
    { onIds: (ids, origin) => fanOut.push(ids, origin), onGap: () => fanOut.replayGap() },
  );
  const unsubscribe = deps.committedEvents.subscribe((events) => fanOut.emitCommitted(events));

  const revalidate = async () => {
    const sockets = [...io.of("/").sockets.values()];
    // One lookup per credential, however many tabs share it.
    const verdicts = new Map<string, Promise<boolean>>();
    await Promise.all(
      sockets.map(async (socket) => {
        const credential = credentials.get(socket);
        if (!credential) return;
        const key = credential.kind === "session" ? `s:${credential.token}` : `k:${credential.key}`;
        if (!verdicts.has(key))
          verdicts.set(
            key,
            isCredentialValid(deps, credential).catch(() => true),
          );
        if (!(await verdicts.get(key))) socket.disconnect(true);
      }),
    );
  };
  const timer = setInterval(() => void revalidate(), REVALIDATE_EVERY_MS);
  timer.unref();

  return {
    io,
    revalidate,
    async close() {
      clearInterval(timer);
      deps.sockets.detach();
      unsubscribe();
      await listener.close();
      await fanOut.drain();
      fanOut.close();
      // Not io.close(): it would close the HTTP server, which Fastify closes itself.
      io.local.disconnectSockets(true);
      await io.of("/").adapter.close();
      io.engine.close();
      await redis?.close();
    },
  };
}
