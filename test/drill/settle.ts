import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import type { HostileStatuses } from "./hostile-statuses";
import type { MetaSentLog } from "./meta-sent-log";
import type { Poster } from "./poster-client";
import type { SimulatorControl } from "./simulator-control";

/** Time after Meta's last acceptance for the simulator's statuses to go out (its `read` comes at 4 s). */
const QUIET_AFTER_LAST_SEND_MS = 8_000;

/**
 * Waits, up to `limitSeconds`, until nothing is left moving: every drill delivery acknowledged,
 * every drill status posted, every requested send accepted by Meta or failed by the product, no
 * simulator webhook waiting, no stored delivery waiting to be processed (deliveries whose
 * processing fails and waits for a retry are left to the report), twice in a row. Returns the
 * seconds it took, or null when the limit was reached first.
 */
export async function settle(options: {
  db: pg.Pool;
  poster: Poster;
  statuses: HostileStatuses;
  sentLog: MetaSentLog;
  control: SimulatorControl;
  requestedSendIds: () => Promise<string[]>;
  /** Campaign recipients whose message is not created yet. */
  pendingRecipients: () => Promise<number>;
  limitSeconds: number;
  onWaiting: (what: string) => void;
}): Promise<number | null> {
  const started = Date.now();
  let calmChecks = 0;
  let lastSaid = "";
  while (Date.now() - started < options.limitSeconds * 1000) {
    const waiting = await whatIsMoving(options).catch((error: unknown) => [
      `checks failed: ${String(error)}`,
    ]);
    calmChecks = waiting.length === 0 ? calmChecks + 1 : 0;
    if (calmChecks >= 2) return (Date.now() - started) / 1000;
    const said = waiting.join("; ");
    if (said !== lastSaid && waiting.length > 0) options.onWaiting(said);
    lastSaid = said;
    await sleep(2_000);
  }
  return null;
}

async function whatIsMoving(options: Parameters<typeof settle>[0]): Promise<string[]> {
  const waiting: string[] = [];
  const poster = await options.poster.report();
  if (poster.waiting > 0) waiting.push(`${poster.waiting} drill deliveries not acknowledged yet`);
  if (options.statuses.pending > 0) waiting.push(`${options.statuses.pending} drill statuses to post`);
  await options.sentLog.poll();
  const accepted = new Set(options.sentLog.acceptances.map((a) => a.messageId));
  const pending = await options.pendingRecipients();
  if (pending > 0) waiting.push(`${pending} campaign recipients without their message yet`);
  const ids = (await options.requestedSendIds()).filter((id) => !accepted.has(id));
  if (ids.length > 0) {
    const { rows } = await options.db.query<{ n: number }>(
      "select count(*)::int as n from messages where id = any($1::uuid[]) and status <> 'failed'",
      [ids],
    );
    if (rows[0]!.n > 0) waiting.push(`${rows[0]!.n} sends not accepted by Meta yet`);
  }
  const lastAcceptance = Math.max(0, ...options.sentLog.acceptances.map((a) => a.at));
  if (Date.now() - lastAcceptance < QUIET_AFTER_LAST_SEND_MS)
    waiting.push("statuses of the last sends to come");
  const inFlight = await options.control.webhooksInFlight();
  if (inFlight > 0) waiting.push(`${inFlight} simulator webhooks waiting`);
  const { rows } = await options.db.query<{ n: number }>(
    "select count(*)::int as n from webhook_events where processed_at is null and error is null",
  );
  if (rows[0]!.n > 0) waiting.push(`${rows[0]!.n} stored deliveries to process`);
  return waiting;
}
