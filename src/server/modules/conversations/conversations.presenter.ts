import { isWindowOpen, windowExpiry } from "../../../contracts/conversation-window";
import type { ContactResponse, ConversationResponse } from "../../../contracts/conversations";
import type { ContactRow } from "./contacts.repository";
import type { ShownContact, ShownConversation } from "./conversations.repository";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The name a candidate goes by in the dashboard: the team's, then WhatsApp's, then a number. */
export function contactDisplayName(
  contact: Pick<ContactRow, "name" | "profileName" | "username" | "phone" | "waId" | "bsuid">,
): string {
  return (
    contact.name ??
    contact.profileName ??
    (contact.username ? `@${contact.username}` : null) ??
    contact.phone ??
    contact.waId ??
    contact.bsuid ??
    "?"
  );
}

export function presentContact(contact: ShownContact): ContactResponse {
  return {
    id: contact.id,
    waId: contact.waId,
    bsuid: contact.bsuid,
    parentBsuid: contact.parentBsuid,
    username: contact.username,
    phone: contact.phone,
    profileName: contact.profileName,
    name: contact.name,
    displayName: contactDisplayName(contact),
    externalCandidateId: contact.externalCandidateId,
    externalJobRef: contact.externalJobRef,
    isOptedOut: contact.optedOutAt !== null,
    optedOutAt: iso(contact.optedOutAt),
    optOutSource: contact.optOutSource,
    optedInAt: iso(contact.optedInAt),
    optInSource: contact.optInSource,
    language: contact.language,
    languageSource: contact.languageSource,
  };
}

/**
 * A conversation as the API shows it. `viewer` adds the requesting user's own pin and mute (left
 * out of live events, which the whole team receives).
 */
export function presentConversation(
  row: ShownConversation,
  now = Date.now(),
  viewer?: { isPinned: boolean; isMuted: boolean },
): ConversationResponse {
  const expiry = windowExpiry(row.lastInboundAt);
  return {
    id: row.id,
    connectionId: row.connectionId,
    contact: presentContact(row.contact),
    lastMessageAt: iso(row.lastMessageAt),
    lastMessagePreview: row.lastMessagePreview,
    lastMessageDirection: row.lastMessageDirection,
    unreadCount: row.unreadCount,
    isAwaitingReply: row.isAwaitingReply,
    windowExpiresAt: iso(expiry),
    isWindowOpen: isWindowOpen(expiry, now),
    assigneeId: row.assigneeId,
    campaignId: row.campaignId,
    status: row.status,
    snoozedUntil: iso(row.snoozedUntil),
    statusChangedAt: iso(row.statusChangedAt),
    isArchived: row.archivedAt !== null,
    isMarkedUnread: row.isMarkedUnread,
    ...(viewer ? { isPinned: viewer.isPinned, isMuted: viewer.isMuted } : {}),
    stageId: row.stageId,
    labelIds: row.labelIds,
    createdAt: row.createdAt.toISOString(),
  };
}
