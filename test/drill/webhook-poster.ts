/**
 * The drill's Meta: a separate process that posts signed deliveries to the product and retries
 * each one the way Meta does, until it is acknowledged with a 200 (a non-2xx answer, a refused
 * connection or no answer in 10 s: try again later). Meta retries for up to 7 days with growing
 * gaps; here the gaps grow from 0.5 s to 8 s so a run stays short. Requests come over IPC, each
 * answered once (see `poster-client.ts`).
 */
import { Agent } from "node:http";
import { postWebhook } from "../bench/webhook-post";

/** One POST to make until it is acknowledged. Copies of one delivery share its `key`. */
export interface Posting {
  key: string;
  body: string;
  signature: string;
}

export type PosterRequest =
  | { type: "configure"; url: string; maxInFlight: number }
  /** `paced`: released at `perSecond` (the load); otherwise posted as soon as there is room. */
  | { type: "enqueue"; postings: Posting[]; paced: boolean; perSecond?: number }
  | { type: "report" };

export interface PosterReport {
  postings: number;
  acknowledged: number;
  /** Distinct keys, and those whose every copy was acknowledged. */
  keys: number;
  keysAcknowledged: number;
  attempts: number;
  /** Answers other than 200 by status, and failed connections by error. */
  refusals: Record<string, number>;
  waiting: number;
}

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 8_000;
const ANSWER_TIMEOUT_MS = 10_000;

interface Pending {
  posting: Posting;
  attempts: number;
  dueAt: number;
}

let url: URL | null = null;
let agent = new Agent({ keepAlive: true, maxSockets: 32 });
let maxInFlight = 32;
const paced: Pending[] = [];
let pacedIndex = 0;
let pacePerSecond = 100;
let paceStartedAt = 0;
let pacedReleased = 0;
const ready: Pending[] = [];
const retries: Pending[] = [];
let inFlight = 0;
const report: PosterReport = {
  postings: 0,
  acknowledged: 0,
  keys: 0,
  keysAcknowledged: 0,
  attempts: 0,
  refusals: {},
  waiting: 0,
};
const openCopies = new Map<string, number>();

function countRefusal(reason: string) {
  report.refusals[reason] = (report.refusals[reason] ?? 0) + 1;
}

async function attempt(item: Pending) {
  inFlight += 1;
  item.attempts += 1;
  report.attempts += 1;
  let status = 0;
  try {
    status = await postWebhook(agent, url!, item.posting.body, item.posting.signature, ANSWER_TIMEOUT_MS);
    if (status !== 200) countRefusal(String(status));
  } catch (error) {
    countRefusal((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  } finally {
    inFlight -= 1;
  }
  if (status === 200) {
    report.acknowledged += 1;
    const left = (openCopies.get(item.posting.key) ?? 1) - 1;
    openCopies.set(item.posting.key, left);
    if (left === 0) report.keysAcknowledged += 1;
  } else {
    item.dueAt = Date.now() + Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (item.attempts - 1));
    retries.push(item);
  }
  pump();
}

/** Starts what may start now: due retries first, then immediate postings, then the paced load. */
function pump() {
  if (!url) return;
  const now = Date.now();
  retries.sort((a, b) => a.dueAt - b.dueAt);
  while (inFlight < maxInFlight && retries.length > 0 && retries[0]!.dueAt <= now)
    void attempt(retries.shift()!);
  while (inFlight < maxInFlight && ready.length > 0) void attempt(ready.shift()!);
  const allowed = Math.floor(((now - paceStartedAt) / 1000) * pacePerSecond);
  while (inFlight < maxInFlight && pacedIndex < paced.length && pacedReleased < allowed) {
    pacedReleased += 1;
    void attempt(paced[pacedIndex++]!);
  }
}
setInterval(pump, 20);

function enqueue(postings: Posting[], isPaced: boolean, perSecond?: number) {
  for (const posting of postings) {
    report.postings += 1;
    const copies = openCopies.get(posting.key);
    if (copies === undefined) report.keys += 1;
    else if (copies === 0) report.keysAcknowledged -= 1;
    openCopies.set(posting.key, (copies ?? 0) + 1);
    const item = { posting, attempts: 0, dueAt: 0 };
    if (isPaced) paced.push(item);
    else ready.push(item);
  }
  // One paced load per run: its clock starts with its first part.
  if (isPaced && paceStartedAt === 0) {
    pacePerSecond = perSecond ?? pacePerSecond;
    paceStartedAt = Date.now();
  }
  pump();
}

process.on("message", (request: PosterRequest) => {
  if (request.type === "configure") {
    url = new URL(request.url);
    maxInFlight = request.maxInFlight;
    agent = new Agent({ keepAlive: true, maxSockets: request.maxInFlight });
    process.send?.({ ok: true });
  } else if (request.type === "enqueue") {
    enqueue(request.postings, request.paced, request.perSecond);
    process.send?.({ ok: true });
  } else {
    report.waiting = report.postings - report.acknowledged;
    process.send?.(report);
  }
});
process.on("disconnect", () => process.exit(0));
