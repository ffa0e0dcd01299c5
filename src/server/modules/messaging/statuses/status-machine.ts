import type { MessageStatus } from "../../../platform/db/schema/messaging";

const RANK: Record<MessageStatus, number> = {
  received: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  failed: 6,
};

/**
 * Statuses only move forward (queued < sending < sent < delivered < read), whatever order Meta
 * delivers them in; `failed` is final, and a failure reported after delivery does not undo it.
 */
export function nextStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus {
  if (current === "failed" || current === "received") return current;
  if (incoming === "failed") return RANK[current] >= RANK.delivered ? current : "failed";
  return RANK[incoming] > RANK[current] ? incoming : current;
}

export function isMetaStatus(value: unknown): value is "sent" | "delivered" | "read" | "failed" {
  return value === "sent" || value === "delivered" || value === "read" || value === "failed";
}
