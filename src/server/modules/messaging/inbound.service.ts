import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import { event, type PendingEvent } from "../../platform/events/domain-events";
import type { ConnectionRow } from "../connections/connections.repository";
import { presentConversation } from "../conversations/conversations.presenter";
import { tenantRepositories } from "../tenant-repositories";
import { type MetaInboundMessage, parseInbound, previewOf } from "./inbound-parser";
import { downloadMediaJob } from "./jobs/download-media.job";
import { presentMessage } from "./messages.presenter";
import { consentKeyword } from "./opt-out";

export interface MetaContact {
  wa_id?: string;
  user_id?: string;
  profile?: { name?: string };
}

const secondsToDate = (timestamp: string | undefined) =>
  timestamp && /^\d+$/.test(timestamp) ? new Date(Number(timestamp) * 1000) : new Date();

/**
 * Stores one inbound message, once: contact and conversation are created on first contact, the
 * message is inserted unless its wamid is known (Meta retries and duplicates), the window and the
 * unread count move, opt-out words are honoured, media download is queued, and the event for the
 * dashboards is recorded — all in the caller's transaction.
 */
export async function storeInboundMessage(
  deps: ServerDeps,
  tx: Db,
  connection: ConnectionRow,
  message: MetaInboundMessage,
  contacts: MetaContact[],
): Promise<PendingEvent[]> {
  const repos = tenantRepositories(tx, connection.clientId);
  const waId = message.from ?? null;
  const bsuid = message.from_user_id ?? null;
  if (!waId && !bsuid) return [];
  const profile = contacts.find((c) => (waId && c.wa_id === waId) || (bsuid && c.user_id === bsuid));
  const contact = await repos.contacts.upsertFromWhatsApp({
    waId,
    bsuid: bsuid ?? profile?.user_id ?? null,
    profileName: profile?.profile?.name ?? null,
  });
  const conversation = await repos.conversations.upsert(connection.id, contact.id);
  const parsed = parseInbound(message);
  const occurredAt = secondsToDate(message.timestamp);
  const row = await repos.messages.insertOnce({
    conversationId: conversation.id,
    direction: "inbound",
    wamid: message.id,
    type: parsed.content.type,
    content: { content: parsed.content, context: parsed.context, referral: parsed.referral },
    text: parsed.text,
    status: "received",
    replyToWamid: parsed.context?.replyToWamid ?? null,
    occurredAt,
  });
  if (!row) return []; // already stored: a retry or a duplicate delivery

  if (parsed.content.type !== "reaction") {
    await repos.conversations.recordInbound(
      conversation.id,
      occurredAt,
      previewOf(parsed.content, parsed.text),
    );
  }
  if (parsed.content.type === "text") {
    const keyword = consentKeyword(parsed.content.body);
    if (keyword === "stop" && !contact.optedOutAt) {
      await repos.contacts.update(contact.id, {
        optedOutAt: occurredAt,
        optOutSource: `whatsapp: "${parsed.content.body.trim()}"`,
      });
    } else if (keyword === "start" && contact.optedOutAt) {
      await repos.contacts.update(contact.id, {
        optedOutAt: null,
        optedInAt: occurredAt,
        optInSource: "whatsapp: START",
      });
    }
  }
  if (
    parsed.content.type === "system" &&
    parsed.content.newWaId &&
    parsed.content.kind === "user_changed_number"
  ) {
    const taken = await repos.contacts.findByWaId(parsed.content.newWaId);
    if (!taken)
      await repos.contacts.update(contact.id, {
        waId: parsed.content.newWaId,
        phone: `+${parsed.content.newWaId}`,
      });
  }
  if (parsed.media) {
    const stored = await repos.messages.insertMedia({
      messageId: row.id,
      metaMediaId: parsed.media.metaMediaId,
      mimeType: parsed.media.mimeType,
      sha256: parsed.media.sha256,
      filename: parsed.media.filename,
    });
    await deps.queue.enqueue(downloadMediaJob, { clientId: connection.clientId, mediaId: stored.id }, { tx });
  }
  const current = await repos.conversations.findById(conversation.id);
  return [
    event("message:received", { message: presentMessage(row), conversation: presentConversation(current!) }),
  ];
}
