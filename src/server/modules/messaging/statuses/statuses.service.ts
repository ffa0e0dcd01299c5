import { isDeliveryStatus, mergeDelivery, reportedDelivery } from "../../../../contracts/message-status";
import type { Config } from "../../../platform/config";
import type { Db } from "../../../platform/db/client";
import { event, type PendingEvent } from "../../../platform/events/domain-events";
import { recordCharges } from "../../costs/ledger.service";
import { tenantRepositories } from "../../tenant-repositories";
import { presentMessage } from "../messages.presenter";
import { type MessageChanges, type MessageRow, parkedStatusesRepository } from "../messages.repository";
import { metaTime } from "../meta-fields";
import { applyRefusals } from "../outbound/meta-refusals";

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
  if (!isDeliveryStatus(status.status)) return {};
  const at = metaTime(status.timestamp);
  // Meta reorders and re-sends: a late lower status only fills in its time.
  const changes: MessageChanges = mergeDelivery(message, reportedDelivery(status.status, at));
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

const hasChanged = (message: MessageRow, changes: MessageChanges) =>
  Object.entries(changes).some(([key, value]) => {
    const current = message[key as keyof MessageRow];
    return current instanceof Date && value instanceof Date
      ? current.getTime() !== value.getTime()
      : current !== value;
  });

/**
 * Applies a batch of delivery statuses, in arrival order, by the shared status rule (`mergeDelivery`).
 * A status for a wamid not stored yet is matched by our own id (echoed in
 * `biz_opaque_callback_data`) or parked until the send records the wamid. The messages are read
 * and locked in one query, every status is applied to them in memory as if each came alone, and
 * each message that changed is written once and announced once, in its final state. A message
 * Meta has now priced and delivered gets its ledger entry in the same transaction.
 */
export async function applyStatuses(
  tx: Db,
  clientId: string,
  statuses: MetaStatus[],
  config?: Pick<Config, "sending">,
): Promise<PendingEvent[]> {
  const repos = tenantRepositories(tx, clientId);
  const ourIds = statuses.flatMap((s) =>
    s.biz_opaque_callback_data && UUID.test(s.biz_opaque_callback_data) ? [s.biz_opaque_callback_data] : [],
  );
  const rows = await repos.messages.lockByWamidsOrIds(
    statuses.map((s) => s.id),
    ourIds,
  );
  const byWamid = new Map<string, MessageRow>();
  const awaitingWamid = new Map<string, MessageRow>();
  for (const row of rows) {
    if (row.wamid) byWamid.set(row.wamid, row);
    else if (row.direction === "outbound") awaitingWamid.set(row.id, row);
  }
  const changed = new Map<string, MessageRow>();
  const parked: { wamid: string; status: Record<string, unknown> }[] = [];
  for (const status of statuses) {
    let message = byWamid.get(status.id);
    const candidate = status.biz_opaque_callback_data && awaitingWamid.get(status.biz_opaque_callback_data);
    if (!message && candidate) {
      message = { ...candidate, wamid: status.id };
      awaitingWamid.delete(candidate.id);
      changed.set(message.id, message);
    }
    if (!message) {
      parked.push({ wamid: status.id, status: status as unknown as Record<string, unknown> });
      continue;
    }
    const changes = changesFor(message, status);
    if (hasChanged(message, changes)) {
      message = { ...message, ...changes };
      changed.set(message.id, message);
    }
    byWamid.set(status.id, message);
  }
  await parkedStatusesRepository(tx).parkMany(parked);
  const updated = await repos.messages.updateDeliveryStates([...changed.values()]);
  // Meta's refusals that reach beyond the message (opted out of marketing, a paused template…).
  if (config) await applyRefusals(tx, clientId, config, updated);
  // Charges go in with the statuses that made them due: a crash re-processes both or neither.
  const notices = await recordCharges(tx, clientId, updated);
  return [...updated.map((row) => event("message:status", { message: presentMessage(row) })), ...notices];
}

async function applyTo(
  tx: Db,
  clientId: string,
  message: MessageRow,
  status: MetaStatus,
): Promise<{ message: MessageRow; events: PendingEvent[] }> {
  const changes = changesFor(message, status);
  if (!hasChanged(message, changes)) return { message, events: [] };
  const updated = await tenantRepositories(tx, clientId).messages.update(message.id, changes);
  return { message: updated!, events: [event("message:status", { message: presentMessage(updated!) })] };
}

/**
 * Applies the statuses that were waiting for these messages' wamids (one client's), each message's
 * in arrival order; then records the charges they made due, all in one go (one addition to the
 * month's rollups for the batch, not one a message).
 */
export async function applyParkedStatuses(
  tx: Db,
  clientId: string,
  sends: { messageId: string; wamid: string }[],
): Promise<PendingEvent[]> {
  const events: PendingEvent[] = [];
  const settled: MessageRow[] = [];
  for (const { messageId, wamid } of sends) {
    const parked = await parkedStatusesRepository(tx).take(wamid);
    if (parked.length === 0) continue;
    // Read once; each status then applies to the row the previous one left.
    let message = await tenantRepositories(tx, clientId).messages.findById(messageId);
    for (const status of parked) {
      if (!message) break;
      const applied = await applyTo(tx, clientId, message, status as unknown as MetaStatus);
      message = applied.message;
      events.push(...applied.events);
    }
    if (message) settled.push(message);
  }
  events.push(...(await recordCharges(tx, clientId, settled)));
  return events;
}
