/** How long an event id must have been seen before ids below it are taken as complete (README). */
export const SETTLE_MS = 30_000;
const KEEP = 5000;

/**
 * The ids of the domain events this tab applied, to drop repeats (a live event also in a catch-up),
 * and the settled mark to catch up from after a reconnect. Ids become visible at commit, so a smaller
 * id can arrive after a larger one: nothing is ever dropped for being below the highest seen.
 */
export class EventLog {
  private readonly seen = new Set<number>();
  private readonly arrivals: { id: number; at: number }[] = [];

  /** Records an id; false when it was already applied. */
  accept(id: number, now = Date.now()): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    this.arrivals.push({ id, at: now });
    if (this.arrivals.length > KEEP) {
      const dropped = this.arrivals.shift();
      if (dropped) this.seen.delete(dropped.id);
    }
    return true;
  }

  has(id: number): boolean {
    return this.seen.has(id);
  }

  /** The highest id received at least 30 s ago, or null when none is that old. */
  settledMark(now = Date.now()): number | null {
    let mark: number | null = null;
    for (const arrival of this.arrivals) {
      if (now - arrival.at < SETTLE_MS) break;
      if (mark === null || arrival.id > mark) mark = arrival.id;
    }
    return mark;
  }
}
