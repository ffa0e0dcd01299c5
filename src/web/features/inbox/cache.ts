import type { QueryClient } from "@tanstack/react-query";
import type { ConversationListParams, ConversationResponse, MessageResponse } from "./api";
import {
  type ConversationPages,
  patchConversation,
  removeConversation,
  upsertConversation,
  withViewerSettings,
} from "./model/conversation-pages";
import { type MessagePages, replaceLocal, upsertMessage } from "./model/message-pages";

/** Keys start with the client id, so one tenant's cache never answers for another. */
export const inboxKeys = {
  conversations: (clientId: string) => [clientId, "conversations"] as const,
  lists: (clientId: string) => [clientId, "conversations", "list"] as const,
  list: (clientId: string, params: ConversationListParams) =>
    [clientId, "conversations", "list", params] as const,
  counts: (clientId: string) => [clientId, "conversations", "counts"] as const,
  detail: (clientId: string, id: string) => [clientId, "conversations", "detail", id] as const,
  messages: (clientId: string, conversationId: string) => [clientId, "messages", conversationId] as const,
  notes: (clientId: string, conversationId: string) => [clientId, "notes", conversationId] as const,
};

/**
 * A fresh conversation from the server (a send, a read, a live event) goes into its detail and
 * into every cached list it belongs to, in activity order: the list is never refetched for it.
 */
export function storeConversation(
  queryClient: QueryClient,
  clientId: string,
  userId: string,
  conversation: ConversationResponse,
): void {
  queryClient.setQueryData<ConversationResponse>(inboxKeys.detail(clientId, conversation.id), (known) =>
    withViewerSettings(conversation, known),
  );
  // The client's setting as the Campaigns settings last said it; the server's default until then.
  const hide =
    queryClient.getQueryData<{ hideUnansweredCampaignChats: boolean }>([clientId, "campaigns", "settings"])
      ?.hideUnansweredCampaignChats ?? true;
  for (const query of queryClient.getQueryCache().findAll({ queryKey: inboxKeys.lists(clientId) })) {
    const params = query.queryKey[3] as ConversationListParams;
    queryClient.setQueryData<ConversationPages>(query.queryKey, (data) =>
      upsertConversation(data, conversation, params, userId, hide),
    );
  }
}

/** Changes a conversation in place everywhere (the open chat's unread count going to zero at once). */
export function patchStoredConversation(
  queryClient: QueryClient,
  clientId: string,
  id: string,
  patch: (conversation: ConversationResponse) => ConversationResponse,
): void {
  queryClient.setQueryData<ConversationResponse>(
    inboxKeys.detail(clientId, id),
    (data) => data && patch(data),
  );
  queryClient.setQueriesData<ConversationPages>({ queryKey: inboxKeys.lists(clientId) }, (data) =>
    patchConversation(data, id, patch),
  );
}

/**
 * A chat folded into another of the same candidate: gone from every cached list and its detail at
 * once; the kept chat's history and notes, the lists and the counts are asked again (they gained
 * what it held).
 */
export function dropFoldedConversation(
  queryClient: QueryClient,
  clientId: string,
  id: string,
  keptId: string,
): void {
  queryClient.setQueriesData<ConversationPages>({ queryKey: inboxKeys.lists(clientId) }, (data) =>
    removeConversation(data, id),
  );
  queryClient.removeQueries({ queryKey: inboxKeys.detail(clientId, id) });
  queryClient.removeQueries({ queryKey: inboxKeys.messages(clientId, id) });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.conversations(clientId) });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.messages(clientId, keptId) });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.notes(clientId, keptId) });
}

/** A message (or its new status) into its conversation's loaded history, if that history is cached. */
export function storeMessage(queryClient: QueryClient, clientId: string, message: MessageResponse): void {
  queryClient.setQueryData<MessagePages>(inboxKeys.messages(clientId, message.conversationId), (data) =>
    upsertMessage(data, message),
  );
}

/** The answer to a send replaces its local bubble (or removes it, when the send was refused). */
export function settleLocalMessage(
  queryClient: QueryClient,
  clientId: string,
  conversationId: string,
  localId: string,
  message: MessageResponse | null,
): void {
  queryClient.setQueryData<MessagePages>(inboxKeys.messages(clientId, conversationId), (data) =>
    replaceLocal(data, localId, message),
  );
}

/** Finds a message by its WhatsApp id among the loaded ones (quotes, reactions). */
export function findByWamid(data: MessagePages | undefined, wamid: string): MessageResponse | undefined {
  for (const page of data?.pages ?? []) {
    const found = page.messages.find((message) => message.wamid === wamid);
    if (found) return found;
  }
  return undefined;
}

const COUNTS_REFRESH_MS = 1_000;
let countsTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The views' counts after a live change: asked again at most once a second (a burst of messages
 * is one request), exact as the server counts them.
 */
export function staleViewCounts(queryClient: QueryClient, clientId: string): void {
  if (countsTimer) return;
  countsTimer = setTimeout(() => {
    countsTimer = undefined;
    void queryClient.invalidateQueries({ queryKey: inboxKeys.counts(clientId) });
  }, COUNTS_REFRESH_MS);
}

/** Whether this user muted a conversation, as the cache knows it (its detail, else any loaded list). */
export function isMutedForMe(queryClient: QueryClient, clientId: string, id: string): boolean {
  const detail = queryClient.getQueryData<ConversationResponse>(inboxKeys.detail(clientId, id));
  if (detail?.isMuted !== undefined) return detail.isMuted;
  for (const [, data] of queryClient.getQueriesData<ConversationPages>({
    queryKey: inboxKeys.lists(clientId),
  })) {
    for (const page of data?.pages ?? []) {
      const found = page.conversations.find((conversation) => conversation.id === id);
      if (found?.isMuted !== undefined) return found.isMuted;
    }
  }
  return false;
}
