import { detectLanguage } from "../../../../contracts/language-detection";
import type { ServerDeps } from "../../../deps";
import { appendTo } from "../../../platform/collections";
import type { Db } from "../../../platform/db/client";
import { event, type PendingEvent } from "../../../platform/events/domain-events";
import { queueInboxRules } from "../../automation/inbound-rules";
import { consentEvent } from "../../conversations/consent-events";
import { type FoldedChat, mergeContacts } from "../../conversations/contact-merge.repository";
import type { ContactRow, WhatsAppIdentity } from "../../conversations/contacts.repository";
import { presentContact, presentConversation } from "../../conversations/conversations.presenter";
import { type ConversationRow, chatKey } from "../../conversations/conversations.repository";
import { countInbound } from "../../costs/ledger.service";
import { type TenantRepositories, tenantRepositories } from "../../tenant-repositories";
import { downloadMediaJobRef } from "../media/download-media.job-ref";
import { presentMessage } from "../messages.presenter";
import type { MessageRow } from "../messages.repository";
import { isMetaId, metaTime } from "../meta-fields";
import { type BatchIdentity, batchContactKey, inboundBatchRepository } from "./inbound-batch.repository";
import { type MetaInboundMessage, type ParsedInbound, parseInbound, previewOf } from "./inbound-parser";
import { consentKeyword } from "./opt-out";

export interface MetaContact {
  wa_id?: string;
  /** The business-scoped user id (BSUID), in every messages webhook since April 2026. */
  user_id?: string;
  parent_user_id?: string;
  /** Meta's reference puts the username in `profile`; some partners show it beside `user_id`. */
  username?: string;
  profile?: { name?: string; username?: string };
}

/** An inbound message as routed: the client and number it reached, with the `contacts[]` of its change. */
export interface InboundItem {
  clientId: string;
  connectionId: string;
  message: MetaInboundMessage;
  contacts: MetaContact[];
}

interface Prepared {
  clientId: string;
  connectionId: string;
  wamid: string;
  identity: WhatsAppIdentity;
  /** A system message's new BSUID (`system.user_id`) and parent BSUID: the identity after a change. */
  changedTo: { bsuid: string | null; parentBsuid: string | null } | null;
  parsed: ParsedInbound;
  occurredAt: Date;
}

/**
 * A change's `contacts[]` by wa_id and by user id (the first of each), indexed once per change: one
 * change can carry thousands of messages and as many contacts, and searching the list for each
 * message would take seconds.
 */
const contactsIndex = new WeakMap<
  MetaContact[],
  { byWaId: Map<string, MetaContact>; byUserId: Map<string, MetaContact> }
>();
function profileOf(contacts: MetaContact[], waId: string | null, bsuid: string | null) {
  let index = contactsIndex.get(contacts);
  if (!index) {
    index = { byWaId: new Map(), byUserId: new Map() };
    for (const contact of contacts) {
      const { wa_id, user_id } = contact ?? {};
      if (typeof wa_id === "string" && !index.byWaId.has(wa_id)) index.byWaId.set(wa_id, contact);
      if (typeof user_id === "string" && !index.byUserId.has(user_id)) index.byUserId.set(user_id, contact);
    }
    contactsIndex.set(contacts, index);
  }
  return (waId && index.byWaId.get(waId)) || (bsuid && index.byUserId.get(bsuid)) || undefined;
}

/** The batch's new messages counted for the costs page's SMS comparison, every client's in one insert. */
function countInboundOfBatch(tx: Db, stored: (Prepared & { row: MessageRow })[]) {
  return countInbound(
    tx,
    stored.map((p) => ({
      clientId: p.clientId,
      connectionId: p.connectionId,
      occurredAt: p.row.occurredAt,
      waId: p.identity.waId,
    })),
  );
}

