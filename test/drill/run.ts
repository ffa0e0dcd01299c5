/**
 * `npm run drill` (`-- --small` for CI): the reliability drill. In one bounded run against live
 * mode (the product as production runs it: the compiled build, `node dist/…/main.js`, `ROLE=all`,
 * built afresh at the drill's start) on a PostgreSQL server of its own and the
 * standalone simulator: a shuffled inbound load with duplicates, a campaign, hostile status orders,
 * then three faults in sequence while the load runs (kill -9 of the product, PostgreSQL stopped,
 * Meta failing sends); then it waits for everything to settle, checks the database and Meta's log,
 * prints the figures and exits non-zero when a mark is missed. See RELIABILITY.md.
 *
 *   DRILL_SEED   the seed of the shuffles and choices (printed; default: from the clock)
 */
import { execSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildServer } from "../../scripts/build-server";
import { type Stack, startStack } from "../bench/stack";
import { fmt, freePort, stopChildren } from "../bench/support";
import { connectTenants } from "../bench/tenants";
import { startCampaign } from "./campaign";
import { crashProduct, type FaultEnd, failSends, stopPostgres } from "./faults";
import { HostileStatuses } from "./hostile-statuses";
import { planInbound } from "./inbound-deliveries";
import { MetaSentLog } from "./meta-sent-log";
import { type Poster, startPoster } from "./poster-client";
import { createPostgresCluster, type PostgresCluster } from "./postgres-cluster";
import { seededRandom } from "./random";
import { type Recovery, RecoveryProbes } from "./recovery";
import { drillReport } from "./report";
import { scaleFromArgs } from "./scale";
import { settle } from "./settle";
import { scrambleSimulatorWebhooks, simulatorControl } from "./simulator-control";
import { ProductSupervisor } from "./supervisor";
import { verify } from "./verify";

const scale = scaleFromArgs(process.argv.slice(2));
const seed = Number(process.env.DRILL_SEED ?? Date.now() % 2 ** 31);
const runStarted = Date.now();
const elapsed = () => `${fmt((Date.now() - runStarted) / 1000)} s`;
const say = (line: string) => console.log(`[${elapsed()}] ${line}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

function header() {
  const commit = (() => {
    try {
      return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })();
  console.log(
    `Reliability drill, ${scale.name} scale · ${new Date().toISOString()} · commit ${commit} · ${cpus().length} × ${cpus()[0]?.model ?? "?"} · Node ${process.version} · seed ${seed}`,
  );
  console.log(`load average at the start: ${load()}`);
}

/** The refusals the drill's poster met since `before`, e.g. "503 ×120, ECONNREFUSED ×40". */
function refusalsSince(before: Record<string, number>, after: Record<string, number>): string {
  const parts = Object.entries(after)
    .map(([reason, n]) => [reason, n - (before[reason] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ×${n}`);
  return parts.length === 0 ? "none" : parts.join(", ");
}

/** What became of the campaign's sends that the killed process had marked `sending`. */
function strandedByTheKill(ids: string[], sentLog: MetaSentLog, restartedAt: number): string {
  const acceptedAt = new Map(sentLog.acceptances.map((a) => [a.messageId, a.at]));
  const before = ids.filter((id) => (acceptedAt.get(id) ?? Number.POSITIVE_INFINITY) < restartedAt);
  const after = ids.flatMap((id) => {
    const at = acceptedAt.get(id);
    return at !== undefined && at >= restartedAt ? [(at - restartedAt) / 1000] : [];
  });
  const range =
    after.length > 0
      ? `, ${after.length} sent after the restart, ${fmt(Math.min(...after))}–${fmt(Math.max(...after))} s after it`
      : "";
  return `campaign sends the killed process had marked sending: ${ids.length}; ${before.length} had reached Meta before the kill (the wamid came back with their status webhooks)${range}`;
}

