import { connectionDirectory } from "../../connections/connection-directory.repository";
import type { MetaContact } from "../../messaging/inbound.service";
import type { MetaInboundMessage } from "../../messaging/inbound-parser";
import type { MetaStatus } from "../../messaging/statuses.service";
import { type ChangeContext, type ChangeHandler, lookupOnce } from "./change-context";

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * The `messages` field: inbound messages and delivery statuses of one business number, routed to
 * its client by `metadata.phone_number_id`, gathered for the batch's set-based write.
 */
export const handleMessagesChange: ChangeHandler = async (ctx) => {
  const value = ctx.change.value ?? {};
  const phoneNumberId = value.metadata?.phone_number_id;
  const owner = phoneNumberId ? await routeOf(ctx, phoneNumberId) : undefined;
  if (!owner) {
    ctx.keepUnroutable(`no connection for phone number ${phoneNumberId ?? "(missing)"}`);
    return;
  }
  const contacts = list<MetaContact>(value.contacts);
  for (const message of list<MetaInboundMessage>(value.messages)) {
    if (typeof message?.id !== "string" || typeof message.type !== "string") continue;
    ctx.messaging.addInbound({
      clientId: owner.clientId,
      connectionId: owner.connectionId,
      message,
      contacts,
    });
  }
  const statuses = list<MetaStatus>(value.statuses).filter((status) => typeof status?.id === "string");
  if (statuses.length > 0) ctx.messaging.addStatuses(owner.clientId, statuses);
};

/** The client and connection a phone number id routes to, looked up once per processing batch. */
function routeOf(ctx: ChangeContext, phoneNumberId: string) {
  return lookupOnce(ctx.lookups, routeKey(phoneNumberId), () =>
    connectionDirectory(ctx.tx).ownerOfPhoneNumber(phoneNumberId),
  );
}

const routeKey = (phoneNumberId: string) => `route:${phoneNumberId}`;

/** Routes the numbers of a whole batch in one query (a number no client holds routes to nothing). */
export async function prefetchRoutes(ctx: Pick<ChangeContext, "tx" | "lookups">, phoneNumberIds: string[]) {
  const missing = phoneNumberIds.filter((id) => !ctx.lookups.has(routeKey(id)));
  if (missing.length === 0) return;
  const owners = await connectionDirectory(ctx.tx).ownersOfPhoneNumbers(missing);
  for (const id of missing) {
    const owner = owners.find((o) => o.phoneNumberId === id);
    ctx.lookups.set(
      routeKey(id),
      Promise.resolve(owner && { clientId: owner.clientId, connectionId: owner.connectionId }),
    );
  }
}
