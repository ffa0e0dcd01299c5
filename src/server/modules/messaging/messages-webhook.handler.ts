import { appendTo } from "../../platform/collections";
import type { PendingEvent } from "../../platform/events/domain-events";
import { type FieldHandler, handled, unroutable } from "../webhooks/field-handler";
import { type InboundItem, type MetaContact, storeInboundMessages } from "./inbound/inbound.service";
import type { MetaInboundMessage } from "./inbound/inbound-parser";
import { isMetaId } from "./meta-fields";
import { routesOfPhoneNumbers } from "./phone-number-routes";
import { applyStatuses, type MetaStatus } from "./statuses/statuses.service";

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * The `messages` field: inbound messages and delivery statuses of one business number, routed to
 * its client by `metadata.phone_number_id`. The batch's numbers are routed in one query, and its
 * messages and statuses are gathered and written together at its end: a burst of a thousand
 * inbound messages for many clients costs four statements, and each client's statuses two or
 * three, instead of several per message. Statuses go client by client in id order, so that two
 * batches running at the same time take their row locks in the same order.
 */
export const messagesWebhook: FieldHandler = {
  fields: ["messages"],
  async forBatch(deps, tx, changes) {
    const routeOf = await routesOfPhoneNumbers(tx, changes);
    const inbound: InboundItem[] = [];
    const statuses = new Map<string, MetaStatus[]>();

    return {
      async handle({ change }) {
        const value = change.value ?? {};
        const { phoneNumberId, owner } = routeOf(value);
        if (!owner) return unroutable(`no connection for phone number ${phoneNumberId ?? "(missing)"}`);
        const contacts = list<MetaContact>(value.contacts);
        for (const message of list<MetaInboundMessage>(value.messages)) {
          if (!isMetaId(message?.id) || typeof message.type !== "string") continue;
          inbound.push({ clientId: owner.clientId, connectionId: owner.connectionId, message, contacts });
        }
        const received = list<MetaStatus>(value.statuses).filter((status) => isMetaId(status?.id));
        if (received.length > 0) appendTo(statuses, owner.clientId, received);
        return handled();
      },

      async finish() {
        const events: Map<string, PendingEvent[]> = await storeInboundMessages(deps, tx, inbound);
        for (const clientId of [...statuses.keys()].sort())
          appendTo(events, clientId, await applyStatuses(tx, clientId, statuses.get(clientId)!, deps.config));
        return events;
      },
    };
  },
};
