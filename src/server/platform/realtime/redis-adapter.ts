import { createAdapter } from "@socket.io/redis-adapter";
import type { Logger } from "../logger";
import { closeRedis, connectRedis, createRedisClient } from "../redis";
import type { RealtimeServer } from "./socket-auth";

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
  const purpose = "Socket.io adapter";
  const [pub, sub] = await Promise.all([
    createRedisClient(url, log, purpose),
    createRedisClient(url, log, purpose),
  ]);
  await connectRedis([pub, sub], url, purpose);
  io.adapter(createAdapter(pub, sub));
  return {
    async close() {
      await Promise.allSettled([closeRedis(pub), closeRedis(sub)]);
    },
  };
}
