import { useCallback, useSyncExternalStore } from "react";

/** The speeds a voice note plays at, in the order the button cycles through them. */
export const SPEEDS = [1, 1.5, 2] as const;
export type Speed = (typeof SPEEDS)[number];

// One speed per user on this device, shared by every voice note (WhatsApp keeps it the same way).
const PREFIX = "linkojob.voiceSpeed.";
const speeds = new Map<string, Speed>();
const listeners = new Set<() => void>();

function read(userId: string): Speed {
  if (!speeds.has(userId)) {
    let stored: Speed = 1;
    try {
      const value = Number(window.localStorage.getItem(PREFIX + userId));
      stored = SPEEDS.find((speed) => speed === value) ?? 1;
    } catch {
      // Blocked storage: the speed lasts for this page only.
    }
    speeds.set(userId, stored);
  }
  return speeds.get(userId) ?? 1;
}

/** The user's voice-note speed, and the step to the next one (1× → 1.5× → 2× → 1×). */
export function useVoiceSpeed(userId: string): [Speed, () => void] {
  const speed = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => read(userId),
  );
  const next = useCallback(() => {
    const value = SPEEDS[(SPEEDS.indexOf(read(userId)) + 1) % SPEEDS.length] ?? 1;
    speeds.set(userId, value);
    try {
      window.localStorage.setItem(PREFIX + userId, String(value));
    } catch {
      // As above.
    }
    for (const listener of listeners) listener();
  }, [userId]);
  return [speed, next];
}
