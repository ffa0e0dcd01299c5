import { useSyncExternalStore } from "react";

// Unsent text per chat, kept across chat switches and reloads (this device only).
const PREFIX = "linkojob.draft.";
const drafts = new Map<string, string>();
const listeners = new Set<() => void>();

function read(conversationId: string): string {
  if (!drafts.has(conversationId)) {
    let stored = "";
    try {
      stored = window.localStorage.getItem(PREFIX + conversationId) ?? "";
    } catch {
      // Blocked storage: drafts last for this page only.
    }
    drafts.set(conversationId, stored);
  }
  return drafts.get(conversationId) ?? "";
}

export function getDraft(conversationId: string): string {
  return read(conversationId);
}

export function setDraft(conversationId: string, text: string): void {
  if (read(conversationId) === text) return;
  drafts.set(conversationId, text);
  try {
    if (text) window.localStorage.setItem(PREFIX + conversationId, text);
    else window.localStorage.removeItem(PREFIX + conversationId);
  } catch {
    // As above.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The draft of a chat, for the list's `Brouillon :` preview. */
export function useDraft(conversationId: string): string {
  return useSyncExternalStore(subscribe, () => read(conversationId));
}
