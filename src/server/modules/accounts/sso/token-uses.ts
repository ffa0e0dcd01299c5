import type { Db } from "../../../platform/db/client";
import { type Logger, occasionalWarning } from "../../../platform/logger";
import { closeRedis, connectRedis, createRedisClient, type RedisClient } from "../../../platform/redis";
import { authRepository } from "../auth.repository";

/** Where the `jti` of accepted single sign-on tokens are kept until they expire: a replay is refused. */
export interface TokenUses {
  /** True the first time a `jti` is claimed, false for any later claim before `expiresAt`. */
  claim(jti: string, expiresAt: Date): Promise<boolean>;
  close(): Promise<void>;
}

/** In PostgreSQL (`sso_token_uses`), shared by every instance; the hourly purge drops expired ones. */
export class DatabaseTokenUses implements TokenUses {
  constructor(private readonly db: Db) {}

  claim(jti: string, expiresAt: Date): Promise<boolean> {
    return authRepository(this.db).claimSsoTokenUse(jti, expiresAt);
  }

  async close(): Promise<void> {}
}

/**
 * In Redis when REDIS_URL is set (`SET NX` with the token's remaining life). While Redis is
 * unreachable, claims go to the database: a sign-on never fails for Redis, and never replays.
 */
export class RedisTokenUses implements TokenUses {
  private readonly warn: (error: unknown) => void;

  private constructor(
    private readonly client: RedisClient,
    private readonly fallback: DatabaseTokenUses,
    log: Logger,
  ) {
    this.warn = occasionalWarning(
      log,
      "Redis unreachable: single sign-on token ids are kept in the database",
    );
  }

  static async connect(url: string, db: Db, log: Logger): Promise<RedisTokenUses> {
    const purpose = "single sign-on token ids";
    const client = await createRedisClient(url, log, purpose, { disableOfflineQueue: true });
    await connectRedis([client], url, purpose);
    return new RedisTokenUses(client, new DatabaseTokenUses(db), log);
  }

  async claim(jti: string, expiresAt: Date): Promise<boolean> {
    try {
      const ttlMs = Math.max(1_000, expiresAt.getTime() - Date.now() + 60_000);
      const reply = await this.client.set(`lj:sso-jti:${jti}`, "1", { NX: true, PX: ttlMs });
      return reply === "OK";
    } catch (error) {
      this.warn(error);
      return this.fallback.claim(jti, expiresAt);
    }
  }

  async close(): Promise<void> {
    await closeRedis(this.client);
  }
}
