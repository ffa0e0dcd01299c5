import type { z } from "zod";
import type { ContactLanguage } from "../../../contracts/contact-language";
import type {
  ContactListQuery,
  ConversationListQuery,
  UpdateContactBody,
} from "../../../contracts/conversations";
import type { Db } from "../../platform/db/client";
import { notFound, validationFailed } from "../../platform/errors";
import { event, recordEvents } from "../../platform/events/domain-events";
import { conversationKey, webhookEvent } from "../../platform/events/webhook-outbox";
import { recordAudit } from "../audit/audit.service";
import { chosenLanguageSource, type RequestContext } from "../context";
import { handleTokenRefusal, sendingCredentials } from "../messaging/outbound/connection-access";
import { markReadJobRef } from "../messaging/outbound/mark-read.job-ref";
import { normalisePhone } from "../messaging/phone";
import { consentEvent } from "./consent-events";
import type { ContactRow } from "./contacts.repository";
import { presentContact, presentConversation } from "./conversations.presenter";
import {
  type ConversationListFilter,
  type ConversationWithContact,
  searchesInside,
} from "./conversations.repository";
import { decodeCursor, encodeCursor } from "./cursor";

export async function getConversation(ctx: RequestContext, id: string): Promise<ConversationWithContact> {
  const conversation = await ctx.repos.conversations.findById(id);
  if (!conversation) throw notFound("Conversation");
  return conversation;
}

/**
 * One page of the inbox: newest activity first, searched by name, phone or message text, accents and
 * case aside (one or two characters: names with a word that starts with them).
 */
export async function listConversations(ctx: RequestContext, query: z.infer<typeof ConversationListQuery>) {
  if (query.filter === "assigned_to_me" && ctx.actor.type !== "user") {
    throw validationFailed("querystring.filter", "assigned_to_me needs a logged-in user");
  }
  const after = decodeCursor(query.cursor);
  // "All" (no filter, no search) leaves out the campaign chats nobody answered, when the client says so.
  const isAll = !query.filter && !query.view && !query.q && !query.campaignId;
  // What the page's statement needs is read side by side (each its own round trip on the pool), then
  // the pinned chats and the page together: a list waits for two rounds, not for six in a row.
  const [matchingConversationIds, client, phoneDigits, pinnedIds] = await Promise.all([
    query.q && searchesInside(query.q)
      ? ctx.repos.conversations
          .chatsMatching(query.q)
          .then((ids) => ids ?? ctx.repos.messages.conversationsMatching(query.q!))
      : undefined,
    isAll ? ctx.repos.clients.findById(ctx.clientId) : undefined,
    query.q ? asPhoneDigits(ctx, query.q) : undefined,
    // A user's pinned chats come first, on the first page, when they belong to the list; the pages
    // leave them out, so the keyset order (and its index) is the inbox's as before.
    ctx.actor.type === "user" ? ctx.repos.preferences.pinnedIds(ctx.actor.userId) : [],
  ]);
  const filter: ConversationListFilter = {
    search: query.q,
    campaignId: query.campaignId,
    hideUnansweredCampaignChats: client?.hideUnansweredCampaignChats ?? false,
    phoneDigits,
    matchingConversationIds,
    filter: query.filter,
    view: query.view,
    userId: ctx.actor.type === "user" ? ctx.actor.userId : undefined,
    connectionId: query.connectionId,
    externalCandidateId: query.externalCandidateId,
    externalJobRef: query.externalJobRef,
    stageId: query.stage,
    labelId: query.label,
    limit: query.limit,
  };
  const [pinned, rows] = await Promise.all([
    pinnedIds.length > 0 && !after
      ? ctx.repos.conversations.list({ ...filter, onlyIds: pinnedIds, limit: pinnedIds.length })
      : [],
    ctx.repos.conversations.listSearched({
      ...filter,
      exceptIds: pinnedIds,
      after: after && { lastMessageAt: after.at, id: after.id },
    }),
  ]);
  const last = rows.at(-1);
  return {
    conversations: [...pinned, ...rows],
    nextCursor:
      rows.length === query.limit && last?.lastMessageAt ? encodeCursor(last.lastMessageAt, last.id) : null,
  };
}

