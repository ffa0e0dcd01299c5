import { connectionDirectory } from "../../connections/connection-directory.repository";
import { type MetaContact, storeInboundMessage } from "../../messaging/inbound.service";
import type { MetaInboundMessage } from "../../messaging/inbound-parser";
import { applyStatuses, type MetaStatus } from "../../messaging/statuses.service";
import { tenantRepositories } from "../../tenant-repositories";
import { type ChangeContext, type ChangeHandler, lookupOnce } from "./change-context";

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * The `messages` field: inbound messages and delivery statuses of one business number, routed to
 * its client by `metadata.phone_number_id`.
 */
export const handleMessagesChange: ChangeHandler = async (ctx) => {
  const value = ctx.change.value ?? {};
  const phoneNumberId = value.metadata?.phone_number_id;
  const owner = phoneNumberId ? await routeOf(ctx, phoneNumberId) : undefined;
  if (!owner) {
    ctx.keepUnroutable(`no connection for phone number ${phoneNumberId ?? "(missing)"}`);
    return;
  }
  const { connection } = owner;
  if (!connection) return;
  const contacts = list<MetaContact>(value.contacts);
  for (const message of list<MetaInboundMessage>(value.messages)) {
    if (typeof message?.id !== "string" || typeof message.type !== "string") continue;
    ctx.emit(owner.clientId, await storeInboundMessage(ctx.deps, ctx.tx, connection, message, contacts));
  }
  const statuses = list<MetaStatus>(value.statuses).filter((status) => typeof status?.id === "string");
  if (statuses.length > 0) ctx.emit(owner.clientId, await applyStatuses(ctx.tx, owner.clientId, statuses));
};

/** The client and connection a phone number id routes to, looked up once per processing batch. */
function routeOf(ctx: ChangeContext, phoneNumberId: string) {
  return lookupOnce(ctx.lookups, `route:${phoneNumberId}`, async () => {
    const owner = await connectionDirectory(ctx.tx).ownerOfPhoneNumber(phoneNumberId);
    if (!owner) return undefined;
    const connection = await tenantRepositories(ctx.tx, owner.clientId).connections.findById(
      owner.connectionId,
    );
    return { clientId: owner.clientId, connection };
  });
}
