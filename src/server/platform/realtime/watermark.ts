/**
 * The highest event id seen at least `settleMs` ago. Ids come from a sequence taken at insert, not
 * at commit, so a smaller id can commit after a larger one; but a transaction that holds its id
 * for longer than `settleMs` is not expected, so every id at or below this mark has committed and
 * been seen. Replaying from here after a gap misses nothing (duplicates are dropped by id).
 */
export class SettledWatermark {
  private settled: number;
  private readonly recent: { at: number; id: number }[] = [];

  constructor(
    initial: number,
    private readonly settleMs: number,
  ) {
    this.settled = initial;
  }

  record(id: number, now = Date.now()): void {
    this.recent.push({ at: now, id });
    this.value(now);
  }

  value(now = Date.now()): number {
    while (this.recent.length > 0 && now - this.recent[0]!.at >= this.settleMs) {
      this.settled = Math.max(this.settled, this.recent.shift()!.id);
    }
    return this.settled;
  }
}

/** The last `capacity` ids, to skip events a replay brings back. */
export class RecentIds {
  private readonly ids = new Set<number>();

  constructor(private readonly capacity: number) {}

  has(id: number): boolean {
    return this.ids.has(id);
  }

  add(id: number): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      // Sets iterate in insertion order: the first is the oldest.
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
  }
}
