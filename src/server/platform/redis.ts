import type { createClient, RedisClientOptions } from "redis";
import { type Logger, occasionalWarning } from "./logger";

const CONNECT_TIMEOUT_MS = 10_000;

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A Redis client that logs its connection errors at most once a minute: a down Redis errors on
 * every reconnect attempt, and the client keeps reconnecting on its own. The Redis library is
 * loaded on the first client, so an instance without Redis starts without it.
 */
export async function createRedisClient(
  url: string,
  log: Logger,
  purpose: string,
  options: RedisClientOptions = {},
): Promise<RedisClient> {
  const { createClient } = await import("redis");
  const client: RedisClient = createClient({ ...options, url });
  client.on("error", occasionalWarning(log, `Redis connection error (${purpose})`));
  return client;
}

/** Connects the clients, or disconnects them all and throws when Redis does not answer in time. */
export async function connectRedis(clients: RedisClient[], url: string, purpose: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis at ${new URL(url).host} unreachable (${purpose})`)),
      CONNECT_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([Promise.all(clients.map((client) => client.connect())), timeout]);
  } catch (error) {
    await Promise.allSettled(clients.map((client) => client.disconnect()));
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Quits politely when connected; otherwise stops reconnecting at once (quit would wait for Redis forever). */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (client.isReady) await client.quit().catch(() => client.disconnect());
  else await client.disconnect();
}
