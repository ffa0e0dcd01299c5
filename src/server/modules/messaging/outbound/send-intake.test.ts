import { describe, expect, it } from "vitest";
import type { MessageRow } from "../messages.repository";
import type { QueuedSend } from "./queued-sends";
import { SendIntake } from "./send-intake";

/** A send of client `clientId` whose stored row is its `text`; only what the intake reads is set. */
function queued(clientId: string, text: string, withinTransaction = false): QueuedSend {
  return {
    ctx: { clientId, ...(withinTransaction ? { withinTransaction: true } : {}) },
    built: { text },
  } as unknown as QueuedSend;
}

const textOf = (send: QueuedSend) => send.built.text!;
const stored = (send: QueuedSend) => ({ id: textOf(send) }) as MessageRow;

/** A store whose writes finish only when the test lets them, recording each group it was given. */
function heldStore() {
  const groups: string[][] = [];
  const releases: (() => void)[] = [];
  const storeMany = async (sends: QueuedSend[]) => {
    groups.push(sends.map(textOf));
    await new Promise<void>((resolve) => releases.push(resolve));
    return sends.map(stored);
  };
  const releaseAll = () => {
    for (const release of releases.splice(0)) release();
  };
  return { groups, storeMany, releaseAll };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("SendIntake", () => {
  it("writes the sends that arrive while a client's group is written together, in the next group", async () => {
    const store = heldStore();
    const intake = new SendIntake(store.storeMany);
    const first = intake.store(queued("c1", "a"));
    const rest = ["b", "c", "d"].map((text) => intake.store(queued("c1", text)));
    await turn();
    expect(store.groups).toEqual([["a"]]);
    store.releaseAll();
    expect((await first).id).toBe("a");
    await turn();
    expect(store.groups).toEqual([["a"], ["b", "c", "d"]]);
    store.releaseAll();
    expect((await Promise.all(rest)).map((row) => row.id)).toEqual(["b", "c", "d"]);
  });

  it("keeps clients apart: one client's write does not hold another's", async () => {
    const store = heldStore();
    const intake = new SendIntake(store.storeMany);
    void intake.store(queued("c1", "a"));
    void intake.store(queued("c2", "x"));
    await turn();
    expect(store.groups).toEqual([["a"], ["x"]]);
    store.releaseAll();
  });

  it("writes a send made inside its caller's transaction at once and alone, even while the client's group is being written", async () => {
    const store = heldStore();
    const intake = new SendIntake(store.storeMany);
    void intake.store(queued("c1", "recruiter's send"));
    void intake.store(queued("c1", "queued behind it"));
    const awayReply = intake.store(queued("c1", "away reply", true));
    await turn();
    // Waiting for the group instead would never end: the group's transaction waits for the row
    // locks the away reply's transaction holds.
    expect(store.groups).toEqual([["recruiter's send"], ["away reply"]]);
    store.releaseAll();
    expect((await awayReply).id).toBe("away reply");
  });

  it("fails a send refused on its own alone, and tries a failed group's sends one by one", async () => {
    const groups: string[][] = [];
    const intake = new SendIntake(async (sends) => {
      groups.push(sends.map(textOf));
      if (sends.length > 1) throw new Error("the group's transaction failed");
      return sends.map((send) => (textOf(send) === "bad" ? new Error("refused") : stored(send)));
    });
    const hold = intake.store(queued("c1", "first"));
    const outcomes = Promise.allSettled(["good", "bad"].map((text) => intake.store(queued("c1", text))));
    await hold;
    const [good, bad] = await outcomes;
    expect(good).toMatchObject({ status: "fulfilled", value: { id: "good" } });
    expect(bad).toMatchObject({ status: "rejected", reason: { message: "refused" } });
    expect(groups).toEqual([["first"], ["good", "bad"], ["good"], ["bad"]]);
  });
});
