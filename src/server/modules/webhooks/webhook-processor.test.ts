import { describe, expect, it } from "vitest";
import type { ServerDeps } from "../../deps";
import { WebhookProcessor } from "./webhook-processor";

const FULL = 10;

/** A queue of `backlog` deliveries taken `FULL` at a time, each batch taking a few milliseconds. */
function fakeQueue(backlog: number) {
  const state = { left: backlog, inFlight: 0, mostInFlight: 0, batches: 0 };
  const takeBatch = async () => {
    state.inFlight += 1;
    state.mostInFlight = Math.max(state.mostInFlight, state.inFlight);
    const taken = Math.min(FULL, state.left);
    state.left -= taken;
    await new Promise((resolve) => setTimeout(resolve, 5));
    state.inFlight -= 1;
    if (taken > 0) state.batches += 1;
    return taken;
  };
  return { state, takeBatch };
}

const deps = (concurrency: number) =>
  ({
    config: { webhookProcessing: { concurrency } },
    log: { error: () => {} },
  }) as unknown as ServerDeps;

async function until(check: () => boolean) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 5_000) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("webhook processing loops", () => {
  it("run one batch at a time while batches come back small", async () => {
    const queue = fakeQueue(0);
    const processor = new WebhookProcessor(deps(3), 10_000, queue.takeBatch, FULL);
    processor.start();
    for (let i = 0; i < 5; i++) {
      queue.state.left += 3; // a trickle: each batch finds fewer than a full one
      processor.wake();
      await until(() => queue.state.left === 0 && queue.state.inFlight === 0);
    }
    await processor.stop();
    expect(queue.state.mostInFlight).toBe(1);
    expect(queue.state.batches).toBeGreaterThanOrEqual(5);
  });

  it("add the other loops while a backlog lasts, and drain it", async () => {
    const queue = fakeQueue(200);
    const processor = new WebhookProcessor(deps(3), 10_000, queue.takeBatch, FULL);
    processor.start();
    await until(() => queue.state.left === 0 && queue.state.inFlight === 0);
    await processor.stop();
    expect(queue.state.mostInFlight).toBe(3);
    expect(queue.state.batches).toBe(20);
  });

  it("keep going after a failed batch, and stop with every loop ended", async () => {
    let calls = 0;
    const processor = new WebhookProcessor(deps(2), 10_000, async () => {
      calls += 1;
      if (calls === 1) throw new Error("database unreachable");
      return 0;
    });
    processor.start();
    processor.wake();
    await until(() => calls >= 2);
    await processor.stop();
  });
});
