import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricSample } from "../../../../test/support/metrics";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import {
  clientWithActiveNumber,
  drainWebhooks,
  inboundText,
  messagesEnvelope,
  postWebhook,
  queryRows,
} from "../../../../test/support/webhooks";
import { deadDeliveryLine, listDeadDeliveries, replayDeliveries, replayTargetOf } from "./dead-deliveries";
import { processPendingDeliveries } from "./webhook-processor";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_MAX_ATTEMPTS: "3" });
});
afterAll(() => app.close());

const rows = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => queryRows<T>(app, sql, params);

/** The database refuses message texts starting so, whatever the batch (as it would a value it cannot store). */
async function refuse(text: string) {
  await app.database.query(`
    CREATE OR REPLACE FUNCTION refuse_probe() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.text LIKE '${text}%' THEN RAISE EXCEPTION 'probe: refused'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_probe BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_probe();
  `);
  return () => app.database.query("DROP TRIGGER refuse_probe ON messages; DROP FUNCTION refuse_probe()");
}

/** Runs the processing once more with every back-off skipped. */
async function retryNow() {
  await app.database.query("UPDATE webhook_events SET next_attempt_at = now() WHERE processed_at IS NULL");
  return processPendingDeliveries(app.deps);
}

const metric = async (name: string) => (await metricSample(app, name)) ?? Number.NaN;

const post = async (phoneNumberId: string, body: string) => {
  const text = inboundText("212600000701", body);
  expect(
    (
      await postWebhook(
        app,
        messagesEnvelope(phoneNumberId, { contacts: text.contacts, messages: [text.message] }),
      )
    ).statusCode,
  ).toBe(200);
};

describe("a delivery that keeps failing", () => {
  it("is set aside as dead after its last attempt, counted, listed, and replayed once fixed", async () => {
    const a = await clientWithActiveNumber(app);
    const allow = await refuse("refusé");
    await post(a.phoneNumberId, "refusé");
    await post(a.phoneNumberId, "accepté");
    expect(await processPendingDeliveries(app.deps)).toBe(2);
    expect(await retryNow()).toBe(1);
    expect(await retryNow()).toBe(1); // the third attempt, the last one
    expect(await retryNow()).toBe(0); // dead: no longer taken

    const [dead] = await listDeadDeliveries(app.database.db);
    expect(dead).toMatchObject({ attempts: 3, error: "probe: refused" });
    expect(dead?.deadAt).toBeInstanceOf(Date);
    expect(await metric("webhook_dead_deliveries")).toBe(1);
    expect(await metric("webhook_lag_seconds")).toBe(0); // nothing is waiting to be processed
    expect(await rows("SELECT text FROM messages WHERE client_id = $1", [a.clientId])).toEqual([
      { text: "accepté" },
    ]);

    await allow();
    expect(await replayDeliveries(app.database.db, [dead!.id])).toEqual({
      replayed: [dead!.id],
      refused: [],
    });
    await drainWebhooks(app);
    expect(await listDeadDeliveries(app.database.db)).toEqual([]);
    expect(await metric("webhook_dead_deliveries")).toBe(0);
    expect(
      (await rows<{ text: string }>("SELECT text FROM messages WHERE client_id = $1", [a.clientId]))
        .map((m) => m.text)
        .sort(),
    ).toEqual(["accepté", "refusé"]);
    const [replayed] = await rows(
      "SELECT processed_at IS NOT NULL AS processed, error FROM webhook_events WHERE id = $1",
      [dead!.id],
    );
    expect(replayed).toEqual({ processed: true, error: null });
  });

  it("gets one more attempt per replay, and every dead one is replayed by --dead", async () => {
    const a = await clientWithActiveNumber(app);
    const allow = await refuse("encore refusé");
    try {
      await post(a.phoneNumberId, "encore refusé");
      await post(a.phoneNumberId, "encore refusé, deux");
      await app.database.query(
        "UPDATE webhook_events SET attempts = 2 WHERE processed_at IS NULL AND dead_at IS NULL",
      );
      await processPendingDeliveries(app.deps);
      const dead = await listDeadDeliveries(app.database.db);
      expect(dead.map((d) => d.attempts)).toEqual([3, 3]);
      // Replayed while still broken: one attempt each, and dead again.
      expect((await replayDeliveries(app.database.db, "dead")).replayed).toEqual(dead.map((d) => d.id));
      expect(await retryNow()).toBe(2);
      expect((await listDeadDeliveries(app.database.db)).map((d) => [d.id, d.attempts])).toEqual(
        dead.map((d) => [d.id, 4]),
      );
    } finally {
      await allow();
      await app.database.query("DELETE FROM webhook_events WHERE processed_at IS NULL");
    }
  });

  it("refuses to replay what is not dead, saying why", async () => {
    const a = await clientWithActiveNumber(app);
    await post(a.phoneNumberId, "en attente");
    const [pending] = await rows<{ id: string }>("SELECT id FROM webhook_events WHERE processed_at IS NULL");
    await drainWebhooks(app);
    expect(await replayDeliveries(app.database.db, [Number(pending!.id), 987654321])).toEqual({
      replayed: [],
      refused: [
        { id: Number(pending!.id), reason: "already processed" },
        { id: 987654321, reason: "no such delivery" },
      ],
    });
    expect(await replayDeliveries(app.database.db, "dead")).toEqual({ replayed: [], refused: [] });
  });
});

describe("the operator's commands", () => {
  it("read their arguments: ids, or --dead, or a clear refusal", () => {
    expect(replayTargetOf(["--dead"])).toBe("dead");
    expect(replayTargetOf(["42", "7"])).toEqual([42, 7]);
    for (const args of [[], ["#42"], ["42", "--dead"], ["-1"], ["4.2"], ["99999999999999999999"]])
      expect(replayTargetOf(args), args.join(" ")).toHaveProperty("error");
  });

  it("list a dead delivery in one line, without its body", () => {
    const line = deadDeliveryLine({
      id: 42,
      receivedAt: new Date("2026-03-01T10:00:00Z"),
      deadAt: new Date("2026-03-01T10:09:00Z"),
      attempts: 10,
      error: "value too long for type character varying(64)",
      bytes: 1234,
    });
    expect(line).toBe(
      "#42  received 2026-03-01T10:00:00.000Z  dead 2026-03-01T10:09:00.000Z  10 attempts  1234 bytes  value too long for type character varying(64)",
    );
  });
});
