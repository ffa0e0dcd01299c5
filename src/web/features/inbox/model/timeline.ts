import type { MessageResponse } from "../api";
import { daysBetween } from "./dates";
import { stableKey } from "./message-pages";

export type TimelineItem =
  | { kind: "day"; key: string; iso: string }
  | { kind: "unread"; key: string; count: number }
  | { kind: "message"; key: string; message: MessageResponse; isGroupStart: boolean };

/** Consecutive bubbles of one sender within this span share a group (one tail, one name). */
const GROUP_GAP_MS = 5 * 60_000;

function sender(message: MessageResponse): string {
  return message.direction === "inbound"
    ? "candidate"
    : `team:${message.automation ?? message.senderUserId ?? "api"}`;
}

function isSystem(message: MessageResponse): boolean {
  return message.content.type === "system";
}

/**
 * The chat's rows, oldest first: a day chip before each new day, the unread divider above the first
 * of the last `unreadCount` incoming messages, and group starts (a failure breaks a group).
 */
export function buildTimeline(messages: MessageResponse[], unreadCount: number): TimelineItem[] {
  const items: TimelineItem[] = [];
  let unreadFrom: string | null = null;
  if (unreadCount > 0) {
    let seen = 0;
    for (let i = messages.length - 1; i >= 0; i -= 1) {
      const message = messages[i] as MessageResponse;
      if (message.direction !== "inbound") continue;
      seen += 1;
      unreadFrom = message.id;
      if (seen >= unreadCount) break;
    }
  }
  let previous: MessageResponse | null = null;
  for (const message of messages) {
    const newDay = !previous || daysBetween(previous.occurredAt, Date.parse(message.occurredAt)) !== 0;
    if (newDay)
      items.push({
        kind: "day",
        key: `day:${message.occurredAt.slice(0, 10)}:${message.id}`,
        iso: message.occurredAt,
      });
    if (message.id === unreadFrom) items.push({ kind: "unread", key: "unread", count: unreadCount });
    const isGroupStart =
      newDay ||
      message.id === unreadFrom ||
      !previous ||
      sender(previous) !== sender(message) ||
      isSystem(previous) ||
      isSystem(message) ||
      previous.status === "failed" ||
      Date.parse(message.occurredAt) - Date.parse(previous.occurredAt) > GROUP_GAP_MS;
    items.push({ kind: "message", key: stableKey(message.id), message, isGroupStart });
    previous = message;
  }
  return items;
}
