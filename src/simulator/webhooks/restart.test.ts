import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "../index";
import { WebhookReceiver, waitFor } from "../testing/harness";

/** A simulator with a state file stops between a send and its status webhooks, then starts again. */
const APP_SECRET = "restart-secret";
let dir: string;
let receiver: WebhookReceiver;
let webhookUrl: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "sim-restart-"));
  receiver = new WebhookReceiver(APP_SECRET);
  webhookUrl = await receiver.start();
});
afterEach(async () => {
  await receiver.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ sim: Simulator; app: ReturnType<typeof Fastify> }> {
  const sim = createSimulator({
    appSecret: APP_SECRET,
    webhookUrl,
    dataFile: join(dir, "simulator.json"),
    statusDelaysMs: { sent: 400, delivered: 600, read: 800 },
    webhookRetry: { baseDelayMs: 20, maxAgeMs: 10_000, timeoutMs: 2000 },
  });
  const app = Fastify();
  await app.register(sim.plugin, { prefix: "/simulator" });
  await app.ready();
  return { sim, app };
}

describe("status webhooks across a restart", () => {
  it("are all sent by the next start when the simulator stopped before they were due", async () => {
    const first = await start();
    const phone = first.sim.state.phoneNumbers.find((p) => p.displayPhoneNumber === "+212 6 61 23 45 67")!;
    const call = (method: "GET" | "POST", url: string, payload?: object, token?: string) =>
      first.app.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const token = (await call("POST", "/simulator/control/tokens", { wabaId: phone.wabaId })).json()
      .accessToken;
    await call("POST", `/simulator/graph/v23.0/${phone.wabaId}/subscribed_apps`, undefined, token);
    await call(
      "POST",
      `/simulator/graph/v23.0/${phone.id}/register`,
      { messaging_product: "whatsapp", pin: "123456" },
      token,
    );
    const sent = await call(
      "POST",
      `/simulator/graph/v23.0/${phone.id}/messages`,
      {
        messaging_product: "whatsapp",
        to: "+212612345678",
        type: "template",
        template: { name: "hello_world", language: { code: "en_US" } },
      },
      token,
    );
    expect(sent.statusCode).toBe(200);
    const wamid = sent.json().messages[0].id as string;
    await first.app.close();
    await first.sim.close();
    expect(receiver.statuses().filter((s) => s.id === wamid)).toEqual([]);

    const second = await start();
    try {
      expect(second.sim.state.pendingStatuses?.map((p) => p.status)).toEqual(["sent", "delivered", "read"]);
      await waitFor(() => receiver.statuses().some((s) => s.id === wamid && s.status === "read"));
      expect(
        receiver
          .statuses()
          .filter((s) => s.id === wamid)
          .map((s) => s.status),
      ).toEqual(["sent", "delivered", "read"]);
      await waitFor(() => second.sim.state.pendingStatuses?.length === 0);
      expect(second.sim.state.messages.find((m) => m.id === wamid)?.status).toBe("read");
    } finally {
      await second.app.close();
      await second.sim.close();
    }
  });
});