async function drill(stack: Stack, cluster: PostgresCluster, notes: string[]) {
  const random = seededRandom(seed);
  const runId = seed.toString(36);
  const [campaignTenant, probeTenant] = await connectTenants(stack, 2);
  say("two clients connected through Embedded Signup");
  const control = simulatorControl(stack.simulatorUrl);
  const sentLog = new MetaSentLog(stack.simulatorUrl, [
    campaignTenant!.phoneNumberId,
    probeTenant!.phoneNumberId,
  ]);
  sentLog.start();
  const poster: Poster = await startPoster(`${stack.appUrl}/webhook`, 64);
  const statuses = new HostileStatuses(campaignTenant!, poster, stack.appSecret, scale.failedShare, random);
  sentLog.onAccepted((accepted) =>
    statuses.plan(accepted.filter((a) => a.phoneNumberId === campaignTenant!.phoneNumberId)),
  );
  statuses.start();
  const stopScrambling = scrambleSimulatorWebhooks(control);
  const probes = new RecoveryProbes(stack, probeTenant!, runId, sentLog);
  const supervisor = new ProductSupervisor(stack);

  const campaign = await startCampaign(stack, campaignTenant!, scale.campaignRecipients, scale.loadSeconds);
  say(
    `campaign of ${scale.campaignRecipients} created (its job queues the messages), paced at ${campaign.perSecond}/s`,
  );
  const inbound = planInbound(scale, [campaignTenant!, probeTenant!], runId, stack.appSecret, random);
  await poster.enqueue(inbound.postings, { perSecond: inbound.postings.length / scale.loadSeconds });
  say(`inbound load started: ${inbound.postings.length} posts over ${scale.loadSeconds} s`);

  const recoveries: Recovery[] = [];
  // The campaign's sends resumed: its first send Meta accepted after the fault's end.
  const resumedAfter = (endedAt: number, campaignIds: Set<string>) => {
    const first = sentLog.acceptances.filter((a) => campaignIds.has(a.messageId) && a.at >= endedAt)[0];
    return first ? `${fmt((first.at - endedAt) / 1000, 1)} s` : "never";
  };
  const underFault = async (name: string, fault: () => Promise<FaultEnd>) => {
    const before = { ...(await poster.report()).refusals };
    say(`fault: ${name}`);
    const end = await fault();
    const recovery = await probes.measure(name, end.endedAt);
    recoveries.push(recovery);
    const after = (await poster.report()).refusals;
    say(`recovered from ${name} in ${fmt(recovery.recoveryMs / 1000, 1)} s`);
    notes.push(
      `${name}: ${[...end.notes, `the drill's deliveries met ${refusalsSince(before, after)}`].join("; ")}`,
    );
    return end;
  };

  await sleep(scale.killAfterSeconds * 1000);
  let inFlightAtKill: string[] = [];
  const crash = await underFault("kill -9 of the product", () =>
    crashProduct(supervisor, async () => {
      const { rows } = await stack.admin.query<{ id: string }>(
        "select id from messages where id = any($1::uuid[]) and status = 'sending'",
        [await campaign.messageIds()],
      );
      inFlightAtKill = rows.map((r) => r.id);
    }),
  );
  await sleep(scale.calmSeconds * 1000);
  const pgDown = await underFault(`PostgreSQL stopped ${scale.postgresDownSeconds} s`, () =>
    stopPostgres(cluster, scale.postgresDownSeconds),
  );
  await sleep(scale.calmSeconds * 1000);
  const metaDown = await underFault(`Meta failing sends ${scale.sendFailureSeconds} s`, () =>
    failSends(control, scale.sendFailureSeconds),
  );
  say("faults over; waiting for everything to settle");

  const requestedSendIds = async () => [...(await campaign.messageIds()), ...probes.sendIds];
  const settledSeconds = await settle({
    db: stack.admin,
    poster,
    statuses,
    sentLog,
    control,
    requestedSendIds,
    pendingRecipients: () => campaign.pendingRecipients(),
    limitSeconds: scale.settleSeconds,
    onWaiting: (what) => say(`waiting: ${what}`),
  });
  stopScrambling();
  supervisor.stop();
  statuses.stop();
  sentLog.stop();
  await sentLog.poll();

  const campaignIds = new Set(await campaign.messageIds());
  notes.push(
    `campaign sends resumed after each fault's end: ${[crash, pgDown, metaDown].map((f) => resumedAfter(f.endedAt, campaignIds)).join(" / ")}`,
    strandedByTheKill(inFlightAtKill, sentLog, crash.endedAt),
    `Meta refused sends: ${Object.entries(sentLog.refusals)
      .map(([reason, n]) => `${reason} ×${n}`)
      .join(", ")}`,
  );
  const posterReport = await poster.report();
  const findings = await verify(
    stack.admin,
    {
      inboundWamids: [...inbound.wamids, ...probes.inboundWamids],
      requestedSendIds: await requestedSendIds(),
      pendingRecipients: await campaign.pendingRecipients(),
      drillStatuses: statuses.reported,
      poster: posterReport,
    },
    sentLog,
  );
  return drillReport({
    findings,
    poster: posterReport,
    inbound: {
      distinct: inbound.wamids.length,
      identicalCopies: inbound.identicalCopies,
      reserialisedCopies: inbound.reserialisedCopies,
    },
    statusDeliveries: statuses.deliveries,
    recoveries,
    settledSeconds,
    unexpectedExits: supervisor.unexpectedExits.map(
      (e) => `${new Date(e.at).toISOString()} (${e.signal ?? `exit code ${e.code}`})`,
    ),
  });
}

async function main(): Promise<number> {
  header();
  const workDir = mkdtempSync(join(tmpdir(), "lj-drill-"));
  const cluster = createPostgresCluster(await freePort());
  say(`PostgreSQL of the drill's own at ${cluster.url} (fsync on, synchronous_commit on)`);
  // However the drill ends (even interrupted), its PostgreSQL server is stopped and removed: the
  // removal is synchronous, so it can run as the process exits.
  process.on("exit", () => cluster.destroy());
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void stopChildren().finally(() => process.exit(130));
    });
  const productLogFile = join(workDir, "product.log");
  let stack: Stack | null = null;
  const notes: string[] = [];
  let outcome: { text: string; passed: boolean } | null = null;
  try {
    // The product restarts after kill -9 as production restarts it: compiled JavaScript, no
    // TypeScript compilation at start. Built afresh (a second or two), so it is this commit's code;
    // in a folder of the drill's own, so a build in `dist/server` is left alone.
    const compiledDir = resolve(import.meta.dirname, "../../dist/drill/server");
    await buildServer(compiledDir);
    say(`server built: ${compiledDir}`);
    stack = await startStack({ serverUrl: cluster.url, productLogFile, compiledDir });
    say(`product (compiled, live mode, ROLE=all) and simulator started; product log: ${productLogFile}`);
    outcome = await drill(stack, cluster, notes);
  } catch (error) {
    console.error(error);
  } finally {
    await stopChildren();
    await stack?.close().catch((error: unknown) => console.error("cleanup:", error));
    cluster.destroy();
  }
  console.log(
    `\n== Reliability drill, ${scale.name} scale: ${elapsed()}, load average at the end ${load()}\n`,
  );
  if (outcome) console.log(outcome.text);
  for (const note of notes) console.log(`- ${note}`);
  return outcome?.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
