import { setTimeout as sleep } from "node:timers/promises";
import type { ServerDeps } from "../../../deps";
import { groupBy } from "../../../platform/collections";
import { GraphError } from "../../../platform/graph/graph-error";
import { reserveSlots, type SlotRequest } from "../../../platform/rate-budget";
import { tenantRepositories } from "../../tenant-repositories";
import { uploadedToMeta } from "../media/media-to-meta";
import { sendingCredentials } from "./connection-access";
import { outboundPayload } from "./outbound-payload";
import type { OutboxEntry } from "./outbox.repository";
import { type Accepted, failMessage, recordAccepted, settleSendError } from "./send-outcomes.service";

/** Meta's pair rate: about one message per 6 s to the same person, after a burst. */
const PAIR_RATE = { perSecond: 1 / 6, burst: 10 };
/** A slot further away than this is not waited for: the job comes back then instead. */
const MAX_WAIT_MS = 10_000;
/**
 * The next batch is fetched once this batch's last slot is this close: slots are reserved about
 * a second ahead whatever the rate (a few batches at 1,000/s, one at 80/s), never far ahead.
 */
const FETCH_AHEAD_MS = 1_000;

/** One message to send (one job). */
export interface SendRequest {
  /** The caller's key for the result (the job id). */
  key: string;
  clientId: string;
  messageId: string;
  templateComponents: unknown[];
  isLastAttempt: boolean;
  /** A slot an earlier attempt reserved and could not wait for (epoch ms): used instead of a new one. */
  slotAt?: number | undefined;
}

export type DeliverResult =
  | { outcome: "done" }
  /** Come back in `afterSeconds`; with `slotAt`, the slot reserved for then, to use on return. */
  | { outcome: "later"; afterSeconds: number; slotAt?: number }
  | { outcome: "retry"; error: Error };

interface Ready {
  request: SendRequest;
  entry: OutboxEntry;
  credentials: { phoneNumberId: string; token: string };
  /** Local time the send may go (its slot in both budgets). */
  sendAt: number;
}

const recipientOf = ({ contact }: OutboxEntry) => contact.waId ?? contact.phone ?? contact.bsuid ?? "";

/**
 * Sends a batch of queued messages to Meta, each once: never again once it has a wamid; paced
 * under each number's throughput and each recipient's pair rate (budgets shared by all workers,
 * reserved for the whole batch in one statement, each call made at its own slot); retried only
 * for retryable errors. Round trips per batch, whatever its size: one read per client, one
 * reservation, one `sending` mark per client, one transaction for the results.
 */
export async function deliverMessages(
  deps: ServerDeps,
  requests: SendRequest[],
  readyForNext: () => void = () => {},
): Promise<Map<string, DeliverResult>> {
  const results = new Map<string, DeliverResult>();
  const candidates = await loadSendable(deps, requests, results);
  const ready = await reserve(deps, candidates, results);
  // The next batch may reserve the slots after these once they are near (or now, if none).
  const lastSlot = Math.max(Date.now(), ...ready.map((r) => r.sendAt));
  setTimeout(readyForNext, Math.max(0, lastSlot - FETCH_AHEAD_MS - Date.now())).unref();
  const marked = await markSending(deps, ready);
  for (const item of ready) if (!marked.has(item)) results.set(item.request.key, { outcome: "done" });

  const calls = await Promise.all([...marked].map((item) => call(deps, item)));
  const accepted = calls.flatMap((c) => ("accepted" in c ? [c.accepted] : []));
  const [saved, ...settled] = await Promise.allSettled([
    recordAccepted(deps, accepted),
    ...calls.map(async (c) => {
      if ("accepted" in c) return;
      const { item, error } = c;
      const { message, connection } = item.entry;
      const outcome = await settleSendError(deps, message, connection, error, item.request.isLastAttempt);
      results.set(
        item.request.key,
        outcome === "retry"
          ? { outcome: "retry", error: error instanceof Error ? error : new Error(String(error)) }
          : { outcome: "done" },
      );
    }),
  ]);
  // Sent but not stored: the jobs retry, find the messages `sending` and wait for their status webhooks.
  if (saved.status === "rejected") throw saved.reason;
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  for (const c of calls) if ("accepted" in c) results.set(c.item.request.key, { outcome: "done" });
  return results;
}

