/**
 * One webhook-ingress run as the benches measure it: the load generator posts signed deliveries
 * (a closed loop of N in flight or an open loop at a fixed rate), then the run waits until the
 * worker has processed every stored delivery and reads back what was stored, with the CPU each
 * process used meanwhile. Shared by `run.ts` (the product alone) and `deployed.ts` (behind nginx).
 */
import type { ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { gaugeOf, histogramOf, quantileBound, scrapeMetrics } from "./histogram-scrape";
import type { IngressResult, IngressRun } from "./load-generator";
import { type IngressSpec, planIngress, statusTargetWamid } from "./payloads";
import type { Stack } from "./stack";
import { ask, cpuSecondsOf, fmt, postgresCpuSeconds, waitFor } from "./support";
import type { Tenant } from "./tenants";

export type IngressMode =
  | { mode: "closed"; concurrency: number }
  | { mode: "open"; deliveriesPerSecond: number };

/** A process to account for: a child of ours, or the pids of another's processes (nginx's workers). */
export type Measured = ChildProcess | { pids: () => number[] } | undefined;

const cpuOf = (process: Measured): number => {
  if (!process) return 0;
  if ("pids" in process) return process.pids().reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  return process.pid ? cpuSecondsOf(process.pid) : 0;
};

/** CPU used by the processes under test during `work`, as a share of one core. */
export async function withCpu<T>(
  processes: Record<string, Measured>,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number>; seconds: number }> {
  const before = Object.fromEntries(
    Object.entries(processes).map(([name, process]) => [name, cpuOf(process)]),
  );
  const pgBefore = postgresCpuSeconds();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpu: Record<string, number> = {};
  for (const [name, process] of Object.entries(processes))
    cpu[name] = (cpuOf(process) - (before[name] ?? 0)) / seconds;
  cpu.postgres = (postgresCpuSeconds() - pgBefore) / seconds;
  return { result, cpu, seconds };
}

export const cpuText = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .map(([name, share]) => `${name} ${fmt(share * 100)}%`)
    .join(", ");

export async function seedStatusTargets(stack: Stack, tenants: Tenant[], runId: string, perNumber: number[]) {
  for (const [number, count] of perNumber.entries()) {
    if (count === 0) continue;
    const tenant = tenants[number]!;
    const waId = `2128${String(number).padStart(8, "0")}`;
    const contact = await stack.admin.query(
      `insert into contacts (client_id, wa_id, phone, profile_name) values ($1, $2, $3, 'Status target')
       on conflict (client_id, wa_id) do update set updated_at = now() returning id`,
      [tenant.clientId, waId, `+${waId}`],
    );
    const conversation = await stack.admin.query(
      `insert into conversations (client_id, connection_id, contact_id, last_message_at) values ($1, $2, $3, now())
       on conflict (connection_id, contact_id) do update set updated_at = now() returning id`,
      [tenant.clientId, tenant.connectionId, contact.rows[0].id],
    );
    await stack.admin.query(
      `insert into messages (client_id, conversation_id, direction, wamid, type, content, text, status, sent_at)
       select $1, $2, 'outbound', $3 || i, 'text', '{"content":{"type":"text","body":"Bonjour"}}', 'Bonjour', 'sent', now()
       from generate_series(0, $4::int - 1) i`,
      [tenant.clientId, conversation.rows[0].id, statusTargetWamid(runId, number, 0).slice(0, -1), count],
    );
  }
}

export interface Processed {
  rows: number;
  seconds: number;
  lagP50: number;
  lagP99: number;
  errors: number;
}

/**
 * Waits until every delivery stored since `afterId` is processed; the database's own times. The
 * poll asks for one pending delivery through the pending index, and counts the stored ones only
 * once none is pending: counting every delivery of the run each 50 ms cost the database about 10 ms
 * a time at 34,000 rows, a fifth of a core taken from the processing it measures.
 */
export async function waitProcessed(stack: Stack, afterId: number, expectedRows: number): Promise<Processed> {
  await waitFor(
    `${expectedRows} deliveries processed`,
    async () => {
      const { rows } = await stack.admin.query(
        `select exists (select 1 from webhook_events where processed_at is null and id > $1) as pending`,
        [afterId],
      );
      if (rows[0].pending) return false;
      const stored = await stack.admin.query("select count(*)::int as n from webhook_events where id > $1", [
        afterId,
      ]);
      return stored.rows[0].n >= expectedRows;
    },
    300_000,
    50,
  );
  const { rows } = await stack.admin.query(
    `select count(*)::int as rows,
            extract(epoch from max(processed_at) - min(received_at))::float as seconds,
            percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at))::float as p50,
            percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at))::float as p99,
            count(*) filter (where error is not null)::int as errors
     from webhook_events where id > $1`,
    [afterId],
  );
  const r = rows[0];
  return { rows: r.rows, seconds: r.seconds, lagP50: r.p50 * 1000, lagP99: r.p99 * 1000, errors: r.errors };
}

export async function lastWebhookId(stack: Stack): Promise<number> {
  const { rows } = await stack.admin.query("select coalesce(max(id), 0)::int as id from webhook_events");
  return rows[0].id;
}

export interface IngressOutcome {
  acked: IngressResult;
  processed: Processed;
  /**
   * The web side during the load (each quantile a bucket's upper bound; null: none counted): its
   * waits for a pool connection, its group writes on receipt, its event loop's lag.
   */
  web: {
    poolWaitP99: number | null;
    /** One group's insert and commit on receipt (seconds), and the deliveries per group. */
    intakeWriteP50: number | null;
    intakeWriteP99: number | null;
    intakeWriteMax: number | null;
    intakeGroupP50: number | null;
    loopLagP99: number | null;
    loopLagMax: number | null;
  };
  counts: {
    inboundStored: number;
    inboundExpected: number;
    statusesApplied: number;
    readExpected: number;
    delivered: number;
    deliveredExpected: number;
  };
  cpu: Record<string, number>;
}

export async function ingressRun(
  stack: Stack,
  tenants: Tenant[],
  loadgen: ChildProcess,
  spec: IngressSpec,
  mode: IngressMode,
  /** Where the deliveries go (default: the product's own `/webhook`) and whose CPU to report. */
  target: { url?: string; processes?: Record<string, Measured> } = {},
): Promise<IngressOutcome> {
  const plan = planIngress(spec);
  await seedStatusTargets(stack, tenants, spec.runId, plan.statusTargetsPerNumber);
  const afterId = await lastWebhookId(stack);
  const run: IngressRun = {
    type: "ingress",
    url: target.url ?? `${stack.appUrl}/webhook`,
    appSecret: stack.appSecret,
    spec,
    mode: mode.mode,
    concurrency: mode.mode === "closed" ? mode.concurrency : 512,
    ...(mode.mode === "open" ? { deliveriesPerSecond: mode.deliveriesPerSecond } : {}),
  };
  // What the web side waited for during the load: its group writes on receipt, a connection of its
  // pool, its event loop (prom-client's event-loop lag restarts at each scrape, so this one starts it).
  const webMetrics = () => scrapeMetrics(stack.appUrl).catch(() => "");
  const before = await webMetrics();
  const { result, cpu } = await withCpu(target.processes ?? { product: stack.product, loadgen }, async () => {
    const acked = await ask<IngressResult>(loadgen, run);
    const after = await webMetrics();
    const quantile = (name: string, q: number, withLabel?: string) =>
      quantileBound(histogramOf(before, name, withLabel), histogramOf(after, name, withLabel), q);
    const web = {
      poolWaitP99: quantile("database_pool_wait_seconds", 0.99, 'role="web"'),
      intakeWriteP50: quantile("webhook_intake_write_seconds", 0.5),
      intakeWriteP99: quantile("webhook_intake_write_seconds", 0.99),
      intakeWriteMax: quantile("webhook_intake_write_seconds", 1),
      intakeGroupP50: quantile("webhook_intake_group_deliveries", 0.5),
      loopLagP99: gaugeOf(after, "nodejs_eventloop_lag_p99_seconds"),
      loopLagMax: gaugeOf(after, "nodejs_eventloop_lag_max_seconds"),
    };
    const processed = await waitProcessed(stack, afterId, plan.expected.distinctBodies);
    return { acked, processed, web };
  });
  const { rows } = await stack.admin.query(
    `select count(*) filter (where wamid like $1)::int as inbound,
            count(*) filter (where wamid like $2 and status = 'read' and read_at is not null)::int as read,
            count(*) filter (where wamid like $2 and delivered_at is not null)::int as delivered
     from messages where wamid like $3`,
    [`wamid.bench.${spec.runId}.in.%`, `wamid.bench.${spec.runId}.out.%`, `wamid.bench.${spec.runId}.%`],
  );
  return {
    ...result,
    cpu,
    counts: {
      inboundStored: rows[0].inbound,
      inboundExpected: plan.expected.inboundWamids,
      statusesApplied: rows[0].read,
      readExpected: plan.expected.readTargets,
      delivered: rows[0].delivered,
      deliveredExpected: plan.statusTargetsPerNumber.reduce((a, b) => a + b, 0),
    },
  };
}

export async function ceilingRun(
  bareUrl: string,
  loadgen: ChildProcess,
  spec: IngressSpec,
  mode: IngressMode,
): Promise<IngressResult> {
  return ask<IngressResult>(loadgen, {
    type: "ingress",
    url: `${bareUrl}/webhook`,
    appSecret: "ceiling",
    spec,
    mode: mode.mode,
    concurrency: mode.mode === "closed" ? mode.concurrency : 512,
    ...(mode.mode === "open" ? { deliveriesPerSecond: mode.deliveriesPerSecond } : {}),
  } satisfies IngressRun);
}

export const ackRate = (r: IngressResult) => ((r.byStatus["200"] ?? 0) / r.durationMs) * 1000;
export const eventsPerDelivery = (spec: IngressSpec) =>
  (5 - spec.statusOutOf5 + spec.statusOutOf5 * spec.statusesPerDelivery) / 5;

/** Every inbound message stored once, every status applied, nothing failed on either side. */
export const lossless = (outcome: IngressOutcome) =>
  outcome.counts.inboundStored === outcome.counts.inboundExpected &&
  outcome.counts.statusesApplied === outcome.counts.readExpected &&
  outcome.counts.delivered === outcome.counts.deliveredExpected &&
  outcome.processed.errors === 0 &&
  outcome.acked.errors === 0;

/**
 * The benches' delivery mix: of every 5 deliveries 3 are inbound texts and 2 carry 3 statuses each,
 * every 50th is posted twice (Meta's retry) and every 100th text comes again in another delivery.
 */
export const benchMix = (runId: string, numbers: Tenant[], deliveries: number): IngressSpec => ({
  runId,
  numbers,
  deliveries,
  candidatesPerNumber: 2000,
  statusOutOf5: 2,
  statusesPerDelivery: 3,
  duplicateEvery: 50,
  rewrapEvery: 100,
  stampText: false,
});
