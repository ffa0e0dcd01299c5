import type { InfiniteData } from "@tanstack/react-query";
import { isInView } from "../../../../contracts/conversation-status";
import type {
  ConversationFilter,
  ConversationListParams,
  ConversationPage,
  ConversationResponse,
} from "../api";

export type ConversationPages = InfiniteData<ConversationPage>;

/** Whether a conversation belongs in a filtered list, judged as the server would from its fields. */
export function matchesFilter(
  conversation: ConversationResponse,
  filter: ConversationFilter | null,
  userId: string,
): boolean {
  switch (filter) {
    case null:
      return true;
    case "unread":
      return isUnread(conversation);
    case "awaiting_reply":
      return conversation.isAwaitingReply;
    case "window_open":
      return conversation.isWindowOpen;
    case "window_closed":
      return !conversation.isWindowOpen;
    case "assigned_to_me":
      return conversation.assigneeId === userId;
    case "opted_out":
      return conversation.contact.isOptedOut;
  }
}

/** Digits only, so `06 12…`, `+2126 12…` and `2126…` compare; a leading 0 stands for the country code. */
function digits(value: string): string {
  return value.replace(/\D/g, "");
}

/**
 * Whether a conversation that is not yet in a searched list should join it live. Name and phone are
 * checked here; message text only the server can search, so a live message joins only by its preview.
 */
export function matchesSearch(conversation: ConversationResponse, q: string): boolean {
  const query = q.trim().toLocaleLowerCase();
  if (!query) return true;
  const { contact } = conversation;
  const haystack = [contact.displayName, contact.name, contact.profileName, conversation.lastMessagePreview]
    .filter(Boolean)
    .join(" ")
    .toLocaleLowerCase();
  if (haystack.includes(query)) return true;
  const wanted = digits(query).replace(/^0+/, "");
  return wanted.length >= 3 && digits(contact.phone ?? "").includes(wanted);
}

function activity(conversation: ConversationResponse): string {
  return conversation.lastMessageAt ?? conversation.createdAt;
}

/** The user's pinned chats first, then newest activity first, then by id: the server's order. */
function isBefore(a: ConversationResponse, b: ConversationResponse): boolean {
  if (Boolean(a.isPinned) !== Boolean(b.isPinned)) return Boolean(a.isPinned);
  const byTime = activity(b).localeCompare(activity(a));
  return byTime === 0 ? a.id > b.id : byTime < 0;
}

/**
 * Puts a fresh conversation into a cached list. An existing row is replaced and moves if its
 * activity changed; a new one is inserted in order if it matches the list's filter and search (and
 * only within the loaded range, so the next page's cursor stays right). Returns the same object when
 * nothing changed.
 */
export function upsertConversation(
  data: ConversationPages | undefined,
  conversation: ConversationResponse,
  params: ConversationListParams,
  userId: string,
  /** The client keeps campaign chats nobody answered out of "All" (the server's list does too). */
  hideUnansweredCampaignChats = false,
): ConversationPages | undefined {
  if (!data) return data;
  if (params.connectionId && conversation.connectionId !== params.connectionId) return data;
  const all = data.pages.flatMap((page) => page.conversations);
  const found = all.find((item) => item.id === conversation.id);
  // Live events carry no per-user settings: the row keeps this user's pin and mute.
  conversation = withViewerSettings(conversation, found);
  // A conversation that left the view (resolved, snoozed, archived, handed over), or the chosen
  // stage or label, leaves the list, as does one another campaign wrote to since (a list of a
  // campaign's chats).
  const ofOtherCampaign = Boolean(params.campaignId) && conversation.campaignId !== params.campaignId;
  if (
    ofOtherCampaign ||
    !isInView(viewFields(conversation), params.view, userId) ||
    !matchesPipeline(conversation, params)
  ) {
    return found
      ? withRows(
          data,
          all.filter((item) => item.id !== conversation.id),
        )
      : data;
  }
  const existing = found;
  if (!existing) {
    if (!matchesFilter(conversation, params.filter, userId) || !matchesSearch(conversation, params.q)) {
      return data;
    }
    if (hideUnansweredCampaignChats && isAll(params) && isUnansweredCampaignChat(conversation)) return data;
  }
  const rest = all.filter((item) => item.id !== conversation.id);
  let index = rest.findIndex((item) => isBefore(conversation, item));
  const lastPage = data.pages[data.pages.length - 1];
  if (index === -1) {
    // Older than everything loaded: only a fully loaded list may take it at the end.
    if (lastPage?.nextCursor) return existing ? withRows(data, rest) : data;
    index = rest.length;
  }
  rest.splice(index, 0, conversation);
  return withRows(data, rest);
}

