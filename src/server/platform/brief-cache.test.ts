import { describe, expect, it } from "vitest";
import { BriefCache } from "./brief-cache";

/** A cache on a clock the test moves, and a loader that counts its calls. */
function setUp() {
  let now = 1_000_000;
  const cache = new BriefCache(1000, () => now);
  const loads: string[] = [];
  const loader =
    <T>(name: string, value: T) =>
    () => {
      loads.push(name);
      return Promise.resolve(value);
    };
  return { cache, loads, loader, advance: (ms: number) => (now += ms) };
}

/** A load the test finishes when it chooses. */
function pending<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("the brief cache", () => {
  it("answers from memory for its second, then reads again", async () => {
    const { cache, loads, loader, advance } = setUp();
    expect(await cache.read("client-a", ["connection", "c1"], loader("first", 1))).toBe(1);
    advance(999);
    expect(await cache.read("client-a", ["connection", "c1"], loader("second", 2))).toBe(1);
    advance(1);
    expect(await cache.read("client-a", ["connection", "c1"], loader("third", 3))).toBe(3);
    expect(loads).toEqual(["first", "third"]);
  });

  it("shares one load between the readers arriving while it runs", async () => {
    const { cache, loads, loader } = setUp();
    const values = await Promise.all(
      Array.from({ length: 5 }, (_, i) => cache.read("client-a", ["template", "t"], loader(`load ${i}`, i))),
    );
    expect(values).toEqual([0, 0, 0, 0, 0]);
    expect(loads).toEqual(["load 0"]);
  });

  it("never answers one client's read with another's entry under the same key", async () => {
    const { cache, loads, loader } = setUp();
    expect(await cache.read("client-a", ["connection", "c1"], loader("a", "a's number"))).toBe("a's number");
    expect(await cache.read("client-b", ["connection", "c1"], loader("b", undefined))).toBeUndefined();
    expect(loads).toEqual(["a", "b"]);
  });

  it("drops a client's entries at once when told, and only that client's", async () => {
    const { cache, loads, loader } = setUp();
    await cache.read("client-a", ["budget"], loader("a", "old"));
    await cache.read("client-b", ["budget"], loader("b", "b's"));
    cache.forget("client-a");
    expect(await cache.read("client-a", ["budget"], loader("a again", "new"))).toBe("new");
    expect(await cache.read("client-b", ["budget"], loader("b again", "b's new"))).toBe("b's");
    expect(loads).toEqual(["a", "b", "a again"]);
  });

  it("keeps nothing of a load that was running when a change was announced (it may have read the old row)", async () => {
    const { cache, loads, loader } = setUp();
    const slow = pending<string>();
    const first = cache.read("client-a", ["connection", "c1"], () => slow.promise);
    cache.forget("client-a");
    // A reader after the change does not wait for the old load: it reads for itself.
    const after = cache.read("client-a", ["connection", "c1"], loader("after", "new"));
    slow.resolve("old");
    expect(await first).toBe("old");
    expect(await after).toBe("new");
    // Nor does a reader once the old load has finished.
    const slower = pending<string>();
    const running = cache.read("client-a", ["connection", "c2"], () => slower.promise);
    cache.forget("client-a");
    slower.resolve("old");
    expect(await running).toBe("old");
    expect(await cache.read("client-a", ["connection", "c2"], loader("fresh", "new"))).toBe("new");
    expect(loads).toEqual(["after", "fresh"]);
  });

  it("keeps neither what was not found nor a failed load: both are read again at once", async () => {
    const { cache, loads, loader } = setUp();
    expect(await cache.read("client-a", ["template", "t"], loader("missing", undefined))).toBeUndefined();
    expect(await cache.read("client-a", ["template", "t"], loader("found", "approved"))).toBe("approved");
    await expect(
      cache.read("client-a", ["connection", "c"], () => Promise.reject(new Error("db down"))),
    ).rejects.toThrow("db down");
    expect(await cache.read("client-a", ["connection", "c"], loader("retried", "number"))).toBe("number");
    expect(loads).toEqual(["missing", "found", "retried"]);
  });

  it("drops a credential with its client, and keeps no unknown credential", async () => {
    const { cache, loads, loader } = setUp();
    const key = (clientId: string) => ({ clientId, keyId: `key of ${clientId}` });
    await cache.readCredential("hash-a", loader("a", key("client-a")), (k) => k.clientId);
    await cache.readCredential("hash-b", loader("b", key("client-b")), (k) => k.clientId);
    expect(
      await cache.readCredential("hash-x", loader("x", null), (k: { clientId: string }) => k.clientId),
    ).toBe(null);
    cache.forget("client-a");
    await cache.readCredential("hash-a", loader("a again", null), (k: { clientId: string }) => k.clientId);
    await cache.readCredential("hash-b", loader("b again", key("client-b")), (k) => k.clientId);
    await cache.readCredential("hash-x", loader("x again", null), (k: { clientId: string }) => k.clientId);
    expect(loads).toEqual(["a", "b", "x", "a again", "x again"]);
  });

  it("drops a credential still loading when any client changes (its client is not known yet)", async () => {
    const { cache, loads, loader } = setUp();
    const slow = pending<{ clientId: string } | null>();
    const running = cache.readCredential(
      "hash-a",
      () => slow.promise,
      (k) => k.clientId,
    );
    cache.forget("client-a"); // the key revoked while it was being read
    slow.resolve({ clientId: "client-a" });
    await running;
    expect(
      await cache.readCredential("hash-a", loader("again", null), (k: { clientId: string }) => k.clientId),
    ).toBe(null);
    expect(loads).toEqual(["again"]);
  });

  it("sweeps expired entries so idle clients' do not pile up", async () => {
    const { cache, loader, advance } = setUp();
    for (let i = 0; i < 50; i += 1) await cache.read(`client-${i}`, ["budget"], loader("load", i));
    expect(cache.size).toBe(50);
    advance(1000);
    await cache.read("client-new", ["budget"], loader("load", 1));
    expect(cache.size).toBe(1);
  });
});
