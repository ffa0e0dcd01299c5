import type { ServerDeps } from "../../deps";
import { appendTo } from "../../platform/collections";
import type { Db } from "../../platform/db/client";
import type { PendingEvent } from "../../platform/events/domain-events";
import { type InboundItem, storeInboundMessages } from "../messaging/inbound.service";
import { applyStatuses, type MetaStatus } from "../messaging/statuses.service";

/**
 * The `messages` changes of a processing batch, gathered and written together: a burst of a
 * thousand inbound messages for many clients costs four statements, and each client's statuses
 * two or three, instead of several per message. Statuses go client by client in id order, so that
 * two batches running at the same time take their row locks in the same order.
 */
export class MessagingWork {
  private readonly inbound: InboundItem[] = [];
  private readonly statuses = new Map<string, MetaStatus[]>();

  addInbound(item: InboundItem): void {
    this.inbound.push(item);
  }

  addStatuses(clientId: string, statuses: MetaStatus[]): void {
    appendTo(this.statuses, clientId, statuses);
  }

  /** Writes everything gathered, in the caller's transaction; returns each client's events. */
  async write(deps: ServerDeps, tx: Db): Promise<Map<string, PendingEvent[]>> {
    const events = await storeInboundMessages(deps, tx, this.inbound.splice(0));
    for (const clientId of [...this.statuses.keys()].sort()) {
      const applied = await applyStatuses(tx, clientId, this.statuses.get(clientId)!);
      appendTo(events, clientId, applied);
    }
    this.statuses.clear();
    return events;
  }
}
