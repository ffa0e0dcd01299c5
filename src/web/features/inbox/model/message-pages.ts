import type { InfiniteData } from "@tanstack/react-query";
import { mergeDelivery } from "../../../../contracts/message-status";
import type { MessageContent } from "../../../../contracts/messages";
import type { MessagePage, MessageResponse } from "../api";

export type MessagePages = InfiniteData<MessagePage>;

/** A message sent from this tab and not yet confirmed: its id is `local:<idempotency key>`. */
export const LOCAL_PREFIX = "local:";

const keys = new Map<string, string>();

/**
 * The React key of a message: a sent message keeps its local id after the server's copy replaces
 * it, so its bubble is updated in place rather than remounted.
 */
export function stableKey(id: string): string {
  return keys.get(id) ?? id;
}

function rememberKey(serverId: string, localId: string): void {
  if (keys.size > 5000) keys.clear();
  keys.set(serverId, localId);
}

export function isLocal(message: MessageResponse): boolean {
  return message.id.startsWith(LOCAL_PREFIX);
}

/** What two sends have in common when one is the server's copy of the other (same tab, same content). */
function signature(content: MessageContent): string {
  switch (content.type) {
    case "text":
      return `text:${content.body}`;
    case "template":
      return `template:${content.name}:${content.language}:${content.rendered}`;
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker":
      return `media:${content.media.id}`;
    default:
      return content.type;
  }
}

/**
 * Merges a fresh copy into a known message: content as the server says, delivery by the shared
 * status rule (a stale copy or a late event never moves a status back, it only fills in times).
 */
function merge(known: MessageResponse, fresh: MessageResponse): MessageResponse {
  return { ...fresh, ...mergeDelivery(known, fresh), error: fresh.error ?? known.error };
}

function mapMessages(
  data: MessagePages,
  map: (message: MessageResponse) => MessageResponse | null,
): MessagePages | null {
  let changed = false;
  const pages = data.pages.map((page) => {
    const messages: MessageResponse[] = [];
    for (const message of page.messages) {
      const next = map(message);
      if (next !== message) changed = true;
      if (next) messages.push(next);
    }
    return changed ? { ...page, messages } : page;
  });
  return changed ? { ...data, pages } : null;
}

/**
 * Applies a message from the server (a send's answer, a live event, a status) to the cached pages,
 * newest first. A reaction row is not a bubble: its emoji go on the target instead. The server's
 * copy of a message this tab sent replaces the local one, so it never shows twice.
 */
export function upsertMessage(
  data: MessagePages | undefined,
  message: MessageResponse,
): MessagePages | undefined {
  if (!data) return data;
  if (message.content.type === "reaction") return applyReaction(data, message);
  const byId = mapMessages(data, (known) => (known.id === message.id ? merge(known, message) : known));
  if (byId) return byId;
  if (message.direction === "outbound" && !isLocal(message)) {
    const key = signature(message.content);
    let replaced = false;
    const local = mapMessages(data, (known) => {
      if (replaced || !isLocal(known) || signature(known.content) !== key) return known;
      replaced = true;
      rememberKey(message.id, known.id);
      return message;
    });
    if (local) return local;
  }
  return prepend(data, message);
}

/** Adds a message newer than everything (the first page holds the newest). */
export function prepend(data: MessagePages, message: MessageResponse): MessagePages {
  const [first, ...rest] = data.pages;
  if (!first) return { ...data, pages: [{ messages: [message], nextCursor: null }] };
  return { ...data, pages: [{ ...first, messages: [message, ...first.messages] }, ...rest] };
}

/** Replaces a local message (after its send answered) or drops it (`null`). */
export function replaceLocal(
  data: MessagePages | undefined,
  localId: string,
  next: MessageResponse | null,
): MessagePages | undefined {
  if (!data) return data;
  const alreadyThere = next ? data.pages.some((page) => page.messages.some((m) => m.id === next.id)) : false;
  if (next && !alreadyThere) rememberKey(next.id, localId);
  return mapMessages(data, (known) => (known.id === localId ? (alreadyThere ? null : next) : known)) ?? data;
}

/** A reaction (latest per side wins; an empty emoji removes it) onto the message it targets. */
function applyReaction(data: MessagePages, reaction: MessageResponse): MessagePages {
  if (reaction.content.type !== "reaction") return data;
  const { targetWamid, emoji } = reaction.content;
  return (
    mapMessages(data, (known) => {
      if (known.wamid !== targetWamid) return known;
      const others = known.reactions.filter((r) => r.direction !== reaction.direction);
      return { ...known, reactions: emoji ? [...others, { emoji, direction: reaction.direction }] : others };
    }) ?? data
  );
}

/** Every loaded message, oldest first, reaction rows left out (they show on their target). */
export function chronological(data: MessagePages | undefined): MessageResponse[] {
  if (!data) return [];
  const all: MessageResponse[] = [];
  for (let p = data.pages.length - 1; p >= 0; p -= 1) {
    const page = data.pages[p];
    if (!page) continue;
    for (let m = page.messages.length - 1; m >= 0; m -= 1) {
      const message = page.messages[m];
      if (message && message.content.type !== "reaction") all.push(message);
    }
  }
  return all;
}
