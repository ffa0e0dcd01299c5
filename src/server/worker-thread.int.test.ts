import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../test/support/connected";
import { type TestApp, testConfig } from "../../test/support/test-app";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database";
import {
  clientWithActiveNumber,
  inboundText,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../test/support/webhooks";
import { type BuiltApp, buildApp } from "./app";
import type { StoredDomainEvent } from "./platform/events/domain-events";
import { createLogger } from "./platform/logger";
import { asRole, startWorkerThread, usesWorkerThread, type WorkerThread } from "./worker-thread";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

// PGlite is one connection in one thread: the sandbox never starts a worker thread.
describe.skipIf(!onPostgres)("ROLE=all on PostgreSQL: the worker on a thread of its own", () => {
  let database: TestDatabase;
  let web: BuiltApp;
  let app: TestApp;
  let thread: WorkerThread | null = null;
  const handedOver: StoredDomainEvent[] = [];
  const failures: Error[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig(database);
    expect(usesWorkerThread(config)).toBe(true);
    const log = createLogger("silent");
    // As main.ts assembles it: this thread the web role, the stored deliveries' wake and the
    // metrics through the thread.
    web = await buildApp({
      config: asRole(config, "web"),
      eventsOrigin: "0f0f0f0f0f0f",
      database,
      log,
      wakeProcessing: () => thread?.wake(),
      moreMetrics: async () => (thread ? thread.metrics() : []),
    });
    await web.app.ready();
    web.deps.committedEvents.subscribe((events) => handedOver.push(...events));
    thread = await startWorkerThread(new URL("./main.ts", import.meta.url), config, "0f0f0f0f0f0f", log, {
      onCommitted: (events) => web.deps.committedEvents.publish(events),
      onFailure: (error) => failures.push(error),
    });
    app = { ...web, database, server: web.app, inject: (options) => web.app.inject(options) } as TestApp;
  }, 60_000);

  afterAll(async () => {
    await thread?.stop();
    await web?.close();
    await database?.drop();
  });

  it("processes what the web role stored, and hands each client only its own events", async () => {
    const first = await clientWithActiveNumber(app);
    const second = await clientWithActiveNumber(app);
    const text = inboundText("212600000101", "Bonjour, je postule");
    const response = await postWebhook(
      app,
      messagesEnvelope(first.phoneNumberId, { contacts: text.contacts, messages: [text.message] }),
    );
    expect(response.statusCode).toBe(200);

    // Only the thread runs a worker: the message is stored by it, and its event reaches this thread.
    const rows = await eventually(async () => {
      const handed = handedOver.some((event) => JSON.stringify(event.payload).includes(text.wamid));
      const stored = await queryRows<{ client_id: string }>(
        app,
        "SELECT client_id FROM messages WHERE wamid = $1",
        [text.wamid],
      );
      return handed && stored.length > 0 && stored;
    });
    expect(rows.map((row) => row.client_id)).toEqual([first.clientId]);
    expect(new Set(handedOver.map((event) => event.clientId))).toEqual(new Set([first.clientId]));
    expect(handedOver.every((event) => event.createdAt instanceof Date)).toBe(true);
    expect(handedOver.some((event) => event.clientId === second.clientId)).toBe(false);
  });

  it("reports the thread's counters in /metrics once, beside the process's own", async () => {
    const response = await app.inject({ method: "GET", url: "/metrics" });
    expect(response.statusCode).toBe(200);
    const lines = response.body.split("\n");
    // Counted by the thread (its processing), by this thread (the delivery's receipt): both show.
    const processed = lines.find((line) => line.startsWith("webhook_processing_seconds_count"));
    expect(Number(processed?.split(" ").at(-1))).toBeGreaterThanOrEqual(1);
    const received = lines.find((line) => line.startsWith("webhook_deliveries_received_total"));
    expect(Number(received?.split(" ").at(-1))).toBeGreaterThanOrEqual(1);
    // A gauge both threads read is the figure, not its double; the process's own metrics once.
    expect(lines.filter((line) => line.startsWith("database_up "))).toEqual(["database_up 1"]);
    expect(lines.filter((line) => line.startsWith("# TYPE process_resident_memory_bytes"))).toHaveLength(1);
    // Each thread's own pool: the waits for a connection and the connections, by role.
    for (const role of ["web", "worker"]) {
      const waits = lines.find((line) => line.startsWith(`database_pool_wait_seconds_count{role="${role}"}`));
      expect(Number(waits?.split(" ").at(-1)), role).toBeGreaterThanOrEqual(1);
      expect(
        lines.some((line) => line.startsWith(`database_pool_connections{role="${role}",state="idle"}`)),
      ).toBe(true);
    }
  });

  it("stops when asked, after its work", async () => {
    const stopping = thread!;
    thread = null;
    await stopping.stop();
    expect(failures).toEqual([]);
    // A delivery stored now waits for the next worker: none runs in this process any more.
    const client = await clientWithActiveNumber(app);
    const text = inboundText("212600000102", "Toujours là ?");
    await postWebhook(
      app,
      messagesEnvelope(client.phoneNumberId, { contacts: text.contacts, messages: [text.message] }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = await queryRows(app, "SELECT 1 FROM messages WHERE wamid = $1", [text.wamid]);
    expect(rows).toHaveLength(0);
  });
});
