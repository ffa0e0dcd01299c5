import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, waitFor } from "../testing/harness";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const inbound = (body: string) =>
  h.control("POST", "/inbound", {
    phoneNumberId: h.phoneId,
    from: "212612345678",
    type: "text",
    text: { body },
  });
const textsReceived = () =>
  h.receiver
    .values()
    .flatMap((v) =>
      ((v.messages as { text?: { body: string } }[] | undefined) ?? []).map((m) => m.text?.body),
    );

describe("webhook delivery", () => {
  it("retries with growing delays until the product answers 200", async () => {
    h.receiver.status = (nth) => (nth < 3 ? 500 : 200);
    await inbound("retry me");
    const delivery = await waitFor(() => h.sim.ctx.webhooks.log.find((d) => d.state === "delivered"));
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 500, 200]);
    const gaps = delivery.attempts.slice(1).map((a, i) => a.at - (delivery.attempts[i]?.at ?? 0));
    // base 20 ms, doubling: the third gap is at least twice the first (simulated time).
    expect(gaps[2]).toBeGreaterThanOrEqual(2 * 20);
    expect(textsReceived()).toEqual(["retry me"]);
  });

  it("gives up after maxAge and marks the delivery failed", async () => {
    await h.close();
    h = await createHarness({ webhookRetry: { baseDelayMs: 10, maxAgeMs: 100, timeoutMs: 10_000 } });
    // A still clock: the delivery's age is its back-off alone (10, 20, 40, 80, then 160 > 100 ms),
    // not also the time each attempt's round trip takes, which a loaded machine stretches past 100 ms.
    h.sim.clock.freeze();
    h.receiver.status = () => 503;
    await inbound("never accepted");
    const failed = await waitFor(() => h.sim.ctx.webhooks.log.find((d) => d.state === "failed"));
    expect(failed.attempts).toHaveLength(5);
    expect(failed.attempts.every((a) => a.status === 503)).toBe(true);
  });

  it("pauses and resumes: nothing arrives while paused, everything after", async () => {
    await h.control("POST", "/webhooks/pause");
    await inbound("one");
    await inbound("two");
    await waitFor(() => h.sim.ctx.webhooks.log.filter((d) => d.state === "paused").length === 2);
    expect(h.receiver.received).toHaveLength(0);
    await h.control("POST", "/webhooks/resume");
    await waitFor(() => textsReceived().length === 2);
    expect(textsReceived().sort()).toEqual(["one", "two"]);
  });

  it("duplicates the next delivery (same bytes, same signature)", async () => {
    await h.control("POST", "/webhooks/duplicate", { count: 1 });
    await inbound("twice");
    await waitFor(() => h.receiver.received.length === 2);
    const [a, b] = h.receiver.received;
    expect(a?.raw.equals(b?.raw ?? Buffer.alloc(0))).toBe(true);
    expect(a?.signature).toBe(b?.signature);
  });

  it("reorders the next deliveries (newest first)", async () => {
    await h.control("POST", "/webhooks/reorder", { count: 3 });
    for (const body of ["first", "second", "third"]) {
      await inbound(body);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => textsReceived().length === 3);
    expect(textsReceived()).toEqual(["third", "second", "first"]);
  });

  it("runs Meta's verification handshake against the product", async () => {
    const ok = await h.control("POST", "/webhooks/verify", { verifyToken: "receiver-token" });
    expect(ok.body.ok).toBe(true);
    const bad = await h.control("POST", "/webhooks/verify", { verifyToken: "nope" });
    expect(bad.body).toMatchObject({ ok: false, status: 403 });
  });
});

describe("faults", () => {
  const hello = {
    messaging_product: "whatsapp",
    to: "+212612345678",
    type: "template",
    template: { name: "hello_world", language: { code: "en_US" } },
  };

  it("fails the next N sends with the given code, then recovers", async () => {
    await h.control("POST", "/fail-next", { code: 131000, count: 2 });
    const send = () => h.graph("POST", `/v23.0/${h.phoneId}/messages`, hello);
    const first = await send();
    expect(first.status).toBe(500);
    expect(first.body.error).toMatchObject({ code: 131000, is_transient: true });
    expect((await send()).body.error.code).toBe(131000);
    expect((await send()).status).toBe(200);
  });

  it("outage: 5xx with code 2 in error mode, then a held request answered 503 when it ends", async () => {
    await h.control("POST", "/outage", { mode: "error", code: 2 });
    const down = await h.graph("POST", `/v23.0/${h.phoneId}/messages`, hello);
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe(2);
    await h.control("POST", "/outage", { mode: "timeout" });
    let settled = false;
    const held = h.graph("POST", `/v23.0/${h.phoneId}/messages`, hello).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    await h.control("POST", "/outage", { mode: "off" });
    expect((await held).status).toBe(503);
    expect((await h.graph("POST", `/v23.0/${h.phoneId}/messages`, hello)).status).toBe(200);
  });

  it("reads back what the product sent, accepted or not", async () => {
    await h.graph("POST", `/v23.0/${h.phoneId}/messages`, hello);
    await h.graph("POST", `/v23.0/${h.phoneId}/messages`, {
      ...hello,
      template: { name: "missing", language: { code: "fr" } },
    });
    const sent = await h.control("GET", `/sent?phoneNumberId=${h.phoneId}`);
    expect(
      sent.body.sent.map((s: { responseStatus: number; apiVersion: string }) => [
        s.responseStatus,
        s.apiVersion,
      ]),
    ).toEqual([
      [200, "v23.0"],
      [404, "v23.0"],
    ]);
    expect(sent.body.sent[1].response.error.code).toBe(132001);
  });
});
