import { Counter, Histogram, type Registry } from "prom-client";
import type { RealtimeEventName } from "../../../contracts/realtime";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { domainEventsFeed, type StoredDomainEvent } from "./realtime.repository";
import { clientRoom } from "./rooms";
import type { RealtimeServer } from "./socket-auth";
import { RecentIds, SettledWatermark } from "./watermark";
import { emitInOneWrite } from "./write-coalescing";

const IDS_PER_QUERY = 1_000;
const REPLAY_LIMIT = 10_000;
const REPLAY_SETTLE_MS = 30_000;
const RETRY_DELAY_MS = 1_000;
const MAX_ATTEMPTS = 3;
/**
 * How long events this process hands over may take to arrive after their notification: the
 * notification is sent at commit, the hand-over follows the committing code's next turn (and, from
 * the worker thread, a message between threads). Past it, they are read from the table.
 */
const HANDOVER_GRACE_MS = 500;

export interface FanOut {
  /**
   * Queues committed event ids for emission (their rows are read first). Ids whose `origin` is this
   * process's are handed over in-process: they are read only if the hand-over has not come within
   * a grace period.
   */
  push(ids: number[], origin?: string | null): void;
  /** Emits events this process just committed, as recorded: no read needed. */
  emitCommitted(events: StoredDomainEvent[]): void;
  /** Re-emits what may have been missed while the listener was disconnected. */
  replayGap(): void;
  /** Waits for queued emissions (shutdown and tests). */
  drain(): Promise<void>;
  close(): void;
}

/**
 * Emits committed domain events to the sockets of this instance only (`io.local`): every instance
 * listens to PostgreSQL itself, so going through the adapter would deliver each event once per
 * instance to every socket.
 */
export async function createFanOut(
  io: RealtimeServer,
  db: Db,
  log: Logger,
  metrics: Registry,
  /** This process's token in the notifications of events it hands over (`CommittedEvents.origin`). */
  origin: string,
): Promise<FanOut> {
  const feed = domainEventsFeed(db);
  const delay = new Histogram({
    name: "realtime_event_emit_delay_seconds",
    help: "From a domain event's recording (its transaction's start, so an upper bound on commit) to its emission on this instance",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 10],
    registers: [metrics],
  });
  const handOversMissed = new Counter({
    name: "realtime_handover_missed_total",
    help: "Events this process hands over in-process that had not come within the grace and were read back from the table (a slow or stopped worker thread)",
    registers: [metrics],
  });
  const recent = new RecentIds(20_000);
  const watermark = new SettledWatermark(await feed.latestId(), REPLAY_SETTLE_MS);
  const pending = new Set<number>();
  let isScheduled = false;
  let chain: Promise<void> = Promise.resolve();
  let isClosed = false;
  const awaitingHandOver = new Set<NodeJS.Timeout>();

  const emit = (row: StoredDomainEvent, listened: Set<string>) => {
    if (recent.has(row.id)) return;
    recent.add(row.id);
    // No tab of the client open here: nothing to encode (most clients, most of the time).
    if (!listened.has(row.clientId)) return;
    const payload = { ...row.payload, eventId: row.id };
    // The row's type was written through recordEvents, typed by the same contract.
    io.local.to(clientRoom(row.clientId)).emit(row.type as RealtimeEventName, payload as never);
    delay.observe(Math.max(0, Date.now() - row.createdAt.getTime()) / 1000);
  };

  /** A batch of rows, each socket receiving its client's share in one write. */
  const emitRows = (rows: StoredDomainEvent[]) => {
    if (rows.length === 0) return;
    const rooms = io.of("/").adapter.rooms;
    const listened = new Set<string>();
    for (const { clientId } of rows)
      if (!listened.has(clientId) && (rooms.get(clientRoom(clientId))?.size ?? 0) > 0) listened.add(clientId);
    emitInOneWrite(
      io,
      [...listened].map((clientId) => clientRoom(clientId)),
      () => {
        for (const row of rows) emit(row, listened);
      },
    );
    watermark.record(rows.at(-1)!.id);
  };

  const emitIds = async (ids: number[], attempt: number): Promise<void> => {
    try {
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        emitRows(await feed.findByIds(ids.slice(i, i + IDS_PER_QUERY)));
      }
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || isClosed) {
        log.error(
          { err: error, count: ids.length },
          "domain events not emitted; tabs recover them with catch-up",
        );
        return;
      }
      log.warn({ err: error, attempt }, "loading domain events failed; retrying");
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      await emitIds(ids, attempt + 1);
    }
  };

  // One chain keeps batches in order: a later batch never overtakes an earlier one.
  const enqueue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch((error: unknown) => log.error({ err: error }, "realtime fan-out failed"));
  };

  // Natural batching: ids that arrive while a load runs wait for it and go in the next single
  // query. No fixed delay when idle (setImmediate only gathers one socket read), few queries
  // under load.
  const flush = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    isScheduled = false;
    // Ids handed over in-process meanwhile were emitted already: only the others are read.
    const ids = [...pending].filter((id) => !recent.has(id)).sort((a, b) => a - b);
    pending.clear();
    if (ids.length > 0 && !isClosed) await emitIds(ids, 1);
  };

  const queue = (ids: number[]) => {
    if (isClosed || ids.length === 0) return;
    for (const id of ids) pending.add(id);
    if (isScheduled) return;
    isScheduled = true;
    enqueue(flush);
  };

  return {
    push(ids, from = null) {
      if (isClosed || ids.length === 0) return;
      if (from === origin) {
        const timer = setTimeout(() => {
          awaitingHandOver.delete(timer);
          const missed = ids.filter((id) => !recent.has(id));
          if (missed.length > 0) handOversMissed.inc(missed.length);
          queue(missed);
        }, HANDOVER_GRACE_MS);
        awaitingHandOver.add(timer);
        return;
      }
      queue(ids);
    },
    emitCommitted(events) {
      if (!isClosed) emitRows(events);
    },
    replayGap() {
      enqueue(async () => {
        const rows = await feed.eventsAfter(watermark.value(), REPLAY_LIMIT);
        emitRows(rows);
        if (rows.length === REPLAY_LIMIT)
          log.warn("listener gap too long to replay fully; tabs recover with catch-up");
      });
    },
    async drain() {
      await chain;
    },
    close() {
      isClosed = true;
      pending.clear();
      for (const timer of awaitingHandOver) clearTimeout(timer);
      awaitingHandOver.clear();
    },
  };
}
