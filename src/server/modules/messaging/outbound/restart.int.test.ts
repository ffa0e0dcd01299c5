import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedClient, eventually, startWorkerBeside } from "../../../../../test/support/connected";
import { messagesOf } from "../../../../../test/support/messages";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";

/** The web process takes sends while no worker runs; a worker started later sends each once. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: false });
});
afterAll(() => app.close());

describe("a restart in the middle of sending", () => {
  it("loses no queued message and sends each exactly once", async () => {
    // Onboarding needs a worker: run one briefly, as the previous process did before it stopped.
    const onboarding = await startWorkerBeside(app);
    const { session, connection } = await connectedClient(app);
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);
    await onboarding.close();

    const ids: { id: string; conversationId: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await session.post("/api/messages/send", {
        connectionId: connection.id,
        to: `06123456${String(70 + i)}`,
        template: {
          name: "job_opportunity",
          language: "fr",
          body: [{ text: `Candidat ${i}` }, { text: "soudeur" }, { text: "Tanger" }],
        },
      });
      expect(response.statusCode).toBe(202);
      ids.push(response.json());
    }
    // Nothing was sent while no worker ran.
    const sentLog = async () =>
      (
        (
          await app.inject({
            method: "GET",
            url: `/simulator/control/sent?phoneNumberId=${connection.phoneNumberId}`,
          })
        ).json().sent as {
          body: { type?: string; biz_opaque_callback_data?: string };
          responseStatus: number;
        }[]
      ).filter((s) => s.body.type === "template");
    expect(await sentLog()).toHaveLength(0);

    // The restarted worker (same database) drains the queue.
    const worker = await startWorkerBeside(app);
    try {
      await eventually(async () => (await messagesOf(session, ids)).every((m) => m.wamid), 30_000);
    } finally {
      await worker.close();
    }
    const accepted = (await sentLog()).filter((s) => s.responseStatus === 200);
    expect(accepted.map((s) => s.body.biz_opaque_callback_data).sort()).toEqual(ids.map((m) => m.id).sort());
  });
});