/** The team's labels on the batch's conversations, every client's in one query. */
export function labelsOfBatch(
  tx: Db,
  stored: { clientId: string; row: Pick<MessageRow, "conversationId"> }[],
) {
  const chats = new Map(stored.map((p) => [p.row.conversationId, p.clientId]));
  return inboundBatchRepository(tx).labelIdsOf(
    [...chats].map(([conversationId, clientId]) => ({ clientId, conversationId })),
  );
}

const metaId = (value: unknown) => (isMetaId(value) ? value : null);
/** A name as Meta gives it: a string of reasonable length, anything else ignored. */
const shortText = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" && value.length <= 200 ? value : null;

function prepare(item: InboundItem): Prepared | null {
  const { message } = item;
  // A system message names the user as the business knew them: the previous BSUID, if it changed.
  const system =
    message.type === "system" && message.system && typeof message.system === "object"
      ? (message.system as Record<string, unknown>)
      : null;
  const waId = metaId(message.from);
  const bsuid = metaId(system?.previous_user_id) ?? metaId(message.from_user_id);
  if (!waId && !bsuid) return null;
  const profile = profileOf(item.contacts, waId, bsuid);
  return {
    clientId: item.clientId,
    connectionId: item.connectionId,
    wamid: message.id,
    identity: {
      waId,
      bsuid: bsuid ?? metaId(profile?.user_id),
      profileName: shortText(profile?.profile?.name),
      username: shortText(profile?.profile?.username) ?? shortText(profile?.username),
      parentBsuid: metaId(profile?.parent_user_id),
    },
    changedTo: system ? { bsuid: metaId(system.user_id), parentBsuid: metaId(system.parent_user_id) } : null,
    parsed: parseInbound(message),
    occurredAt: metaTime(message.timestamp),
  };
}

/**
 * Stores the inbound messages of one processing batch, each once, whatever clients they belong to:
 * contacts and conversations are created on first contact, a message is inserted unless its wamid
 * is known (Meta retries and duplicates), windows and unread counts move, opt-out words are
 * honoured, the candidate's language is kept when their words make it clear, media downloads are
 * queued — all in the caller's transaction, in four statements for the whole batch. Returns each client's events for the dashboards.
 */