/** The client's campaigns and how many chats each: the campaign filter and the chats' labels. */
export async function listConversationCampaigns(ctx: RequestContext) {
  const rows = await ctx.repos.conversations.campaignCounts();
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** A page of the client's candidates, newest first: searched by name or phone, LinkoJob id, consent. */
export async function listContacts(ctx: RequestContext, query: ContactListQuery) {
  const after = decodeCursor(query.cursor);
  const rows = await ctx.repos.contacts.list({
    search: query.q,
    phoneDigits: query.q ? ((await asPhoneDigits(ctx, query.q)) ?? digitsOf(query.q)) : undefined,
    externalCandidateId: query.externalCandidateId,
    consent: query.consent,
    after: after && { createdAt: after.at, id: after.id },
    limit: query.limit,
  });
  const last = rows.at(-1);
  return {
    contacts: rows,
    nextCursor: rows.length === query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** Three digits or more typed in a search: a piece of a phone number. */
const digitsOf = (q: string) => {
  const digits = q.replace(/\D/g, "");
  return digits.length >= 3 ? digits : undefined;
};

/** A search that is a phone number as recruiters type it, in international digits; else undefined. */
async function asPhoneDigits(ctx: RequestContext, q: string): Promise<string | undefined> {
  if (!/^[\d\s+().-]{6,}$/.test(q)) return undefined;
  const client = await ctx.repos.clients.findById(ctx.clientId);
  try {
    return normalisePhone(q, client?.defaultCountry ?? "MA").slice(1);
  } catch {
    return undefined; // a partial number: matched as typed
  }
}

async function announce(ctx: RequestContext, id: string) {
  const row = await ctx.repos.conversations.findById(id);
  if (row)
    await recordEvents(ctx.deps.database.db, ctx.clientId, [
      event("conversation:updated", { conversation: presentConversation(row) }),
    ]);
  return row!;
}

/**
 * Marks a conversation read for the team and, on WhatsApp, the candidate's last message (blue
 * ticks on their side; Meta marks the earlier ones with it).
 */
export async function markConversationRead(ctx: RequestContext, id: string) {
  const conversation = await getConversation(ctx, id);
  if (conversation.unreadCount === 0 && !conversation.isMarkedUnread) return conversation;
  await ctx.transaction(async (repos, tx) => {
    await repos.conversations.update(id, { unreadCount: 0, isMarkedUnread: false });
    // Only new messages need blue ticks: a chat merely marked unread has none.
    if (conversation.unreadCount > 0)
      await ctx.deps.queue.enqueue(markReadJobRef, { clientId: ctx.clientId, conversationId: id }, { tx });
  });
  return announce(ctx, id);
}

export async function assignConversation(ctx: RequestContext, id: string, assigneeId: string | null) {
  await getConversation(ctx, id);
  if (assigneeId) {
    const assignee = await ctx.repos.users.findById(assigneeId);
    if (!assignee || assignee.isDisabled) throw notFound("User");
  }
  // The change, its audit entry and its events commit together (the webhook event is an outbox row).
  return ctx.transaction(async (repos, tx) => {
    await repos.conversations.update(id, { assigneeId });
    return recordAssignment({ ...ctx, repos }, tx, id, assigneeId);
  });
}

/**
 * An assignment made, as every assignment is recorded: audited (`conversation.assigned`, with the
 * inbox rule when one made it), announced to the dashboards and to the webhook endpoints, in the
 * caller's transaction. Returns the chat as it now stands.
 */
export async function recordAssignment(
  ctx: RequestContext,
  tx: Db,
  id: string,
  assigneeId: string | null,
  rule?: string,
) {
  await recordAudit(
    ctx,
    "conversation.assigned",
    { type: "conversation", id },
    {
      assigneeId,
      ...(rule ? { rule } : {}),
    },
  );
  const row = (await ctx.repos.conversations.findById(id))!;
  const conversation = presentConversation(row);
  await recordEvents(tx, ctx.clientId, [
    event("conversation:updated", { conversation }),
    webhookEvent("conversation.assigned", { conversation, assigneeId }, conversationKey(id)),
  ]);
  return row;
}

/**
 * A language chosen for a candidate, by whom: a person in the dashboard or LinkoJob's API. As with
 * a send's `contactLanguage`, LinkoJob's choice never replaces nor clears a recruiter's (nothing).
 */
function chosenLanguage(ctx: RequestContext, contact: ContactRow, language: ContactLanguage | null) {
  const source = chosenLanguageSource(ctx.actor);
  if (source === "integration" && contact.languageSource === "recruiter") return {};
  if (language === null) return { language: null, languageSource: null };
  return { language, languageSource: source };
}

/**
 * Edits a candidate's name, LinkoJob references, language, or consent (recorded with its source
 * and time).
 */
export async function updateContact(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof UpdateContactBody>,
) {
  const contact = await ctx.repos.contacts.findById(id);
  if (!contact) throw notFound("Contact");
  const now = new Date();
  const consent = input.consent;
  return ctx.transaction(async (repos, tx) => {
    const updated = await repos.contacts.update(id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.externalCandidateId !== undefined ? { externalCandidateId: input.externalCandidateId } : {}),
      ...(input.externalJobRef !== undefined ? { externalJobRef: input.externalJobRef } : {}),
      ...(input.language !== undefined ? chosenLanguage(ctx, contact, input.language) : {}),
      ...(consent?.state === "opted_in"
        ? { optedInAt: now, optInSource: consent.source, optedOutAt: null, optOutSource: null }
        : {}),
      ...(consent?.state === "opted_out" ? { optedOutAt: now, optOutSource: consent.source } : {}),
    });
    if (consent)
      await recordAudit(
        { ...ctx, repos },
        `contact.${consent.state}`,
        { type: "contact", id },
        { source: consent.source },
      );
    // The contact shows in each of its chats: every open tab of the team sees the new name or consent.
    const chats = await repos.conversations.listOfContact(id);
    const changedConsent = consent && (consent.state === "opted_out") !== Boolean(contact.optedOutAt);
    await recordEvents(tx, ctx.clientId, [
      ...chats.map((chat) => event("conversation:updated", { conversation: presentConversation(chat) })),
      ...(changedConsent ? [consentEvent(consent.state, presentContact(updated!), consent.source)] : []),
    ]);
    return updated!;
  });
}

/**
 * Shows "typing…" to the candidate (Meta pairs it with a read receipt of their last message, and
 * hides it after 25 s or at the reply). Only while their window is open: it answers a message.
 */
export async function showTyping(ctx: RequestContext, id: string): Promise<void> {
  const conversation = await getConversation(ctx, id);
  const last = await ctx.repos.messages.lastInbound(id);
  const connection = await ctx.repos.connections.findById(conversation.connectionId);
  if (!last?.wamid || !connection) return;
  const { phoneNumberId, token } = sendingCredentials(ctx.deps, connection);
  try {
    await ctx.deps.graph.markRead(phoneNumberId, token, last.wamid, true);
  } catch (error) {
    await handleTokenRefusal(ctx.deps, connection, error);
    throw error;
  }
}
