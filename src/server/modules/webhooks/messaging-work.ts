import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import type { PendingEvent } from "../../platform/events/domain-events";
import { type InboundItem, storeInboundMessages } from "../messaging/inbound.service";
import { applyStatuses, type MetaStatus } from "../messaging/statuses.service";

/**
 * The `messages` changes of a processing batch, gathered per client and written together:
 * a burst of a thousand inbound messages costs a handful of statements per client instead of
 * several per message. Clients are written in id order, so that two batches running at the same
 * time take their row locks in the same order.
 */
export class MessagingWork {
  private readonly inbound = new Map<string, InboundItem[]>();
  private readonly statuses = new Map<string, MetaStatus[]>();

  addInbound(clientId: string, item: InboundItem): void {
    this.inbound.set(clientId, [...(this.inbound.get(clientId) ?? []), item]);
  }

  addStatuses(clientId: string, statuses: MetaStatus[]): void {
    this.statuses.set(clientId, [...(this.statuses.get(clientId) ?? []), ...statuses]);
  }

  /** Writes everything gathered, in the caller's transaction; returns each client's events. */
  async write(deps: ServerDeps, tx: Db): Promise<Map<string, PendingEvent[]>> {
    const events = new Map<string, PendingEvent[]>();
    const clients = [...new Set([...this.inbound.keys(), ...this.statuses.keys()])].sort();
    for (const clientId of clients) {
      const inbound = this.inbound.get(clientId) ?? [];
      const statuses = this.statuses.get(clientId) ?? [];
      events.set(clientId, [
        ...(inbound.length > 0 ? await storeInboundMessages(deps, tx, clientId, inbound) : []),
        ...(statuses.length > 0 ? await applyStatuses(tx, clientId, statuses) : []),
      ]);
    }
    this.inbound.clear();
    this.statuses.clear();
    return events;
  }
}
