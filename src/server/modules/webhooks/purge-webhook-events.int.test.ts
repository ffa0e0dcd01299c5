import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { purgeWebhookEventsJob } from "./purge-webhook-events.job";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

/** A stored delivery in a given state, `daysAgo` old; returns its id. */
async function stored(
  label: string,
  state: { processedDaysAgo?: number; dead?: boolean; unroutable?: boolean },
) {
  const { rows } = await app.database.query(
    `INSERT INTO webhook_events (body_sha256, raw_body, received_at, processed_at, dead_at, unroutable)
     VALUES (md5($1 || random()::text), $2, now() - interval '60 days',
             CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END,
             CASE WHEN $4 THEN now() - interval '59 days' END,
             CASE WHEN $5 THEN '[{"field":"messages"}]'::jsonb END)
     RETURNING id`,
    [
      label,
      `{"object":"whatsapp_business_account","label":"${label}"}`,
      state.processedDaysAgo ?? null,
      !!state.dead,
      !!state.unroutable,
    ],
  );
  return Number(rows[0]?.id);
}

describe("processed webhook deliveries retention", () => {
  it("deletes deliveries processed before the retention (30 days), keeping recent, pending, dead and unroutable ones", async () => {
    const old = await stored("old", { processedDaysAgo: 31 });
    const recent = await stored("recent", { processedDaysAgo: 29 });
    const pending = await stored("pending", {});
    const dead = await stored("dead", { dead: true });
    const unroutable = await stored("unroutable", { processedDaysAgo: 45, unroutable: true });
    expect(app.deps.config.webhookProcessing.retentionDays).toBe(30);

    await purgeWebhookEventsJob.handler(
      {},
      { jobId: "test", deps: app.deps, log: app.deps.log, retryCount: 0, isLastAttempt: false },
    );

    const { rows } = await app.database.query("SELECT id FROM webhook_events WHERE id = ANY($1::bigint[])", [
      [old, recent, pending, dead, unroutable],
    ]);
    expect(rows.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual([recent, pending, dead, unroutable]);
  });
});
