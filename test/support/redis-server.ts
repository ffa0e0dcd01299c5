import { existsSync } from "node:fs";
import { describe, it } from "vitest";
import { REDIS_SERVER } from "./redis-process";

export { startRedis } from "./redis-process";

/** Why Redis tests are skipped here, or null when they can run. */
export const redisSkipReason = existsSync(REDIS_SERVER)
  ? null
  : `${REDIS_SERVER} is not installed here; CI installs it`;

/**
 * `describe` for tests that need Redis. Where Redis cannot run, the suite is replaced by one
 * skipped test that gives the reason, so the report says why and the title stays what is tested.
 */
export function describeWithRedis(title: string, suite: () => void): void {
  describe(title, () => {
    if (redisSkipReason) it.skip(`needs Redis: ${redisSkipReason}`, () => {});
    else suite();
  });
}
