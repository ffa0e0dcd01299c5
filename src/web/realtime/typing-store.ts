/** Teammates typing, per conversation: an entry lapses ~6 s after its last repeat (README). */
const STALE_MS = 6_500;

type Listener = () => void;

const typing = new Map<string, Map<string, number>>();
const listeners = new Set<Listener>();
const EMPTY: readonly string[] = [];
let snapshots = new Map<string, readonly string[]>();

function publish(): void {
  snapshots = new Map();
  for (const listener of listeners) listener();
}

/** Records a teammate's typing state from a `conversation:typing` event. */
export function setTyping(conversationId: string, userId: string, isTyping: boolean, now = Date.now()): void {
  const users = typing.get(conversationId) ?? new Map<string, number>();
  if (isTyping) users.set(userId, now + STALE_MS);
  else users.delete(userId);
  typing.set(conversationId, users);
  publish();
  if (isTyping) setTimeout(publish, STALE_MS + 50);
}

export function subscribeTyping(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The user ids typing in a conversation now (a stable array between changes). */
export function typingIn(conversationId: string, now = Date.now()): readonly string[] {
  const cached = snapshots.get(conversationId);
  if (cached) return cached;
  const users = typing.get(conversationId);
  const ids = users ? [...users].filter(([, until]) => until > now).map(([id]) => id) : [];
  const snapshot = ids.length === 0 ? EMPTY : ids;
  snapshots.set(conversationId, snapshot);
  return snapshot;
}
