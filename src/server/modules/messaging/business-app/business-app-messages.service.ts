import type { ServerDeps } from "../../../deps";
import { appendTo } from "../../../platform/collections";
import type { Db } from "../../../platform/db/client";
import { event, type PendingEvent } from "../../../platform/events/domain-events";
import type { ContactRow } from "../../conversations/contacts.repository";
import { presentConversation } from "../../conversations/conversations.presenter";
import { type ConversationRow, chatKey } from "../../conversations/conversations.repository";
import { tenantRepositories } from "../../tenant-repositories";
import { labelsOfBatch, queueMediaDownload } from "../inbound/inbound.service";
import { batchContactKey, inboundBatchRepository } from "../inbound/inbound-batch.repository";
import { type ParsedInbound, parseInbound, previewOf } from "../inbound/inbound-parser";
import { presentMessage } from "../messages.presenter";
import type { MessageRow } from "../messages.repository";
import { applyParkedStatuses } from "../statuses/statuses.service";
import { businessAppRepository, type ImportedChatUpdate } from "./business-app.repository";
import type { AppMessage } from "./business-app-payloads";

/** A message of the WhatsApp Business app as routed: the client and number it belongs to. */
export interface RoutedAppMessage extends AppMessage {
  clientId: string;
  connectionId: string;
}

type Stored = RoutedAppMessage & { parsed: ParsedInbound; row: MessageRow };

/**
 * Stores the WhatsApp Business app's messages of a batch — echoes of what the recruiter sent from
 * the phone, and the chat history shared at onboarding — each once by wamid, whatever order or
 * repetition Meta delivers them in. Contacts and chats are created as a candidate's message would
 * create them, but nothing else a candidate's message does happens: no window opens, no unread
 * count moves, no assignment, away reply or notification, no cost is counted. Returns each client's
 * events (an echo shows in open inboxes as the team's own message; a history import updates each
 * chat once) and, per number, how many history messages were new.
 */
export async function storeAppMessages(
  deps: ServerDeps,
  tx: Db,
  items: RoutedAppMessage[],
): Promise<{ events: Map<string, PendingEvent[]>; historyStored: Map<string, number> }> {
  const events = new Map<string, PendingEvent[]>();
  const historyStored = new Map<string, number>();
  if (items.length === 0) return { events, historyStored };
  const batch = inboundBatchRepository(tx);

  const identities = items.map((m) => ({
    clientId: m.clientId,
    waId: m.waId,
    bsuid: m.bsuid,
    profileName: null,
    username: null,
    parentBsuid: null,
  }));
  await batch.reconcileIdentities(identities);
  const contacts = await batch.upsertContacts(identities);
  const contactOf = (m: RoutedAppMessage) => contacts.get(batchContactKey(m.clientId, m))!;
  const conversations = await batch.upsertConversations(
    items.map((m) => ({ clientId: m.clientId, connectionId: m.connectionId, contactId: contactOf(m).id })),
  );
  const conversationOf = (m: RoutedAppMessage) =>
    conversations.get(chatKey({ connectionId: m.connectionId, contactId: contactOf(m).id }))!;

  const seen = new Set<string>();
  const unique = items
    .filter((m) => !seen.has(m.message.id) && seen.add(m.message.id))
    .map((m) => ({ ...m, parsed: parseInbound(m.message) }));
  const inserted = await batch.insertMessages(
    unique.map((m) => ({
      clientId: m.clientId,
      conversationId: conversationOf(m).id,
      direction: m.direction,
      wamid: m.message.id,
      type: m.parsed.content.type,
      content: { content: m.parsed.content, context: m.parsed.context, referral: m.parsed.referral },
      text: m.parsed.text,
      status: m.status,
      replyToWamid: m.parsed.context?.replyToWamid ?? null,
      occurredAt: m.occurredAt,
      origin: m.origin,
      sentAt: m.direction === "outbound" ? m.occurredAt : null,
    })),
  );
  if (inserted.length === 0) return { events, historyStored };
  const rowByWamid = new Map(inserted.map((row) => [row.wamid!, row]));
  const stored: Stored[] = unique.flatMap((m) => {
    const row = rowByWamid.get(m.message.id);
    return row ? [{ ...m, row }] : [];
  });

  const conversationById = new Map<string, ConversationRow>(
    [...conversations.values()].map((c) => [c.id, c]),
  );
  for (const row of await businessAppRepository(tx).recordImported(chatUpdates(stored)))
    conversationById.set(row.id, row);

  for (const m of stored) {
    if (m.origin === "history")
      historyStored.set(m.connectionId, (historyStored.get(m.connectionId) ?? 0) + 1);
    const repos = tenantRepositories(tx, m.clientId);
    if (m.parsed.media) await queueMediaDownload(deps, tx, repos, m.row, m.parsed.media);
    // A status of an echo can come before the echo itself: it waited for its wamid.
    if (m.origin === "business_app")
      appendTo(
        events,
        m.clientId,
        await applyParkedStatuses(tx, m.clientId, [{ messageId: m.row.id, wamid: m.message.id }]),
      );
  }

  const contactById = new Map<string, ContactRow>([...contacts.values()].map((c) => [c.id, c]));
  const labelIds = await labelsOfBatch(tx, stored);
  const presented = (conversationId: string) => {
    const conversation = conversationById.get(conversationId)!;
    return presentConversation({
      ...conversation,
      contact: contactById.get(conversation.contactId)!,
      labelIds: labelIds.get(conversation.id) ?? [],
    });
  };
  // An echo shows in open inboxes as a message of the team's (never announced as received); a
  // history import, which can hold thousands of messages, updates each of its chats once.
  const historyChats = new Map<string, string>();
  for (const m of stored) {
    if (m.origin === "business_app")
      appendTo(events, m.clientId, [
        event("message:created", {
          message: presentMessage(m.row),
          conversation: presented(m.row.conversationId),
        }),
      ]);
    else historyChats.set(m.row.conversationId, m.clientId);
  }
  for (const [conversationId, clientId] of historyChats)
    appendTo(events, clientId, [event("conversation:updated", { conversation: presented(conversationId) })]);
  return { events, historyStored };
}

/** Per chat: its newest stored message, which may become the chat's last. */
function chatUpdates(stored: Stored[]): ImportedChatUpdate[] {
  const byChat = new Map<string, ImportedChatUpdate>();
  for (const { row, parsed, origin } of stored) {
    if (parsed.content.type === "reaction") continue;
    const chat = byChat.get(row.conversationId);
    if (chat && chat.at > row.occurredAt) continue;
    byChat.set(row.conversationId, {
      clientId: row.clientId,
      id: row.conversationId,
      at: row.occurredAt,
      preview: previewOf(parsed.content, parsed.text),
      direction: row.direction,
      answered: origin === "business_app",
    });
  }
  return [...byChat.values()];
}
