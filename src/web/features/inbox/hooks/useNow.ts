import { useSyncExternalStore } from "react";

// One app-wide minute clock: every window chip, list time and "time left" re-renders on the same tick.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
  schedule();
}

function schedule(): void {
  // Aligned on the minute, so "15:05" and "21 h restantes" change when the wall clock does.
  timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** The current time, updated once a minute. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