export async function storeInboundMessages(
  deps: ServerDeps,
  tx: Db,
  items: InboundItem[],
): Promise<Map<string, PendingEvent[]>> {
  const events = new Map<string, PendingEvent[]>();
  const prepared = items.map(prepare).filter((p): p is Prepared => p !== null);
  if (prepared.length === 0) return events;
  const batch = inboundBatchRepository(tx);

  const identities: BatchIdentity[] = prepared.map((p) => ({
    ...p.identity,
    clientId: p.clientId,
    detectedLanguage: detectLanguage(ownWords(p.parsed.content)),
  }));
  // A chat folded into the candidate's other one is announced first: the tabs drop it, then the
  // batch's messages reach the kept chat.
  for (const [clientId, folded] of await batch.reconcileIdentities(identities))
    appendTo(events, clientId, folded.map(removedChatEvent));
  const contacts = await batch.upsertContacts(identities);
  const contactOf = (p: Prepared) => contacts.get(batchContactKey(p.clientId, p.identity))!;
  const conversations = await batch.upsertConversations(
    prepared.map((p) => ({ clientId: p.clientId, connectionId: p.connectionId, contactId: contactOf(p).id })),
  );
  const conversationOf = (p: Prepared) =>
    conversations.get(chatKey({ connectionId: p.connectionId, contactId: contactOf(p).id }))!;

  const unique = uniqueByWamid(prepared);
  const inserted = await batch.insertMessages(
    unique.map((p) => ({
      clientId: p.clientId,
      conversationId: conversationOf(p).id,
      direction: "inbound" as const,
      wamid: p.wamid,
      type: p.parsed.content.type,
      content: { content: p.parsed.content, context: p.parsed.context, referral: p.parsed.referral },
      text: p.parsed.text,
      status: "received" as const,
      replyToWamid: p.parsed.context?.replyToWamid ?? null,
      occurredAt: p.occurredAt,
    })),
  );
  if (inserted.length === 0) return events; // all already stored: retries or duplicate deliveries

  const rowByWamid = new Map(inserted.map((row) => [row.wamid!, row]));
  const stored = unique.flatMap((p) => {
    const row = rowByWamid.get(p.wamid);
    return row ? [{ ...p, row }] : [];
  });
  const conversationById = new Map<string, ConversationRow>(
    [...conversations.values()].map((c) => [c.id, c]),
  );
  for (const row of await batch.recordInbound(chatUpdates(stored))) conversationById.set(row.id, row);
  await countInboundOfBatch(tx, stored);
  // The inbox rules (assignment, away reply) run as jobs after this commits, when a client has one on.
  const rules = await batch.inboxRulesOf([...new Set(stored.map((p) => p.clientId))]);
  if (rules.size > 0)
    await queueInboxRules(
      deps,
      tx,
      rules,
      stored.map((p) => ({ row: p.row, chatBefore: conversationOf(p) })),
    );

  const contactById = new Map<string, ContactRow>([...contacts.values()].map((c) => [c.id, c]));
  for (const p of stored) {
    const repos = tenantRepositories(tx, p.clientId);
    appendTo(events, p.clientId, await applyConsentAndIdentity(tx, repos, contactById, contactOf(p).id, p));
    if (p.parsed.media) await queueMediaDownload(deps, tx, repos, p.row, p.parsed.media);
  }

  const labelIds = await labelsOfBatch(tx, stored);
  for (const { row } of stored) {
    const conversation = conversationById.get(row.conversationId)!;
    const received = event("message:received", {
      message: presentMessage(row),
      conversation: presentConversation({
        ...conversation,
        contact: contactById.get(conversation.contactId)!,
        labelIds: labelIds.get(conversation.id) ?? [],
      }),
    });
    appendTo(events, row.clientId, [received]);
  }
  return events;
}

/**
 * What the candidate wrote in their own words: a text or a caption. A button's or a list row's
 * title is the business's wording, and a file's name says nothing of their language.
 */
function ownWords(content: ParsedInbound["content"]): string | null {
  if (content.type === "text") return content.body;
  if ("media" in content) return content.media.caption;
  return null;
}

/** The first of each wamid (a delivery can repeat a message; the database keeps the rest out). */
function uniqueByWamid(prepared: Prepared[]): Prepared[] {
  const seen = new Set<string>();
  return prepared.filter((p) => !seen.has(p.wamid) && seen.add(p.wamid));
}

/** Per chat: how many new messages count as unread, and the newest one's time and preview. */
function chatUpdates(stored: (Prepared & { row: MessageRow })[]) {
  const byChat = new Map<
    string,
    { clientId: string; id: string; at: Date; preview: string; count: number }
  >();
  for (const { row, parsed } of stored) {
    if (parsed.content.type === "reaction") continue; // a reaction is not a new message to read
    const chat = byChat.get(row.conversationId);
    const preview = previewOf(parsed.content, parsed.text);
    if (!chat)
      byChat.set(row.conversationId, {
        clientId: row.clientId,
        id: row.conversationId,
        at: row.occurredAt,
        preview,
        count: 1,
      });
    else {
      chat.count += 1;
      // Same second: the later arrival is the newer message (ids are time-ordered).
      if (row.occurredAt >= chat.at) Object.assign(chat, { at: row.occurredAt, preview });
    }
  }
  return [...byChat.values()];
}

/**
 * STOP (and its French, Arabic and Darija forms) opts the candidate out; START opts them back in;
 * a "changed number" notice moves the contact to the new wa_id unless another contact has it.
 * Returns the consent change's event for the client's webhook endpoints, and the chats a number
 * change folded into another (for the dashboards).
 */
