import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/test-database";
import { eventually, jobsSettled } from "../../../../test/support/waiting";
import { createLogger } from "../logger";
import { defineJob } from "./define-job";
import { JobQueue } from "./queue";

interface Deps {
  seen: string[];
  attempts: Map<string, number>;
  batches?: string[][];
}

const recordJob = defineJob({
  name: "test.record",
  schema: z.object({ label: z.string().min(1) }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  async handler(payload, { deps }: { deps: Deps }) {
    deps.seen.push(payload.label);
  },
});

const flakyJob = defineJob({
  name: "test.flaky",
  schema: z.object({ label: z.string() }),
  retry: { limit: 2, delaySeconds: 0, backoff: false },
  async handler(payload, { deps }: { deps: Deps }) {
    const attempt = (deps.attempts.get(payload.label) ?? 0) + 1;
    deps.attempts.set(payload.label, attempt);
    if (attempt < 2) throw new Error("transient failure");
    deps.seen.push(`${payload.label}@${attempt}`);
  },
});

const slowJob = defineJob({
  name: "test.slow",
  schema: z.object({ label: z.string() }),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  async handler(payload, { deps }: { deps: Deps }) {
    deps.seen.push(`${payload.label}:started`);
    await new Promise((resolve) => setTimeout(resolve, 800));
    deps.seen.push(`${payload.label}:finished`);
  },
});

/** A batch job: the handler gets every fetched job at once; "fail-once" fails its first attempt. */
const batchJob = defineJob({
  name: "test.batch",
  schema: z.object({ label: z.string() }),
  retry: { limit: 2, delaySeconds: 0, backoff: false },
  batchSize: 10,
  async handler() {
    throw new Error("the worker runs this job in batches");
  },
  async handleBatch(items, { deps }: { deps: Deps }) {
    deps.batches?.push(items.map((i) => i.payload.label));
    const failures = new Map<string, Error>();
    for (const item of items) {
      const attempt = (deps.attempts.get(item.payload.label) ?? 0) + 1;
      deps.attempts.set(item.payload.label, attempt);
      if (item.payload.label === "fail-once" && attempt === 1)
        failures.set(item.jobId, new Error("transient"));
      else deps.seen.push(`${item.payload.label}@${attempt}`);
    }
    return failures;
  },
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function startQueue(deps: Deps) {
  const queue = new JobQueue<Deps>(database, createLogger("silent"), { connectionString: database.url });
  await queue.start([recordJob, flakyJob, slowJob, batchJob]);
  await queue.work(deps, { pollingIntervalSeconds: 0.5 });
  return queue;
}

const waitFor = (check: () => boolean) => eventually(async () => check());

describe("job queue", () => {
  it("enqueues inside the caller's transaction: a rollback leaves no job, a commit runs it", async () => {
    const deps: Deps = { seen: [], attempts: new Map() };
    const queue = await startQueue(deps);
    try {
      await expect(
        database.db.transaction(async (tx) => {
          await queue.enqueue(recordJob, { label: "rolled-back" }, { tx });
          throw new Error("abort");
        }),
      ).rejects.toThrow("abort");
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1`);
        await queue.enqueue(recordJob, { label: "committed" }, { tx });
      });
      await waitFor(() => deps.seen.includes("committed"));
      // No job row was ever written for the rolled-back one: no worker can ever run it.
      const { rows } = await database.query(
        "SELECT data->>'label' AS label FROM pgboss.job WHERE name = $1",
        [recordJob.name],
      );
      expect(rows).toEqual([{ label: "committed" }]);
      expect(deps.seen).not.toContain("rolled-back");
    } finally {
      await queue.stop();
    }
  });

  it("refuses a payload that does not match the job's schema", async () => {
    const queue = await startQueue({ seen: [], attempts: new Map() });
    try {
      await expect(queue.enqueue(recordJob, { label: "" })).rejects.toThrow();
    } finally {
      await queue.stop();
    }
  });

  it("retries a failed attempt under the job's retry policy", async () => {
    const deps: Deps = { seen: [], attempts: new Map() };
    const queue = await startQueue(deps);
    try {
      await queue.enqueue(flakyJob, { label: "flaky" });
      await waitFor(() => deps.seen.includes("flaky@2"));
      expect(deps.attempts.get("flaky")).toBe(2);
    } finally {
      await queue.stop();
    }
  });

  it("hands the fetched jobs to a batch handler at once and retries only the one that failed", async () => {
    const deps: Deps = { seen: [], attempts: new Map(), batches: [] };
    // Queued before the worker starts, so that its first fetch takes them all.
    const producer = new JobQueue<Deps>(database, createLogger("silent"), { connectionString: database.url });
    await producer.start([batchJob]);
    for (const label of ["a", "fail-once", "b"]) await producer.enqueue(batchJob, { label });
    await producer.stop();
    const queue = await startQueue(deps);
    try {
      await waitFor(() => deps.seen.includes("fail-once@2"));
      // Every job has ended: whatever could run again would have by now.
      await jobsSettled(database, batchJob.name);
      expect(deps.batches![0]!.sort()).toEqual(["a", "b", "fail-once"]);
      // Completed once: the two that went are never run again.
      expect(deps.seen.sort()).toEqual(["a@1", "b@1", "fail-once@2"]);
    } finally {
      await queue.stop();
    }
  });

  it("finishes the job in flight before stopping", async () => {
    const deps: Deps = { seen: [], attempts: new Map() };
    const queue = await startQueue(deps);
    await queue.enqueue(slowJob, { label: "slow" });
    await waitFor(() => deps.seen.includes("slow:started"));
    await queue.stop();
    expect(deps.seen).toContain("slow:finished");
  });
});
