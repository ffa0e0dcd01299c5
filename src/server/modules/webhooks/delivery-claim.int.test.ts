import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testBackend } from "../../../../test/support/test-database";
import { candidateKeyOf } from "./delivery-key";
import { claimDueSql, webhookEventsRepository } from "./webhook-events.repository";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const delivery = (phoneNumberId: string, from: string | null, n: number) =>
  Buffer.from(
    JSON.stringify({
      entry: [
        {
          changes: [
            {
              value: {
                metadata: { phone_number_id: phoneNumberId },
                ...(from ? { messages: [{ from, id: `wamid.${n}` }] } : { event: `update ${n}` }),
              },
            },
          ],
        },
      ],
    }),
  );

/** Stores the deliveries in this order; their ids, in the same order. */
async function store(bodies: Buffer[]): Promise<number[]> {
  await webhookEventsRepository(database.db).storeMany(bodies);
  const rows = (await database.query("SELECT id FROM webhook_events ORDER BY id")) as {
    rows: { id: string }[];
  };
  return rows.rows.slice(-bodies.length).map((row) => Number(row.id));
}

describe("claiming stored deliveries", () => {
  it("keeps each delivery's candidate key and takes every due delivery, oldest first", async () => {
    const bodies = [
      delivery("1065", "2126001", 1),
      delivery("1065", "2126002", 2),
      delivery("1065", null, 3),
    ];
    const ids = await store(bodies);
    const keys = (await database.query("SELECT candidate_key FROM webhook_events ORDER BY id")) as {
      rows: { candidate_key: number | null }[];
    };
    expect(keys.rows.map((row) => row.candidate_key)).toEqual(bodies.map(candidateKeyOf));
    expect(keys.rows[2]!.candidate_key).toBeNull();

    const claimed = await database.db.transaction(async (tx) => {
      const result = (await tx.execute(claimDueSql(10))) as unknown as { rows: { id: string }[] };
      return result.rows.map((row) => Number(row.id));
    });
    expect(claimed).toEqual(ids);
    await database.query("UPDATE webhook_events SET processed_at = now()");
  });

  it("takes due deliveries in the order they fell due, a retry in its turn, and none not due yet", async () => {
    const [first, retried, later] = await store([
      delivery("1065", "2126001", 4),
      delivery("1065", "2126002", 5),
      delivery("1065", "2126003", 6),
    ]);
    // The second failed once and has been due again since before the others arrived; the third's
    // retry is not due yet.
    await database.query(
      "UPDATE webhook_events SET attempts = 1, next_attempt_at = now() - interval '1 minute' WHERE id = $1",
      [retried],
    );
    await database.query(
      "UPDATE webhook_events SET attempts = 1, next_attempt_at = now() + interval '1 minute' WHERE id = $1",
      [later],
    );
    const claimed = await database.db.transaction(async (tx) => {
      const result = (await tx.execute(claimDueSql(10))) as unknown as { rows: { id: string }[] };
      return result.rows.map((row) => Number(row.id));
    });
    expect(claimed).toEqual([retried, first]);
    await database.query("UPDATE webhook_events SET processed_at = now()");
  });

  // Two transactions at once need two connections: PGlite has one.
  it.skipIf(testBackend !== "postgres")(
    "skips the deliveries of a candidate another batch holds, and takes them once it ends",
    async () => {
      const ids = await store([
        delivery("1065", "2126001", 10), // held by the first batch
        delivery("1065", "2126002", 11),
        delivery("1065", "2126001", 12), // the same candidate: left to the first batch's end
        delivery("1065", null, 13), // no candidate: any batch
        delivery("1066", "2126001", 14), // the same candidate on another number: another key
      ]);
      const first = new pg.Client({ connectionString: database.url });
      const second = new pg.Client({ connectionString: database.url });
      await Promise.all([first.connect(), second.connect()]);
      try {
        await first.query("BEGIN");
        const firstBatch = await first.query(claimDueSql(1));
        expect(firstBatch.rows.map((row) => Number(row.id))).toEqual([ids[0]]);

        await second.query("BEGIN");
        const secondBatch = await second.query(claimDueSql(10));
        expect(secondBatch.rows.map((row) => Number(row.id))).toEqual([ids[1], ids[3], ids[4]]);
        await second.query("COMMIT"); // ended without marking them: due again

        await first.query("COMMIT");
        await second.query("BEGIN");
        const afterFirst = await second.query(claimDueSql(10));
        expect(afterFirst.rows.map((row) => Number(row.id))).toEqual(ids);
        await second.query("ROLLBACK");
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
    },
  );

  it.skipIf(testBackend !== "postgres")(
    "holds no candidate's key beyond the deliveries it took",
    async () => {
      await database.query("UPDATE webhook_events SET processed_at = now()");
      const ids = await store([delivery("1065", "2126101", 20), delivery("1065", "2126102", 21)]);
      const first = new pg.Client({ connectionString: database.url });
      const second = new pg.Client({ connectionString: database.url });
      await Promise.all([first.connect(), second.connect()]);
      try {
        await first.query("BEGIN");
        expect((await first.query(claimDueSql(1))).rows.map((row) => Number(row.id))).toEqual([ids[0]]);
        await second.query("BEGIN");
        expect((await second.query(claimDueSql(1))).rows.map((row) => Number(row.id))).toEqual([ids[1]]);
        await Promise.all([first.query("ROLLBACK"), second.query("ROLLBACK")]);
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
    },
  );
});