async function applyConsentAndIdentity(
  tx: Db,
  repos: TenantRepositories,
  contactById: Map<string, ContactRow>,
  contactId: string,
  p: Prepared,
): Promise<PendingEvent[]> {
  const contact = contactById.get(contactId)!;
  const { content } = p.parsed;
  let updated: ContactRow | undefined;
  let consent: PendingEvent | null = null;
  if (content.type === "text") {
    const keyword = consentKeyword(content.body);
    if (keyword === "stop" && !contact.optedOutAt) {
      const source = `whatsapp: "${content.body.trim()}"`;
      updated = await repos.contacts.update(contact.id, { optedOutAt: p.occurredAt, optOutSource: source });
      consent = consentEvent("opted_out", presentContact(updated!), source);
    } else if (keyword === "start" && contact.optedOutAt) {
      const source = "whatsapp: START";
      updated = await repos.contacts.update(contact.id, {
        optedOutAt: null,
        optedInAt: p.occurredAt,
        optInSource: source,
      });
      consent = consentEvent("opted_in", presentContact(updated!), source);
    }
  }
  const folded: FoldedChat[] = [];
  if (content.type === "system" && p.changedTo)
    updated = await followIdentityChange(tx, repos, contact, content, p.changedTo, folded);
  if (updated) contactById.set(updated.id, updated);
  return [...(consent ? [consent] : []), ...folded.map(removedChatEvent)];
}

const removedChatEvent = (chat: FoldedChat) => event("conversation:removed", chat);

/**
 * A "changed number" or "changed user id" notice: the contact moves to the new number and BSUID
 * (Meta mints a new BSUID with a new number). A contact that already holds the new identity (the
 * candidate wrote from it before the notice arrived) joins this one, so the candidate's history
 * stays in one chat.
 */
async function followIdentityChange(
  tx: Db,
  repos: TenantRepositories,
  contact: ContactRow,
  content: Extract<ParsedInbound["content"], { type: "system" }>,
  changedTo: NonNullable<Prepared["changedTo"]>,
  /** Gains the chats folded into another by the move. */
  folded: FoldedChat[],
): Promise<ContactRow | undefined> {
  const newWaId = content.kind === "user_changed_number" ? metaId(content.newWaId) : null;
  const newBsuid =
    content.kind === "user_changed_number" || content.kind === "user_changed_user_id"
      ? changedTo.bsuid
      : null;
  if (!newWaId && !newBsuid) return undefined;
  let current = contact;
  const holders = [
    newWaId ? await repos.contacts.findByWaId(newWaId) : undefined,
    newWaId ? await repos.contacts.findByPhone(`+${newWaId}`) : undefined,
    newBsuid ? await repos.contacts.findByBsuid(newBsuid) : undefined,
  ];
  for (const holder of holders) {
    if (!holder || holder.id === current.id) continue;
    const merged = await mergeContacts(tx, current.clientId, current.id, holder.id);
    if (!merged) continue;
    current = merged.contact;
    folded.push(...merged.folded);
  }
  return repos.contacts.update(current.id, {
    ...(newWaId ? { waId: newWaId, phone: `+${newWaId}` } : {}),
    ...(newBsuid ? { bsuid: newBsuid } : {}),
    ...(changedTo.parentBsuid ? { parentBsuid: changedTo.parentBsuid } : {}),
  });
}

/** Records a message's media and queues its download from Meta (its URL lives minutes). */
export async function queueMediaDownload(
  deps: ServerDeps,
  tx: Db,
  repos: TenantRepositories,
  row: MessageRow,
  media: NonNullable<ParsedInbound["media"]>,
) {
  const stored = await repos.messages.insertMedia({
    messageId: row.id,
    metaMediaId: media.metaMediaId,
    mimeType: media.mimeType,
    sha256: media.sha256,
    filename: media.filename,
  });
  await deps.queue.enqueue(downloadMediaJobRef, { clientId: row.clientId, mediaId: stored.id }, { tx });
}
