import { fmt, table } from "../bench/support";
import type { Recovery } from "./recovery";
import type { Findings } from "./verify";
import type { PosterReport } from "./webhook-poster";

export const RECOVERY_MARK_MS = 10_000;

export interface DrillOutcome {
  findings: Findings;
  poster: PosterReport;
  inbound: { distinct: number; identicalCopies: number; reserialisedCopies: number };
  statusDeliveries: number;
  recoveries: Recovery[];
  settledSeconds: number | null;
  /** The product exiting on its own during the drill (it must survive every fault). */
  unexpectedExits: string[];
}

const seconds = (ms: number) => (Number.isFinite(ms) ? `${fmt(ms / 1000, 1)} s` : "never");
const count = (n: number) => fmt(n);

/** The printed table and whether every mark was met. */
export function drillReport(outcome: DrillOutcome): { text: string; passed: boolean } {
  const { findings: f, poster, inbound } = outcome;
  const rows: string[][] = [];
  const misses: string[] = [];
  const mark = (passed: boolean, text: string, name: string) => {
    if (!passed) misses.push(name);
    return `${passed ? "ok" : "MISSED"} (${text})`;
  };
  const lostCount = f.lost.length + f.unsent.length + f.pendingRecipients;
  rows.push([
    "deliveries acknowledged (distinct, eventually)",
    `${count(poster.keysAcknowledged)} of ${count(poster.keys)}: ${count(inbound.distinct)} inbound, ${count(outcome.statusDeliveries)} of statuses; ${count(poster.postings)} posts with ${count(inbound.identicalCopies)} same-bytes and ${count(inbound.reserialisedCopies)} re-serialised copies, ${count(poster.attempts - poster.postings)} retries`,
    mark(poster.keysAcknowledged === poster.keys, "all", "acknowledged"),
  ]);
  rows.push([
    "deliveries processed / dead",
    `${count(f.processed)} of ${count(f.webhookRows)} stored processed (${count(f.pending)} waiting, of which ${count(f.failing)} failing and retried) / ${f.dead === null ? "n/a (no dead state in this schema)" : count(f.dead)}`,
    mark(f.pending === 0 && (f.dead ?? 0) === 0, "all processed, none dead", "processed"),
  ]);
  rows.push([
    "messages lost",
    `${count(lostCount)} (${count(f.lost.length)} inbound not stored, ${count(f.unsent.length)} sends neither accepted by Meta nor failed, ${count(f.pendingRecipients)} campaign recipients never queued)`,
    mark(lostCount === 0, "0", "lost"),
  ]);
  rows.push([
    "messages stored twice",
    count(f.storedTwice.length),
    mark(f.storedTwice.length === 0, "0", "doubled"),
  ]);
  rows.push([
    "sends requested / accepted by Meta / sent twice",
    `${count(f.requested)} / ${count(f.accepted)} / ${count(f.sentTwice.length)}${f.failedByProduct ? ` (${count(f.failedByProduct)} failed by the product)` : ""}`,
    mark(f.sentTwice.length === 0, "0 sent twice", "sent twice"),
  ]);
  rows.push([
    "final status disagrees with the statuses sent",
    `${count(f.wrongStatuses.length)} of ${count(f.statusesChecked)}`,
    mark(f.wrongStatuses.length === 0, "0", "final statuses"),
  ]);
  rows.push([
    "product exits not caused by the drill",
    outcome.unexpectedExits.length === 0 ? "0" : outcome.unexpectedExits.join(", "),
    mark(outcome.unexpectedExits.length === 0, "0", "product survives"),
  ]);
  for (const r of outcome.recoveries)
    rows.push([
      `recovery after ${r.fault}`,
      `${seconds(r.recoveryMs)} (ready ${seconds(r.readyMs)}, inbound stored ${seconds(r.inboundMs)}, send accepted ${seconds(r.sendMs)})`,
      mark(r.recoveryMs < RECOVERY_MARK_MS, "< 10 s", `recovery after ${r.fault}`),
    ]);
  rows.push([
    "settled after the last fault",
    outcome.settledSeconds === null ? "no: still moving at the limit" : `${fmt(outcome.settledSeconds)} s`,
    mark(outcome.settledSeconds !== null, "within the limit", "settled"),
  ]);
  const examples = (title: string, items: string[]) =>
    items.length === 0
      ? []
      : [`${title} (${items.length}; first 5):`, ...items.slice(0, 5).map((i) => `  - ${i}`)];
  const text = [
    table(["what", "figure", "mark"], rows),
    ...examples("inbound messages lost", f.lost),
    ...examples("sends neither accepted nor failed", f.unsent),
    ...examples("stored twice", f.storedTwice),
    ...examples("sent twice", f.sentTwice),
    ...examples("wrong final statuses", f.wrongStatuses),
    misses.length === 0 ? "\nEvery mark met." : `\nMarks missed: ${misses.join(", ")}.`,
  ].join("\n");
  return { text, passed: misses.length === 0 };
}
