import { sql } from "drizzle-orm";
import type { Logger } from "../logger";
import type { Db } from "./client";

/**
 * Runs a fold of appended deltas every `intervalMs` in the worker (the cost rollups', the inbox
 * tallies', the chats' word parts merged): the deltas stay a few batches long, so the readers that
 * add them to the folded rows read a few rows more, not thousands. A failed fold is retried at the
 * next tick.
 */
export class DeltaFolder {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly fold: () => Promise<number>,
    private readonly log: Logger,
    /** What is folded, for the log: "the cost deltas", "the chats' word parts". */
    private readonly folded: string,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow fold is not stacked upon
      this.running = this.fold()
        .catch((error: unknown) => this.log.warn({ err: error }, `could not fold ${this.folded}; will retry`))
        .finally(() => {
          this.running = null;
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a fold under way (the deltas left are folded by the next start). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

/** Deltas moved per transaction: a backlog (a worker that was down) is folded in steps this size. */
const FOLD_CHUNK = 10_000;

/**
 * Runs `foldChunk` (which moves up to `FOLD_CHUNK` deltas and says how many) in transactions until
 * the deltas are gone, one fold of `name` at a time across workers (a transaction-scoped advisory
 * lock). Returns how many deltas were folded.
 */
export async function foldInChunks(
  db: Db,
  name: string,
  foldChunk: (tx: Db, chunk: number) => Promise<number>,
): Promise<number> {
  let folded = 0;
  for (;;) {
    const moved = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${name}:fold`}, 0))`);
      return foldChunk(tx, FOLD_CHUNK);
    });
    folded += moved;
    if (moved < FOLD_CHUNK) return folded;
  }
}
