import type pg from "pg";
import type { DeliveryStatus } from "../../src/contracts/message-status";
import { expectedFinalStatus } from "./expected-status";
import type { MetaSentLog } from "./meta-sent-log";
import type { PosterReport } from "./webhook-poster";

/** What the drill sent, to check the database and Meta's log against. */
export interface Sent {
  inboundWamids: string[];
  requestedSendIds: string[];
  /** Campaign recipients still without a message at the end (never queued: lost). */
  pendingRecipients: number;
  /** Statuses the drill itself reported, by wamid (the simulator reports sent, delivered, read). */
  drillStatuses: Map<string, Set<DeliveryStatus>>;
  poster: PosterReport;
}

export interface Findings {
  webhookRows: number;
  processed: number;
  failing: number;
  pending: number;
  /** null: the table has no dead state on this branch. */
  dead: number | null;
  lost: string[];
  storedTwice: string[];
  requested: number;
  accepted: number;
  sentTwice: string[];
  /** Requested, never accepted by Meta and not failed by the product: still waiting at the end. */
  unsent: string[];
  pendingRecipients: number;
  failedByProduct: number;
  wrongStatuses: string[];
  statusesChecked: number;
}

/** The simulator reports these for every send it accepts (candidates read what they receive). */
const SIMULATOR_REPORTS: DeliveryStatus[] = ["sent", "delivered", "read"];

async function webhookCounts(db: pg.Pool) {
  const { rows: columns } = await db.query(
    "select 1 from information_schema.columns where table_name = 'webhook_events' and column_name = 'dead_at'",
  );
  const hasDead = columns.length > 0;
  const { rows } = await db.query(
    `select count(*)::int as rows,
            count(*) filter (where processed_at is not null)::int as processed,
            count(*) filter (where processed_at is null and error is not null)::int as failing,
            count(*) filter (where processed_at is null)::int as pending
            ${hasDead ? ", count(*) filter (where dead_at is not null)::int as dead" : ""}
     from webhook_events`,
  );
  const r = rows[0];
  return {
    rows: r.rows,
    processed: r.processed,
    failing: r.failing,
    pending: r.pending,
    dead: hasDead ? r.dead : null,
  };
}

/** Inbound messages stored more than once: by wamid (the unique index should forbid it), then by content. */
async function storedTwice(db: pg.Pool): Promise<string[]> {
  const byWamid = await db.query(
    "select wamid, count(*)::int as n from messages where wamid is not null group by wamid having count(*) > 1",
  );
  const byContent = await db.query(
    `select text, count(*)::int as n from messages where direction = 'inbound'
     group by conversation_id, text having count(*) > 1`,
  );
  return [
    ...byWamid.rows.map((r) => `wamid ${r.wamid} ×${r.n}`),
    ...byContent.rows.map((r) => `text "${String(r.text).slice(0, 60)}" ×${r.n}`),
  ];
}

export async function verify(db: pg.Pool, sent: Sent, sentLog: MetaSentLog): Promise<Findings> {
  const webhooks = await webhookCounts(db);
  const { rows: stored } = await db.query<{ wamid: string }>(
    "select wamid from messages where wamid = any($1::text[])",
    [sent.inboundWamids],
  );
  const storedSet = new Set(stored.map((r) => r.wamid));
  const lost = sent.inboundWamids.filter((w) => !storedSet.has(w));

  const acceptedBy = sentLog.byMessage();
  const { rows: outbound } = await db.query<{ id: string; wamid: string | null; status: string }>(
    "select id, wamid, status from messages where id = any($1::uuid[])",
    [sent.requestedSendIds],
  );
  const rowOf = new Map(outbound.map((r) => [r.id, r]));
  const sentTwice: string[] = [];
  const unsent: string[] = [];
  const wrongStatuses: string[] = [];
  let accepted = 0;
  let failedByProduct = 0;
  let statusesChecked = 0;
  for (const id of sent.requestedSendIds) {
    const acceptances = acceptedBy.get(id) ?? [];
    const row = rowOf.get(id);
    if (acceptances.length > 1)
      sentTwice.push(
        `${id}: accepted ${acceptances.length} times (${acceptances.map((a) => a.wamid).join(", ")})`,
      );
    if (acceptances.length === 0) {
      if (row?.status === "failed") failedByProduct += 1;
      else unsent.push(`${id}: ${row ? row.status : "no row"}`);
      continue;
    }
    accepted += 1;
    const wamid = acceptances[0]!.wamid;
    const expected = expectedFinalStatus([...SIMULATOR_REPORTS, ...(sent.drillStatuses.get(wamid) ?? [])]);
    statusesChecked += 1;
    if (!row || row.wamid !== wamid || row.status !== expected)
      wrongStatuses.push(
        `${id} (${wamid}): reported {${[...new Set([...SIMULATOR_REPORTS, ...(sent.drillStatuses.get(wamid) ?? [])])].join(", ")}}, expected ${expected}, stored ${row ? `${row.status} with wamid ${row.wamid}` : "nothing"}`,
      );
  }
  return {
    webhookRows: webhooks.rows,
    processed: webhooks.processed,
    failing: webhooks.failing,
    pending: webhooks.pending,
    dead: webhooks.dead,
    lost,
    storedTwice: await storedTwice(db),
    requested: sent.requestedSendIds.length,
    accepted,
    sentTwice,
    unsent,
    pendingRecipients: sent.pendingRecipients,
    failedByProduct,
    wrongStatuses,
    statusesChecked,
  };
}
