import { afterAll, beforeAll, expect, it } from "vitest";
import { buildUser } from "../../../../test/support/factories";
import { describeWithRedis, startRedis } from "../../../../test/support/redis-server";
import type { TestApp } from "../../../../test/support/test-app";
import type { BuiltApp } from "../../app";
import { createRealtimeTestApp, login, startSecondInstance, WAIT_MS } from "../realtime/realtime.test-kit";

/** Behind a load balancer, a caller gets the API's per-minute limit once, not once per instance. */
describeWithRedis("the API rate limit across instances", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let first: TestApp;
  let second: BuiltApp;
  const LIMIT = 6;

  beforeAll(async () => {
    redis = await startRedis(WAIT_MS);
    const env = { REDIS_URL: redis.url, API_RATE_LIMIT_PER_MINUTE: String(LIMIT) };
    first = await createRealtimeTestApp({ listen: true, env });
    second = await startSecondInstance(first, env);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    redis?.stop();
  });

  it("counts a user's calls on both instances together and refuses the one past the limit on either", async () => {
    const { cookie } = await login(first, await buildUser(first));
    const call = (app: TestApp | BuiltApp) =>
      app.app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await call(i % 2 === 0 ? first : second)).statusCode);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    // Each instance has seen only half of them: alone, each would let the next one through.
    const refused = await call(second);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("rate_limited");
    expect((await call(first)).statusCode).toBe(429);

    // Another user's count is their own.
    const other = await login(first, await buildUser(first));
    const theirs = await second.app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: other.cookie },
    });
    expect(theirs.statusCode).toBe(200);
  });
});
