import type { Db } from "../../platform/db/client";
import type { MessageStatus } from "../../platform/db/schema/messaging";
import { event, type PendingEvent } from "../../platform/events/domain-events";
import { tenantRepositories } from "../tenant-repositories";
import { presentMessage } from "./messages.presenter";
import { type MessageChanges, type MessageRow, parkedStatusesRepository } from "./messages.repository";
import { isMetaStatus, nextStatus } from "./status-machine";

/** One `statuses[]` item as Meta sends it. */
export interface MetaStatus {
  id: string;
  status: string;
  timestamp?: string;
  recipient_id?: string;
  biz_opaque_callback_data?: string;
  pricing?: { billable?: boolean; pricing_model?: string; category?: string; type?: string };
  errors?: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function changesFor(message: MessageRow, status: MetaStatus): MessageChanges {
  if (!isMetaStatus(status.status)) return {};
  const at =
    status.timestamp && /^\d+$/.test(status.timestamp)
      ? new Date(Number(status.timestamp) * 1000)
      : new Date();
  const changes: MessageChanges = { status: nextStatus(message.status, status.status as MessageStatus) };
  // Every timestamp is kept even when it arrives after a later status (Meta reorders).
  const column = `${status.status}At` as "sentAt" | "deliveredAt" | "readAt" | "failedAt";
  if (!message[column] || (status.status === "sent" && message.sentAt && message.sentAt > at))
    changes[column] = at;
  const error = status.errors?.[0];
  if (status.status === "failed" && error) {
    changes.errorCode = error.code ?? null;
    changes.errorTitle = error.title ?? error.message ?? null;
    changes.errorDetails = error.error_data?.details ?? null;
  }
  if (status.pricing) {
    changes.pricingCategory = status.pricing.category ?? message.pricingCategory;
    changes.pricingType = status.pricing.type ?? message.pricingType;
    changes.isBillable = status.pricing.billable ?? message.isBillable;
  }
  return changes;
}

/**
 * Applies a delivery status to its message through the monotonic state machine. A status for a
 * wamid not stored yet is matched by our own id (echoed in `biz_opaque_callback_data`) or parked
 * until the send records the wamid.
 */
/**
 * Statuses are applied in order; their messages are read in one query, and a message that several
 * statuses name is updated step by step, as if each status came alone.
 */
export async function applyStatuses(
  tx: Db,
  clientId: string,
  statuses: MetaStatus[],
): Promise<PendingEvent[]> {
  const known = new Map<string, MessageRow>();
  for (const row of await tenantRepositories(tx, clientId).messages.findByWamids(statuses.map((s) => s.id)))
    if (row.wamid) known.set(row.wamid, row);
  const events: PendingEvent[] = [];
  for (const status of statuses) {
    const applied = await applyOne(tx, clientId, status, known.get(status.id));
    if (applied.message) known.set(status.id, applied.message);
    events.push(...applied.events);
  }
  return events;
}

async function applyOne(
  tx: Db,
  clientId: string,
  status: MetaStatus,
  stored: MessageRow | undefined,
): Promise<{ message?: MessageRow; events: PendingEvent[] }> {
  const repos = tenantRepositories(tx, clientId);
  let message = stored;
  const ourId = status.biz_opaque_callback_data;
  if (!message && ourId && UUID.test(ourId)) {
    const candidate = await repos.messages.findById(ourId);
    if (candidate && !candidate.wamid && candidate.direction === "outbound") {
      message = await repos.messages.update(candidate.id, { wamid: status.id });
    }
  }
  if (!message) {
    await parkedStatusesRepository(tx).park(status.id, status as unknown as Record<string, unknown>);
    return { events: [] };
  }
  return applyTo(tx, clientId, message, status);
}

async function applyTo(
  tx: Db,
  clientId: string,
  message: MessageRow,
  status: MetaStatus,
): Promise<{ message: MessageRow; events: PendingEvent[] }> {
  const changes = changesFor(message, status);
  const isChange = Object.entries(changes).some(([key, value]) => {
    const current = message[key as keyof MessageRow];
    return current instanceof Date && value instanceof Date
      ? current.getTime() !== value.getTime()
      : current !== value;
  });
  if (!isChange) return { message, events: [] };
  const updated = await tenantRepositories(tx, clientId).messages.update(message.id, changes);
  return { message: updated!, events: [event("message:status", { message: presentMessage(updated!) })] };
}

/** Applies the statuses that were waiting for this message's wamid, in arrival order. */
export async function applyParkedStatuses(
  tx: Db,
  clientId: string,
  messageId: string,
  wamid: string,
): Promise<PendingEvent[]> {
  const parked = await parkedStatusesRepository(tx).take(wamid);
  const events: PendingEvent[] = [];
  for (const status of parked) {
    const message = await tenantRepositories(tx, clientId).messages.findById(messageId);
    if (message)
      events.push(...(await applyTo(tx, clientId, message, status as unknown as MetaStatus)).events);
  }
  return events;
}
