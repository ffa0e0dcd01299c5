/**
 * Campaign creation at the largest size a campaign takes (MAX_CAMPAIGN_RECIPIENTS, 50,000 rows):
 * the estimate and the creation through the running product's API (validation, deduplication,
 * opt-outs, pricing, the recipients stored, the first round queued), each timed end to end from
 * the client's side, then how soon the first messages of a campaign started at once are created.
 * One row in ten repeats an earlier number written another way, so deduplication does real work.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { MAX_CAMPAIGN_RECIPIENTS } from "../../src/contracts/campaigns";
import type { Stack } from "./stack";
import { fmt, http, percentile, sleep } from "./support";
import type { Tenant } from "./tenants";

/** "Sends start at once": the first message reaches Meta within this many seconds of creation. */
const FIRST_SEND_MARK_SECONDS = 3;
const ROWS = Number(process.env.BENCH_CAMPAIGN_ROWS ?? MAX_CAMPAIGN_RECIPIENTS);
const RUNS = 3;
const MARK_SECONDS = 10;

type Row = (area: string, metric: string, value: string, ceiling: string, mark: string) => void;

function recipients(count: number, seed: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = i % 10 === 9 ? i - 9 : i; // every tenth row: row i−9's number again, written locally
    const digits = String(seed * 1_000_000 + n)
      .padStart(8, "0")
      .slice(-8);
    return {
      phone: i % 10 === 9 ? `06${digits}` : `+2126${digits}`,
      name: `Candidat ${i}`,
      body: [{ text: `Candidat ${i}` }, { text: "cariste" }, { text: "Tanger" }],
    };
  });
}

/** Two days ahead, in the client's wall time: the campaign is stored but does not start sending. */
const later = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);

export async function runCampaignCreateBench(stack: Stack, tenant: Tenant, row: Row): Promise<void> {
  console.log(`\n== Campaign creation (${fmt(ROWS)} rows, one request)`);
  const headers = { authorization: `Bearer ${tenant.apiKey}` };
  const draft = (seed: number) => ({
    connectionId: tenant.connectionId,
    template: { name: "job_opportunity", language: "fr" },
    recipients: recipients(ROWS, seed),
  });
  const bytes = JSON.stringify(draft(1)).length;
  const estimates: number[] = [];
  const creations: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const body = draft(run + 1);
    let started = performance.now();
    const estimate = await http<{ sendable: number; duplicates: unknown[] }>(
      `${stack.appUrl}/api/campaigns/estimate`,
      { headers, body },
    );
    estimates.push(performance.now() - started);
    if (estimate.status !== 200)
      throw new Error(`estimate: ${estimate.status} ${JSON.stringify(estimate.json)}`);
    const expectedDuplicates = Math.floor(ROWS / 10);
    if (
      estimate.json.duplicates.length !== expectedDuplicates ||
      estimate.json.sendable !== ROWS - expectedDuplicates
    )
      throw new Error(
        `estimate: ${estimate.json.sendable} sendable, ${estimate.json.duplicates.length} duplicates`,
      );
    started = performance.now();
    const created = await http<{ id: string; recipientCount: number }>(`${stack.appUrl}/api/campaigns`, {
      headers,
      body: { ...body, name: `Bench ${run}`, scheduledAt: later() },
    });
    creations.push(performance.now() - started);
    if (created.status !== 201 || created.json.recipientCount !== ROWS)
      throw new Error(`create: ${created.status} ${JSON.stringify(created.json).slice(0, 300)}`);
    await http(`${stack.appUrl}/api/campaigns/${created.json.id}/cancel`, { headers, body: {} });
    console.log(
      `run ${run + 1}: estimate ${fmt(estimates.at(-1)! / 1000, 2)} s, create ${fmt(creations.at(-1)! / 1000, 2)} s`,
    );
  }
  const worst = Math.max(...creations) / 1000;
  console.log(`request body ${fmt(bytes / 2 ** 20, 1)} MiB`);
  row(
    "campaigns",
    `create ${fmt(ROWS)} recipients (one request, ${fmt(bytes / 2 ** 20, 1)} MiB)`,
    `median ${fmt(percentile(creations, 50) / 1000, 2)} s, worst ${fmt(worst, 2)} s`,
    `estimate alone: median ${fmt(percentile(estimates, 50) / 1000, 2)} s`,
    worst < MARK_SECONDS ? `ok (< ${MARK_SECONDS} s)` : `missed (< ${MARK_SECONDS} s)`,
  );

  // Started at once: how soon its first messages exist (its first round runs in the worker).
  const started = performance.now();
  const now = await http<{ id: string }>(`${stack.appUrl}/api/campaigns`, {
    headers,
    body: { ...draft(RUNS + 1), name: "Bench now" },
  });
  if (now.status !== 201) throw new Error(`create: ${now.status}`);
  const created = performance.now() - started;
  // Three moments: the first message row created by the first round, the first one Meta accepted
  // (its wamid back from the send job), and the first recipient marked queued (at the round's end).
  const firsts: { created?: number; accepted?: number; queued?: number } = {};
  const database = new pg.Client({ connectionString: stack.databaseUrl });
  await database.connect();
  try {
    while (performance.now() - started < 60_000 && firsts.queued === undefined) {
      const { rows } = await database.query(
        `select
           exists (select 1 from messages where idempotency_key like $2) as created,
           exists (select 1 from messages where idempotency_key like $2 and wamid is not null) as accepted,
           exists (select 1 from campaign_recipients where campaign_id = $1 and outcome = 'queued') as queued`,
        [now.json.id, `campaign:${now.json.id}:%`],
      );
      const at = performance.now() - started;
      for (const key of ["created", "accepted", "queued"] as const)
        if (rows[0][key] && firsts[key] === undefined) firsts[key] = at;
      await sleep(20);
    }
  } finally {
    await database.end();
  }
  const seconds = (ms: number | undefined) => (ms === undefined ? "never (60 s)" : `${fmt(ms / 1000, 2)} s`);
  const firstSend = firsts.accepted;
  await http(`${stack.appUrl}/api/campaigns/${now.json.id}/cancel`, { headers, body: {} });
  console.log(
    `started at once: created in ${fmt(created / 1000, 2)} s; first message created ${seconds(firsts.created)}, accepted by Meta ${seconds(firsts.accepted)}, first recipient settled ${seconds(firsts.queued)} after the request`,
  );
  row(
    "campaigns",
    `${fmt(ROWS)} recipients started at once: first message accepted by Meta`,
    firstSend === undefined ? "not within 60 s" : `${fmt((firstSend - created) / 1000, 2)} s after creation`,
    `created in ${fmt(created / 1000, 2)} s; first message row ${seconds(firsts.created === undefined ? undefined : firsts.created - created)} after creation`,
    firstSend !== undefined && (firstSend - created) / 1000 < FIRST_SEND_MARK_SECONDS ? "ok" : "missed",
  );
}
