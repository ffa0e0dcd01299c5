import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../../test/support/test-database";
import type { ServerDeps } from "../../../deps";
import { createLogger } from "../../../platform/logger";
import { purgeRateBudgetsJob } from "./purge-rate-budgets.job";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("the rate budgets purge", () => {
  it("deletes every budget idle for ten minutes, whatever their number, and keeps the ones in use", async () => {
    await database.query(
      `INSERT INTO rate_budgets (key, tat)
       SELECT 'pair:n:2126' || lpad(g::text, 8, '0'), now() - interval '11 minutes' FROM generate_series(1, 12) g`,
    );
    await database.query(
      "INSERT INTO rate_budgets (key, tat) VALUES ('pair:n:recent', now() - interval '9 minutes'), ('number:n', now() + interval '1 second')",
    );
    const deps = { database } as unknown as ServerDeps;
    await purgeRateBudgetsJob.handler(
      {},
      { jobId: "test", deps, log: createLogger("silent"), retryCount: 0, isLastAttempt: false },
    );
    const left = await database.query("SELECT key FROM rate_budgets ORDER BY key");
    expect(left.rows.map((r) => r.key)).toEqual(["number:n", "pair:n:recent"]);
  });
});
