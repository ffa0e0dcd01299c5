import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/support/connected";
import { createTestApp, type TestApp, testConfig } from "../../../../test/support/test-app";
import { testBackend } from "../../../../test/support/test-database";
import {
  clientWithActiveNumber,
  inboundText,
  messagesEnvelope,
  postWebhook,
} from "../../../../test/support/webhooks";
import { type BuiltApp, buildApp } from "../../app";
import { openPostgres } from "../../platform/db/client";
import { createLogger } from "../../platform/logger";

const closing: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closing.reverse()) await close();
});

describe.skipIf(testBackend !== "postgres")(
  "web and worker processes (PostgreSQL only: on PGlite the product is one process)",
  () => {
    it("a delivery stored by a web process wakes a worker process's processing, not at its next poll", async () => {
      const web: TestApp = await createTestApp({ env: { ROLE: "web" } });
      closing.push(() => web.close());
      const workerDatabase = openPostgres(web.database.url!, 3);
      const config = testConfig(web.database, { ROLE: "worker" });
      const worker: BuiltApp = await buildApp({
        config,
        database: workerDatabase,
        log: createLogger("silent"),
      });
      closing.push(async () => {
        await worker.close();
        await workerDatabase.close();
      });
      let wakes = 0;
      const wake = worker.webhookProcessor.wake.bind(worker.webhookProcessor);
      worker.webhookProcessor.wake = () => {
        wakes += 1;
        wake();
      };
      await worker.startWorker({ pollingIntervalSeconds: 60 });

      const { clientId, phoneNumberId } = await clientWithActiveNumber(web);
      const text = inboundText("212600000401", "Bonjour depuis le web");
      const response = await postWebhook(
        web,
        messagesEnvelope(phoneNumberId, { contacts: text.contacts, messages: [text.message] }),
      );
      expect(response.statusCode).toBe(200);
      await eventually(async () => wakes > 0);
      const stored = await eventually(async () => {
        const { rows } = await web.database.query("SELECT client_id FROM messages WHERE wamid = $1", [
          text.wamid,
        ]);
        return rows[0] as { client_id: string } | undefined;
      });
      expect(stored.client_id).toBe(clientId);
    });
  },
);
