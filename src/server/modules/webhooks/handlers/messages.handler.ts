import { connectionDirectory } from "../../connections/connection-directory.repository";
import { type MetaContact, storeInboundMessage } from "../../messaging/inbound.service";
import type { MetaInboundMessage } from "../../messaging/inbound-parser";
import { applyStatus, type MetaStatus } from "../../messaging/statuses.service";
import { tenantRepositories } from "../../tenant-repositories";
import type { ChangeHandler } from "./change-context";

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * The `messages` field: inbound messages and delivery statuses of one business number, routed to
 * its client by `metadata.phone_number_id`.
 */
export const handleMessagesChange: ChangeHandler = async (ctx) => {
  const value = ctx.change.value ?? {};
  const phoneNumberId = value.metadata?.phone_number_id;
  const owner = phoneNumberId
    ? await connectionDirectory(ctx.tx).ownerOfPhoneNumber(phoneNumberId)
    : undefined;
  if (!owner) {
    ctx.keepUnroutable(`no connection for phone number ${phoneNumberId ?? "(missing)"}`);
    return;
  }
  const connection = await tenantRepositories(ctx.tx, owner.clientId).connections.findById(
    owner.connectionId,
  );
  if (!connection) return;
  const contacts = list<MetaContact>(value.contacts);
  for (const message of list<MetaInboundMessage>(value.messages)) {
    if (typeof message?.id !== "string" || typeof message.type !== "string") continue;
    ctx.emit(owner.clientId, await storeInboundMessage(ctx.deps, ctx.tx, connection, message, contacts));
  }
  for (const status of list<MetaStatus>(value.statuses)) {
    if (typeof status?.id !== "string") continue;
    ctx.emit(owner.clientId, await applyStatus(ctx.tx, owner.clientId, status));
  }
};