/** Reads the batch (one query per client) and keeps the messages that may be sent now. */
async function loadSendable(deps: ServerDeps, requests: SendRequest[], results: Map<string, DeliverResult>) {
  const found = new Map<string, OutboxEntry>();
  const suspended = new Set<string>();
  await Promise.all(
    [...groupBy(requests, (r) => r.clientId)].map(async ([clientId, group]) => {
      const repos = tenantRepositories(deps.database.db, clientId);
      for (const entry of await repos.outbox.load(group.map((r) => r.messageId)))
        found.set(`${clientId}:${entry.message.id}`, entry);
      if ((await repos.clients.findById(clientId))?.suspendedAt) suspended.add(clientId);
    }),
  );
  const graceMs = deps.config.sending.uncertainGraceSeconds * 1000;
  const credentials = new Map<string, Ready["credentials"] | Error>();
  const seen = new Set<string>();
  const sendable: Omit<Ready, "sendAt">[] = [];
  for (const request of requests) {
    const entry = found.get(`${request.clientId}:${request.messageId}`);
    const message = entry?.message;
    // Another client's id, a message sent or ended, or the same message twice in one batch: nothing to do.
    if (
      !entry ||
      !message ||
      message.wamid ||
      message.status === "failed" ||
      message.direction !== "outbound" ||
      seen.has(`${request.clientId}:${request.messageId}`)
    ) {
      results.set(request.key, { outcome: "done" });
      continue;
    }
    seen.add(`${request.clientId}:${request.messageId}`);
    if (suspended.has(request.clientId)) {
      // Queued before the suspension: it does not leave now, and says why.
      await failMessage(deps, message, null, "Client suspended", "This client is suspended by LinkoJob");
      results.set(request.key, { outcome: "done" });
      continue;
    }
    const sinceMark = Date.now() - message.updatedAt.getTime();
    if (message.status === "sending" && sinceMark < graceMs) {
      // An earlier attempt may have reached Meta (crash or timeout mid-call): its status webhook,
      // which carries our id, would attach the wamid and end this. Otherwise send again after it.
      results.set(request.key, { outcome: "later", afterSeconds: Math.ceil((graceMs - sinceMark) / 1000) });
      continue;
    }
    const { connection } = entry;
    if (!credentials.has(connection.id)) {
      try {
        credentials.set(connection.id, sendingCredentials(deps, connection));
      } catch (error) {
        credentials.set(connection.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const usable = credentials.get(connection.id)!;
    if (usable instanceof Error) {
      await failMessage(deps, message, null, "Connection unavailable", usable.message);
      results.set(request.key, { outcome: "done" });
      continue;
    }
    sendable.push({ request, entry, credentials: usable });
  }
  return sendable;
}

/**
 * Reserves every send's slot in its number's budget and its recipient's pair budget, all in one
 * statement; a send waits for the later of its two slots. A slot further than `MAX_WAIT_MS` is
 * kept, not waited for: the job comes back then and uses it. Given up and reserved again at
 * each return, such slots would be lost to everyone, and a backlog longer than the wait limit
 * (a slow number, many messages to one candidate) would push its budget ahead of the clock as
 * fast as the clock moves: nothing would ever be sent.
 */
async function reserve(
  deps: ServerDeps,
  candidates: Omit<Ready, "sendAt">[],
  results: Map<string, DeliverResult>,
): Promise<Ready[]> {
  const now = Date.now();
  const ready: Ready[] = [];
  const toReserve: Omit<Ready, "sendAt">[] = [];
  for (const candidate of candidates) {
    const { slotAt } = candidate.request;
    // A slot long past (the job came back late: a crash, a stopped worker) is not kept: sending on
    // many of them at once would be a burst above the pace.
    if (slotAt !== undefined && slotAt > now - MAX_WAIT_MS) ready.push({ ...candidate, sendAt: slotAt });
    else toReserve.push(candidate);
  }
  const numberKey = (c: Omit<Ready, "sendAt">) => `number:${c.entry.connection.id}`;
  const pairKey = (c: Omit<Ready, "sendAt">) => `pair:${c.entry.connection.id}:${recipientOf(c.entry)}`;
  const slots: SlotRequest[] = [];
  for (const [key, group] of groupBy(toReserve, numberKey))
    slots.push({
      key,
      spec: { perSecond: group[0]!.entry.connection.throughputPerSecond, burst: 1 },
      count: group.length,
    });
  for (const [key, group] of groupBy(toReserve, pairKey))
    slots.push({ key, spec: PAIR_RATE, count: group.length });
  const waits = await reserveSlots(deps.database.db, slots);
  const reservedAt = Date.now();
  const next = (key: string) => waits.get(key)?.shift() ?? 0;
  for (const candidate of toReserve) {
    const wait = Math.max(next(numberKey(candidate)), next(pairKey(candidate)));
    ready.push({ ...candidate, sendAt: reservedAt + wait });
  }
  return ready.filter((item) => {
    const wait = item.sendAt - reservedAt;
    if (wait <= MAX_WAIT_MS) return true;
    results.set(item.request.key, {
      outcome: "later",
      afterSeconds: Math.ceil(wait / 1000),
      slotAt: Math.ceil(item.sendAt),
    });
    return false;
  });
}

/**
 * Marks the batch `sending` (one UPDATE per client); only the messages marked may be sent: not one
 * another attempt marked within the grace period, which may be calling Meta right now.
 */
async function markSending(deps: ServerDeps, ready: Ready[]): Promise<Set<Ready>> {
  const marked = new Set<Ready>();
  await Promise.all(
    [...groupBy(ready, (r) => r.request.clientId)].map(async ([clientId, group]) => {
      const repos = tenantRepositories(deps.database.db, clientId);
      const attempts = await repos.outbox.markSending(
        group.map((r) => r.entry.message.id),
        new Date(Date.now() - deps.config.sending.uncertainGraceSeconds * 1000),
      );
      for (const item of group) if (attempts.has(item.entry.message.id)) marked.add(item);
    }),
  );
  return marked;
}

/** The Graph call of one message, at its slot. */
async function call(
  deps: ServerDeps,
  item: Ready,
): Promise<{ item: Ready; accepted: Accepted } | { item: Ready; error: unknown }> {
  const { message, contact, connection } = item.entry;
  const { phoneNumberId, token } = item.credentials;
  const delay = item.sendAt - Date.now();
  if (delay > 0) await sleep(delay);
  try {
    const metaMediaId = await uploadedToMeta(deps, message, item.credentials);
    const payload = outboundPayload(
      message,
      contact,
      item.request.templateComponents,
      metaMediaId,
      connection,
    );
    const result = await deps.graph.sendMessage(phoneNumberId, token, payload);
    const wamid = result.messages[0]?.id;
    if (!wamid)
      throw new GraphError("Meta accepted the message without an id", { endpoint: "POST messages" });
    return {
      item,
      accepted: {
        message,
        contact,
        wamid,
        returnedWaId: result.contacts?.[0]?.wa_id,
        sentAt: new Date(),
        connectionId: connection.id,
        messageStatus: result.messages[0]?.message_status,
      },
    };
  } catch (error) {
    return { item, error };
  }
}
