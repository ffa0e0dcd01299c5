/**
 * A compressible clock. Every delay the simulator waits (status webhooks, template review, webhook
 * retries) goes through it, so tests can run hours of Meta behaviour in milliseconds (`timeScale`)
 * and jump over windows such as the 24-hour service window or the 30-second code lifetime
 * (`advance`) without sleeping. `now()` runs `1 / timeScale` times faster than the wall clock.
 */
export interface Clock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `ms` of simulated time; returns a cancel function. */
  schedule(ms: number, fn: () => void): () => void;
  /** Resolves after `ms` of simulated time. */
  sleep(ms: number): Promise<void>;
  /** Moves simulated time forward (timers already scheduled keep their real-time deadline). */
  advance(ms: number): void;
  /** Stops `now()` from moving with real time (rate-limit tests need a still instant). */
  freeze(): void;
  unfreeze(): void;
  /** Cancels every pending timer (on close). */
  cancelAll(): void;
}

export function createClock(timeScale = 1, realNow: () => number = Date.now): Clock {
  // Simulated time runs 1/timeScale as fast as real time, so delays and "now" stay consistent.
  const start = realNow();
  let offset = 0;
  let frozenAt: number | null = null;
  const timers = new Set<NodeJS.Timeout>();
  const now = () => Math.floor(start + ((frozenAt ?? realNow()) - start) / timeScale + offset);
  const schedule = (ms: number, fn: () => void) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        fn();
      },
      Math.max(0, ms * timeScale),
    );
    timers.add(timer);
    return () => {
      clearTimeout(timer);
      timers.delete(timer);
    };
  };
  return {
    now,
    schedule,
    sleep: (ms) => new Promise((resolve) => schedule(ms, () => resolve())),
    advance: (ms) => {
      offset += ms;
    },
    freeze: () => {
      frozenAt = realNow();
    },
    unfreeze: () => {
      if (frozenAt !== null) offset -= (realNow() - frozenAt) / timeScale;
      frozenAt = null;
    },
    cancelAll: () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

/** Unix seconds as Meta writes them in webhooks: a string. */
export function unixString(ms: number): string {
  return String(Math.floor(ms / 1000));
}
