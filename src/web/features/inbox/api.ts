import type { ContactLanguage } from "../../../contracts/contact-language";
import type { ConversationStatus, ConversationView } from "../../../contracts/conversation-status";
import type {
  ContactResponse,
  ConversationCampaigns,
  ConversationCounts,
  ConversationFilter,
  ConversationResponse,
  NoteResponse,
  PreferencesResponse,
} from "../../../contracts/conversations";
import type {
  ChatFindResponse,
  ChatMediaPage,
  MessageResponse,
  MessageSearchHit,
  MessageSearchPage,
  SendMessageBody,
} from "../../../contracts/messages";
import type { TemplateResponse } from "../../../contracts/templates";
import { apiRequest } from "../../api/client";

export type {
  ChatFindResponse,
  ChatMediaPage,
  ContactResponse,
  ConversationResponse,
  ConversationStatus,
  ConversationView,
  MessageResponse,
  MessageSearchHit,
  MessageSearchPage,
  PreferencesResponse,
  TemplateResponse,
};
export type ViewCounts = ConversationCounts["counts"];
export type InboxCampaign = ConversationCampaigns["campaigns"][number];

/** The list's filters, as the server names them (one at a time). */
export type { ConversationFilter };

export interface ConversationListParams {
  q: string;
  /** A view (null: every chat that is not archived), combinable with a chip. */
  view: ConversationView | null;
  filter: ConversationFilter | null;
  connectionId: string | null;
  /** Only the chats of this campaign (the `?campaign=` of the inbox's address). */
  campaignId?: string | null;
  /** A hiring stage's id (combinable with the view, the chip and the label). */
  stage: string | null;
  /** A label's id. */
  label: string | null;
}

export interface ConversationPage {
  conversations: ConversationResponse[];
  nextCursor: string | null;
}

export interface MessagePage {
  messages: MessageResponse[];
  nextCursor: string | null;
}

export type { NoteResponse };

export interface UploadedMedia {
  id: string;
  kind: "image" | "video" | "audio" | "document" | "sticker";
  mimeType: string;
  sizeBytes: number;
  filename: string | null;
}

export type UpdateContactInput = {
  name?: string | null;
  externalCandidateId?: string | null;
  externalJobRef?: string | null;
  language?: ContactLanguage | null;
  consent?: { state: "opted_in" | "opted_out"; source: string };
};

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

/** Page size of the list: a screenful and a half of 72 px rows on a tall monitor. */
export const CONVERSATION_PAGE = 50;
export const MESSAGE_PAGE = 50;

