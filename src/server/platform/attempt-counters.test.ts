import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithRedis, startRedis } from "../../../test/support/redis-server";
import { MemoryAttemptCounters, RedisAttemptCounters } from "./attempt-counters";
import { createLogger } from "./logger";

const WINDOW_MS = 60_000;

describe("attempt counters in the process", () => {
  it("count per key within a window, and take an attempt back without going below zero", async () => {
    const counters = new MemoryAttemptCounters();
    await counters.add(["a", "b"], WINDOW_MS);
    const [a, b] = await counters.add(["a", "b"], WINDOW_MS);
    expect([a!.count, b!.count]).toEqual([2, 2]);
    expect(a!.resetInMs).toBeLessThanOrEqual(WINDOW_MS);
    await counters.remove(["a", "a", "a", "c"]);
    expect((await counters.add(["a", "c"], WINDOW_MS)).map((r) => r.count)).toEqual([1, 1]);
  });

  it("start again once a window ends", async () => {
    const counters = new MemoryAttemptCounters();
    await counters.add(["k"], 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await counters.add(["k"], WINDOW_MS))[0]!.count).toBe(1);
  });

  it("stay bounded under a flood of distinct keys", async () => {
    const counters = new MemoryAttemptCounters(1_000);
    for (let i = 0; i < 5_000; i++) await counters.add([`flood-${i}`], WINDOW_MS);
    expect((counters as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(
      1_000,
    );
  });
});

describeWithRedis("attempt counters in Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it("share counts between connections, and never leave a taken-back key below zero", async () => {
    const log = createLogger("silent");
    const [one, two] = [
      await RedisAttemptCounters.connect(redis.url, log),
      await RedisAttemptCounters.connect(redis.url, log),
    ];
    await one.add(["shared"], WINDOW_MS);
    expect((await two.add(["shared"], WINDOW_MS))[0]).toMatchObject({ count: 2 });
    await two.remove(["shared", "never-counted"]);
    expect((await one.add(["shared", "never-counted"], WINDOW_MS)).map((r) => r.count)).toEqual([2, 1]);
    await Promise.all([one.close(), two.close()]);
  });

  it("keep counting in the process, at once, while Redis is unreachable", async () => {
    const own = await startRedis();
    const counters = await RedisAttemptCounters.connect(own.url, createLogger("silent"));
    own.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await counters.add(["offline"], WINDOW_MS);
    expect((await counters.add(["offline"], WINDOW_MS))[0]!.count).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_000);
    await counters.close();
  });
});
