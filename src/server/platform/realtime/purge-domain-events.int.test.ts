import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient } from "../../../../test/support/factories";
import type { TestApp } from "../../../../test/support/test-app";
import { domainEvents } from "../db/schema/index";
import { DOMAIN_EVENTS_RETENTION_DAYS, purgeDomainEventsJob } from "./purge-domain-events.job";
import { commitEvents, createRealtimeTestApp } from "./realtime.test-kit";

let app: TestApp;

beforeAll(async () => {
  app = await createRealtimeTestApp();
});
afterAll(() => app.close());

describe("domain events retention", () => {
  it(`deletes events older than ${DOMAIN_EVENTS_RETENTION_DAYS} days and keeps the recent ones`, async () => {
    const { client } = await buildClient(app);
    const old = await commitEvents(app, client.id, 3);
    const recent = await commitEvents(app, client.id, 2);
    const db = app.database.db;
    await db
      .update(domainEvents)
      .set({ createdAt: sql`now() - interval '8 days'` })
      .where(inArray(domainEvents.id, old));
    await db
      .update(domainEvents)
      .set({ createdAt: sql`now() - interval '6 days'` })
      .where(inArray(domainEvents.id, recent.slice(0, 1)));

    await purgeDomainEventsJob.handler(
      {},
      { jobId: "test", deps: app.deps, log: app.deps.log, retryCount: 0, isLastAttempt: false },
    );

    const left = await db
      .select({ id: domainEvents.id })
      .from(domainEvents)
      .where(inArray(domainEvents.id, [...old, ...recent]));
    expect(left.map((r) => r.id).sort((a, b) => a - b)).toEqual(recent);
  });
});
