import { BroadcastChannel } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BRIEF_READS_CHANNEL, briefReads, forgetBriefReads } from "./brief-reads";

/** Another thread of the process, as the brief reads' channel sees it. */
const otherThread = new BroadcastChannel(BRIEF_READS_CHANNEL);
otherThread.unref();

const nextMessage = () =>
  new Promise<unknown>((resolve) => {
    otherThread.onmessage = (event) => resolve((event as { data: unknown }).data);
  });

afterEach(() => {
  otherThread.onmessage = () => {};
});

describe("the brief reads across a process's threads", () => {
  it("tells the other threads whose entries this one dropped", async () => {
    const told = nextMessage();
    forgetBriefReads("client-a");
    expect(await told).toBe("client-a");
  });

  it("drops a client's entries when another thread says so", async () => {
    const forget = vi.spyOn(briefReads, "forget");
    try {
      otherThread.postMessage("client-b");
      await expect.poll(() => forget.mock.calls, { timeout: 10_000 }).toEqual([["client-b"]]);
    } finally {
      forget.mockRestore();
    }
  });
});
