import { afterAll, beforeAll, expect, it } from "vitest";
import { buildUser, TEST_PASSWORD } from "../../../../test/support/factories";
import { describeWithRedis, startRedis } from "../../../../test/support/redis-server";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import type { BuiltApp } from "../../app";
import { startSecondInstance } from "../../platform/realtime/realtime.test-kit";

/** With REDIS_URL, every web instance counts failed logins together: an attacker gains nothing by spreading. */

describeWithRedis("login throttling across instances", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let first: TestApp;
  let second: BuiltApp;

  beforeAll(async () => {
    redis = await startRedis();
    const env = {
      REDIS_URL: redis.url,
      LOGIN_RATE_LIMIT_PER_15_MIN: "4",
      LOGIN_FAILURES_PER_IP_PER_15_MIN: "100",
      LOGIN_FAILURES_PER_ACCOUNT_PER_15_MIN: "100",
    };
    first = await createTestApp({ listen: true, env });
    second = await startSecondInstance(first, env);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    redis?.stop();
  });

  const loginOn = (instance: BuiltApp, email: string, password: string) =>
    instance.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password },
      remoteAddress: "10.9.0.1",
    });

  it("adds up failures seen by different instances", async () => {
    const user = await buildUser(first);
    const statuses: number[] = [];
    for (const instance of [first, second, first, second, first])
      statuses.push((await loginOn(instance, user.email, "wrong-password")).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await loginOn(second, user.email, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it("leaves other accounts alone, and still never counts successes", async () => {
    const other = await buildUser(first);
    for (const instance of [first, second, first, second, first, second])
      expect((await loginOn(instance, other.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});