/** The list without a view, filter, search, campaign, stage or label: the inbox's "All". */
const isAll = (params: ConversationListParams) =>
  !params.q && !params.view && !params.filter && !params.campaignId && !params.stage && !params.label;

/** A chat a campaign started that the candidate never wrote in (no 24-hour window ever opened). */
const isUnansweredCampaignChat = (conversation: ConversationResponse) =>
  conversation.campaignId !== null && conversation.windowExpiresAt === null;

/** Whether a conversation is at the list's stage and has its label (when the list chose them). */
export function matchesPipeline(
  conversation: ConversationResponse,
  params: { stage: string | null; label: string | null },
): boolean {
  if (params.stage && conversation.stageId !== params.stage) return false;
  return !params.label || conversation.labelIds.includes(params.label);
}

/** The fields a view is judged on, from a conversation as the API shows it. */
export function viewFields(conversation: ConversationResponse) {
  return {
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    isArchived: conversation.isArchived,
  };
}

/** A conversation from a live event (no per-user settings) with this user's pin and mute kept. */
export function withViewerSettings(
  conversation: ConversationResponse,
  known: ConversationResponse | undefined,
): ConversationResponse {
  if (conversation.isPinned !== undefined || !known) return conversation;
  return { ...conversation, isPinned: known.isPinned, isMuted: known.isMuted };
}

/** Whether the list shows a conversation as unread (new messages, or marked unread). */
export function isUnread(conversation: ConversationResponse): boolean {
  return conversation.unreadCount > 0 || conversation.isMarkedUnread;
}

/** Patches a conversation wherever it is, without moving it (a read, an assignment, a contact edit). */
export function patchConversation(
  data: ConversationPages | undefined,
  id: string,
  patch: (conversation: ConversationResponse) => ConversationResponse,
): ConversationPages | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    if (!page.conversations.some((item) => item.id === id)) return page;
    changed = true;
    return {
      ...page,
      conversations: page.conversations.map((item) => (item.id === id ? patch(item) : item)),
    };
  });
  return changed ? { ...data, pages } : data;
}

/** The pages without a conversation (one folded into another is gone from every list). */
export function removeConversation(
  data: ConversationPages | undefined,
  id: string,
): ConversationPages | undefined {
  if (!data?.pages.some((page) => page.conversations.some((item) => item.id === id))) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      conversations: page.conversations.filter((item) => item.id !== id),
    })),
  };
}

/** Re-cuts the rows into the same number of pages, keeping each page's cursor. */
function withRows(data: ConversationPages, rows: ConversationResponse[]): ConversationPages {
  let offset = 0;
  const pages = data.pages.map((page, index) => {
    const isLast = index === data.pages.length - 1;
    const size = isLast ? rows.length - offset : page.conversations.length;
    const slice = rows.slice(offset, offset + Math.max(0, size));
    offset += slice.length;
    return { ...page, conversations: slice };
  });
  return { ...data, pages };
}

/**
 * What the server is asked for: a phone typed as recruiters do (`06 12…`, `00212 6…`) loses its
 * trunk `0` or international `00`, so it matches the stored `+212612…` by its digits.
 */
export function searchQuery(typed: string): string {
  const q = typed.trim();
  if (!/^[\d\s+().-]{3,}$/u.test(q)) return q;
  return q.replace(/^\s*(?:00|0)/u, "");
}
