import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Logger } from "../logger";
import type { RealtimeServer } from "./socket-auth";

const CONNECT_TIMEOUT_MS = 10_000;

async function connectWithin<T>(connecting: Promise<T>, url: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis at ${new URL(url).host} unreachable for the Socket.io adapter`)),
      CONNECT_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([connecting, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Shares rooms between web instances through Redis pub/sub, for socket-to-socket broadcasts such
 * as typing. Domain events do not use it: each instance reads them from PostgreSQL. A Redis outage
 * after boot only pauses cross-instance typing; the clients reconnect on their own.
 */
export async function attachRedisAdapter(
  io: RealtimeServer,
  url: string,
  log: Logger,
): Promise<{ close(): Promise<void> }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  let lastWarnAt = 0;
  const warn = (error: unknown) => {
    // A down Redis errors on every reconnect attempt; one line a minute is enough.
    if (Date.now() - lastWarnAt < 60_000) return;
    lastWarnAt = Date.now();
    log.warn({ err: error }, "Socket.io Redis adapter connection error");
  };
  pub.on("error", warn);
  sub.on("error", warn);
  try {
    await connectWithin(Promise.all([pub.connect(), sub.connect()]), url);
  } catch (error) {
    await Promise.allSettled([pub.disconnect(), sub.disconnect()]);
    throw error;
  }
  io.adapter(createAdapter(pub, sub));
  return {
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
