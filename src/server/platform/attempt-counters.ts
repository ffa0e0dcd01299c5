import { type Logger, occasionalWarning } from "./logger";
import { closeRedis, connectRedis, createRedisClient, type RedisClient } from "./redis";

export interface AttemptCount {
  count: number;
  /** Until the key's window ends and its count starts again from zero. */
  resetInMs: number;
}

/**
 * Counters of attempts in fixed windows (a window starts with a key's first attempt), for
 * throttling: in this process, or in Redis so that every instance adds to the same counts.
 */
export interface AttemptCounters {
  /** Counts one attempt under each key; returns each key's count, this attempt included. */
  add(keys: string[], windowMs: number): Promise<AttemptCount[]>;
  /** Takes back one attempt from each key that still counts any (an attempt that should not count). */
  remove(keys: string[]): Promise<void>;
  close(): Promise<void>;
}

/** This process's counters; bounded, so a flood of distinct keys cannot grow memory without end. */
export class MemoryAttemptCounters implements AttemptCounters {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly maxKeys = 100_000) {}

  async add(keys: string[], windowMs: number): Promise<AttemptCount[]> {
    const now = Date.now();
    if (this.windows.size + keys.length > this.maxKeys) this.evict(now);
    return keys.map((key) => {
      let window = this.windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs };
        // Re-inserted, so the Map's order stays the order windows started in (oldest first).
        this.windows.delete(key);
        this.windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetInMs: window.resetAt - now };
    });
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) {
      const window = this.windows.get(key);
      if (window && window.count > 0) window.count -= 1;
    }
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  /** Drops ended windows, then the oldest ones if still too many. */
  private evict(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys * 0.9) break;
      this.windows.delete(key);
    }
  }
}

// DECR on a key that expired would create it at -1 with no expiry: only existing counts go down.
const REMOVE_SCRIPT = `
for _, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count > 0 then redis.call('DECR', key) end
end
return 0`;

/**
 * Counters in Redis, shared by every instance. Commands fail at once while Redis is unreachable
 * (no offline queue), and the counts fall back to this process's until it is back: throttling
 * per instance is better than none, and a login never waits for Redis.
 */
export class RedisAttemptCounters implements AttemptCounters {
  private readonly fallback = new MemoryAttemptCounters();
  private readonly warn: (error: unknown) => void;

  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    log: Logger,
  ) {
    this.warn = occasionalWarning(
      log,
      "Redis unreachable: attempt counters are kept in this process meanwhile",
    );
  }

  static async connect(url: string, log: Logger, prefix = "lj:attempts:"): Promise<RedisAttemptCounters> {
    const purpose = "attempt counters";
    const client = await createRedisClient(url, log, purpose, { disableOfflineQueue: true });
    await connectRedis([client], url, purpose);
    return new RedisAttemptCounters(client, prefix, log);
  }

  async add(keys: string[], windowMs: number): Promise<AttemptCount[]> {
    try {
      const transaction = this.client.multi();
      for (const key of keys) {
        const name = this.prefix + key;
        transaction.incr(name).pExpire(name, windowMs, "NX").pTTL(name);
      }
      const replies = await transaction.exec();
      return keys.map((_, i) => ({
        count: Number(replies[i * 3]),
        resetInMs: Math.max(0, Number(replies[i * 3 + 2])),
      }));
    } catch (error) {
      this.warn(error);
      return this.fallback.add(keys, windowMs);
    }
  }

  async remove(keys: string[]): Promise<void> {
    try {
      await this.client.eval(REMOVE_SCRIPT, { keys: keys.map((key) => this.prefix + key) });
    } catch (error) {
      this.warn(error);
      await this.fallback.remove(keys);
    }
  }

  async close(): Promise<void> {
    await closeRedis(this.client);
  }
}