export function listConversations(
  params: ConversationListParams,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ConversationPage> {
  const query = new URLSearchParams({ limit: String(CONVERSATION_PAGE) });
  if (params.q) query.set("q", params.q);
  if (params.view) query.set("view", params.view);
  if (params.filter) query.set("filter", params.filter);
  if (params.connectionId) query.set("connectionId", params.connectionId);
  if (params.campaignId) query.set("campaignId", params.campaignId);
  if (params.stage) query.set("stage", params.stage);
  if (params.label) query.set("label", params.label);
  if (cursor) query.set("cursor", cursor);
  return apiRequest<ConversationPage>("GET", `/api/conversations?${query}`, { signal });
}

/** The client's campaigns, newest first, with how many chats of the inbox each. */
export async function fetchInboxCampaigns(signal?: AbortSignal): Promise<InboxCampaign[]> {
  return (await apiRequest<ConversationCampaigns>("GET", "/api/conversations/campaigns", { signal }))
    .campaigns;
}

/** What the counts depend on: the list's parameters but its search. */
export type CountParams = Omit<ConversationListParams, "q">;

/** The views' exact counts for the list's number, campaign, chip, stage and label; the stages' and labels' in its view. */
export async function fetchViewCounts(
  params: CountParams,
  signal?: AbortSignal,
): Promise<ConversationCounts> {
  const query = new URLSearchParams();
  if (params.filter) query.set("filter", params.filter);
  if (params.connectionId) query.set("connectionId", params.connectionId);
  if (params.campaignId) query.set("campaignId", params.campaignId);
  if (params.view) query.set("view", params.view);
  if (params.stage) query.set("stage", params.stage);
  if (params.label) query.set("label", params.label);
  return apiRequest<ConversationCounts>("GET", `/api/conversations/counts?${query}`, { signal });
}

/** A status change; a snooze needs its end. */
export type StatusChange =
  | { status: Exclude<ConversationStatus, "snoozed"> }
  | { status: "snoozed"; snoozedUntil: string };

export function changeStatus(id: string, body: StatusChange): Promise<ConversationResponse> {
  return apiRequest<ConversationResponse>("POST", `${conversationPath(id)}/status`, { body });
}

export function setArchived(id: string, isArchived: boolean): Promise<ConversationResponse> {
  return apiRequest<ConversationResponse>("POST", `${conversationPath(id)}/archive`, {
    body: { isArchived },
  });
}

/** Marks unread for the team (a dot in the list) until someone opens it. */
export function markUnread(id: string): Promise<ConversationResponse> {
  return apiRequest<ConversationResponse>("POST", `${conversationPath(id)}/unread`);
}

/** The user's own pin and mute. */
export function setPreferences(
  id: string,
  body: { isPinned?: boolean; isMuted?: boolean },
): Promise<PreferencesResponse> {
  return apiRequest<PreferencesResponse>("PUT", `${conversationPath(id)}/preferences`, { body });
}

export function fetchConversation(id: string): Promise<ConversationResponse> {
  return apiRequest<ConversationResponse>("GET", conversationPath(id));
}

/** Resets the team's unread count and sends blue ticks to the candidate. */
export function markRead(id: string): Promise<ConversationResponse> {
  return apiRequest<ConversationResponse>("PATCH", `${conversationPath(id)}/read`);
}

/** Shows "typing…" on the candidate's phone (Meta hides it after 25 s or at the reply). */
export function showTyping(id: string): Promise<void> {
  return apiRequest<void>("POST", `${conversationPath(id)}/typing`);
}

export function assign(id: string, assigneeId: string | null): Promise<ConversationResponse> {
  return apiRequest<ConversationResponse>("POST", `${conversationPath(id)}/assign`, { body: { assigneeId } });
}

export async function listNotes(id: string): Promise<NoteResponse[]> {
  return (await apiRequest<{ notes: NoteResponse[] }>("GET", `${conversationPath(id)}/notes`)).notes;
}

export function addNote(
  id: string,
  note: { body: string; mentionedUserIds: string[] },
): Promise<NoteResponse> {
  return apiRequest<NoteResponse>("POST", `${conversationPath(id)}/notes`, { body: note });
}

export function updateContact(id: string, body: UpdateContactInput): Promise<ContactResponse> {
  return apiRequest<ContactResponse>("PATCH", `/api/contacts/${encodeURIComponent(id)}`, { body });
}

/** The client's candidates whose name or phone matches a search (a few, newest first). */
export async function searchContacts(q: string, signal?: AbortSignal): Promise<ContactResponse[]> {
  const query = new URLSearchParams({ q, limit: "10" });
  return (await apiRequest<{ contacts: ContactResponse[] }>("GET", `/api/contacts?${query}`, { signal }))
    .contacts;
}

export function listMessages(conversationId: string, cursor: string | null): Promise<MessagePage> {
  const query = new URLSearchParams({ limit: String(MESSAGE_PAGE) });
  if (cursor) query.set("cursor", cursor);
  return apiRequest<MessagePage>("GET", `/api/messages/${encodeURIComponent(conversationId)}?${query}`);
}

/** The client's messages matching a search (two characters or more), newest first, with snippets. */
export function searchMessages(
  q: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<MessageSearchPage> {
  const query = new URLSearchParams({ q, limit: "20" });
  if (cursor) query.set("cursor", cursor);
  return apiRequest<MessageSearchPage>("GET", `/api/messages/search?${query}`, { signal });
}

/** "Find in chat": the chat's messages matching, newest first. */
export function findInChat(
  conversationId: string,
  q: string,
  signal?: AbortSignal,
): Promise<ChatFindResponse> {
  const query = new URLSearchParams({ q });
  return apiRequest<ChatFindResponse>(
    "GET",
    `/api/messages/${encodeURIComponent(conversationId)}/search?${query}`,
    { signal },
  );
}

/** The chat's photos and videos around one of them (20 on each side), oldest first, for the lightbox. */
export function listChatMedia(
  conversationId: string,
  around: string,
  signal?: AbortSignal,
): Promise<ChatMediaPage> {
  const query = new URLSearchParams({ around, limit: "20" });
  return apiRequest<ChatMediaPage>(
    "GET",
    `/api/messages/${encodeURIComponent(conversationId)}/media?${query}`,
    {
      signal,
    },
  );
}

/** Queues a message; the key makes a retry of the same composed message a no-op on the server. */
export function sendMessage(body: SendMessageBody, idempotencyKey: string): Promise<MessageResponse> {
  return apiRequest<MessageResponse>("POST", "/api/messages/send", {
    body,
    headers: { "idempotency-key": idempotencyKey },
  });
}

/** Uploads a file's bytes (checked against WhatsApp's types and sizes) before sending it. */
export function uploadMedia(file: File): Promise<UploadedMedia> {
  const query = new URLSearchParams({ filename: file.name.slice(0, 200) });
  return apiRequest<UploadedMedia>("POST", `/api/media?${query}`, { blob: file });
}

/** Where a stored file is served from (same origin, cookie-authenticated). */
export function mediaUrl(id: string): string {
  return `/api/media/${encodeURIComponent(id)}`;
}
