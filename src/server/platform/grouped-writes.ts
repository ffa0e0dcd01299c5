interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit by key (a client): while one key's group is being written, that key's next items
 * queue up and go together in the next call of `writeMany`. At a trickle each item is written at
 * once (no timer, no added wait); under a burst one transaction and a few set-based statements
 * serve dozens of requests. `writeMany` answers each item's outcome in its place, a result or the
 * error of that item alone; if it throws, the group's items are written again one by one so that
 * one cannot fail its neighbours. Keys never wait for each other.
 */
export class GroupedWrites<T, R> {
  private readonly waiting = new Map<string, Waiting<T, R>[]>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly writeMany: (items: T[]) => Promise<(R | Error)[]>,
    private readonly maxGroup = 200,
  ) {}

  /** Resolves with the item's result once its group is written. */
  write(key: string, item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ item, resolve, reject });
      this.waiting.set(key, queue);
      if (!this.writing.has(key)) void this.writeWaiting(key);
    });
  }

  /** The item written on its own, now, outside any group. */
  async writeAlone(item: T): Promise<R> {
    const [outcome] = await this.writeMany([item]);
    if (outcome instanceof Error) throw outcome;
    return outcome as R;
  }

  private async writeWaiting(key: string): Promise<void> {
    this.writing.add(key);
    for (let queue = this.waiting.get(key); queue?.length; queue = this.waiting.get(key)) {
      const group = queue.splice(0, this.maxGroup);
      if (queue.length === 0) this.waiting.delete(key);
      try {
        settle(group, await this.writeMany(group.map((waiting) => waiting.item)));
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else
          for (const waiting of group)
            await this.writeMany([waiting.item]).then(
              (outcomes) => settle([waiting], outcomes),
              waiting.reject,
            );
      }
    }
    this.writing.delete(key);
  }
}

function settle<T, R>(group: Waiting<T, R>[], outcomes: (R | Error)[]) {
  for (const [i, waiting] of group.entries()) {
    const outcome = outcomes[i];
    if (outcome instanceof Error) waiting.reject(outcome);
    else waiting.resolve(outcome as R);
  }
}
