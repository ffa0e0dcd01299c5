import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heldTransaction, isWaitingOnALock } from "../../../../test/support/held-transaction";
import { buildConversation, buildMessage } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { testBackend } from "../../../../test/support/test-database";
import { eventually } from "../../../../test/support/waiting";
import type { Db } from "../../platform/db/client";
import type { PendingEvent } from "../../platform/events/domain-events";
import { applyStatuses } from "../messaging/statuses/statuses.service";
import { tenantRepositories } from "../tenant-repositories";
import { countInbound } from "./ledger.service";
import { foldRollupDeltas } from "./rollup-fold.repository";

/**
 * The rollups as batches add to them (appended deltas) and the worker folds them: what readers see
 * before and after a fold, a backlog, two clients' deltas, and the concurrent batches that used to
 * wait for each other's commit.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

/** 2027-01-15 (Morocco's time): after every seeded price. */
const T = 1_800_000_000;
const JANUARY = "2027-01-01";
const inbound = (clientId: string, connectionId: string, count: number) =>
  Array.from({ length: count }, () => ({
    clientId,
    connectionId,
    occurredAt: new Date(T * 1000),
    waId: "212611000001",
  }));

const openTransaction = (work: (tx: Db) => Promise<unknown>) => heldTransaction(app.database.db, work);

describe("the rollup deltas", () => {
  it("are counted by readers before they are folded, and the fold changes no figure", async () => {
    const { clientId, connectionId } = await buildConversation(app);
    const costs = tenantRepositories(app.database.db, clientId).costs;
    for (let batch = 0; batch < 3; batch++)
      await app.database.db.transaction((tx) => countInbound(tx, inbound(clientId, connectionId, batch + 1)));
    const before = await costs.monthBy(JANUARY, "number");
    expect(before).toEqual([expect.objectContaining({ key: connectionId, inbound: 6 })]);

    await foldRollupDeltas(app.database.db);
    expect(await costs.monthBy(JANUARY, "number")).toEqual(before);
    const rows = await app.database.query(
      "SELECT messages FROM cost_rollups WHERE client_id = $1 AND category = 'inbound'",
      [clientId],
    );
    expect(rows.rows).toEqual([{ messages: 6 }]);
    const left = await app.database.query(
      "SELECT count(*)::int AS n FROM cost_rollup_deltas WHERE client_id = $1",
      [clientId],
    );
    expect(left.rows[0]).toEqual({ n: 0 });
  });

  it("fold a backlog in steps, each client's into its own rows", async () => {
    const a = await buildConversation(app);
    const b = await buildConversation(app);
    const shared = randomUUID(); // the same key but for the client: the rows must stay apart
    // A backlog larger than one fold's step, for two clients.
    await app.database.query(
      `INSERT INTO cost_rollup_deltas (client_id, month, connection_id, market, category, pricing_type, messages, amount_mad)
       SELECT CASE WHEN n % 4 = 0 THEN $2::uuid ELSE $1::uuid END, $3::date, $4::uuid, 'MA', 'inbound', 'inbound', 1, 0
       FROM generate_series(1, 24000) AS n`,
      [a.clientId, b.clientId, JANUARY, shared],
    );
    expect(await foldRollupDeltas(app.database.db)).toBeGreaterThanOrEqual(24_000);

    const figures = (clientId: string) =>
      tenantRepositories(app.database.db, clientId).costs.monthBy(JANUARY, "number");
    expect(await figures(a.clientId)).toEqual([expect.objectContaining({ key: shared, inbound: 18_000 })]);
    expect(await figures(b.clientId)).toEqual([expect.objectContaining({ key: shared, inbound: 6_000 })]);
  });
});

// On PostgreSQL only: PGlite has one connection, so two transactions are never open at once there.
describe.skipIf(testBackend !== "postgres")("a client's concurrent batches", () => {
  it("add to the same rollups without waiting for each other's commit", async () => {
    const { clientId, connectionId } = await buildConversation(app);
    const first = openTransaction((tx) => countInbound(tx, inbound(clientId, connectionId, 2)));
    await first.ready;
    // A rollup row locked by the open batch would make this one wait: the lock timeout says so.
    await app.database.db.transaction(async (tx) => {
      await tx.execute("SET LOCAL lock_timeout = '1s'");
      await countInbound(tx, inbound(clientId, connectionId, 3));
    });
    first.commit();
    await first.done;
    const [figures] = await tenantRepositories(app.database.db, clientId).costs.monthBy(JANUARY, "number");
    expect(figures?.inbound).toBe(5);
  });

  it("announce a budget threshold they cross together once, in the batch that crossed it", async () => {
    const marketing = { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" };
    const { clientId } = await buildConversation(app);
    await tenantRepositories(app.database.db, clientId).costs.setBudget(null, 1, null);
    // Each in its own chat: two batches of statuses share no conversation row to wait on.
    const messages: Awaited<ReturnType<typeof buildMessage>>[] = [];
    for (let i = 0; i < 5; i++) {
      const conversation = await buildConversation(app, { clientId });
      messages.push(
        await buildMessage(app, { conversationId: conversation.id, direction: "outbound", type: "template" }),
      );
    }
    const deliver = (tx: Db, i: number) =>
      applyStatuses(tx, clientId, [
        {
          id: messages[i]!.wamid!,
          status: "delivered",
          timestamp: String(T + 1),
          recipient_id: "212611000001",
          pricing: marketing,
        },
      ]);
    const notices = (events: unknown) =>
      (events as PendingEvent[])
        .filter((e) => e.name === "budget:crossed")
        .map((e) => (e.payload as { level: string }).level);
    for (let i = 0; i < 3; i++) await app.database.db.transaction((tx) => deliver(tx, i)); // 0.6075 MAD

    const first = openTransaction((tx) => deliver(tx, 3)); // 0.81: past 80 %
    await first.ready;
    let secondSettled = false;
    const second = app.database.db
      .transaction((tx) => deliver(tx, 4))
      .finally(() => {
        secondSettled = true;
      }); // 1.0125: past 100 %, once it counts the first
    // The second batch either finished or waits for the first's commit before reading the spend.
    await eventually(async () => secondSettled || (await isWaitingOnALock(app.database)));
    first.commit();
    expect(notices(await first.done)).toEqual(["warning"]);
    expect(notices(await second)).toEqual(["exceeded"]);
  });
});
