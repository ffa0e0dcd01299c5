import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { useRequiredSession } from "../auth/queries";
import {
  addNote,
  assign,
  type ConversationListParams,
  type ConversationResponse,
  fetchConversation,
  fetchInboxCampaigns,
  findInChat,
  listConversations,
  listMessages,
  listNotes,
  markRead,
  type NoteResponse,
  searchMessages,
  type UpdateContactInput,
  updateContact,
} from "./api";
import { inboxKeys, patchStoredConversation, storeConversation } from "./cache";
import type { ConversationPages } from "./model/conversation-pages";

/** The logged-in user's client and user ids, which every inbox key and live patch needs. */
export function useIds(): { clientId: string; userId: string } {
  const { client, user } = useRequiredSession();
  return { clientId: client.id, userId: user.id };
}

/** The list, page by page (keyset cursor); live events patch it, so it is never refetched on focus. */
export function useConversationList(params: ConversationListParams) {
  const { clientId } = useIds();
  return useInfiniteQuery({
    queryKey: inboxKeys.list(clientId, params),
    queryFn: ({ pageParam, signal }) => listConversations(params, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchOnWindowFocus: false,
    staleTime: 5 * 60_000,
  });
}

/**
 * The campaigns with chats in the inbox (the filter's choices, the chats' labels). Under the
 * campaigns' key, so a reply to a campaign or a new campaign refreshes it; a chat of a campaign not
 * listed yet asks again (see `useCampaignName`).
 */
export function useInboxCampaigns() {
  const { clientId } = useIds();
  return useQuery({
    queryKey: [clientId, "campaigns", "inbox"] as const,
    queryFn: ({ signal }) => fetchInboxCampaigns(signal),
    staleTime: 30_000,
  });
}

/**
 * The names of the campaigns of these chats, for their labels. A campaign the list does not know
 * yet (one that started after it was loaded) makes it ask again, at most every few seconds.
 */
export function useCampaignNames(campaignIds: readonly (string | null)[]): ReadonlyMap<string, string> {
  const campaigns = useInboxCampaigns();
  const names = useMemo(
    () => new Map((campaigns.data ?? []).map((campaign) => [campaign.id, campaign.name])),
    [campaigns.data],
  );
  const { refetch, isFetching, isSuccess, dataUpdatedAt } = campaigns;
  const unknown = campaignIds.some((id) => id !== null && !names.has(id));
  useEffect(() => {
    if (!unknown || !isSuccess || isFetching) return;
    const wait = Math.max(0, dataUpdatedAt + 5_000 - Date.now());
    const timer = window.setTimeout(() => void refetch(), wait);
    return () => window.clearTimeout(timer);
  }, [unknown, isSuccess, isFetching, dataUpdatedAt, refetch]);
  return names;
}

const UNREAD_CHATS: ConversationListParams = {
  q: "",
  view: null,
  filter: "unread",
  connectionId: null,
  stage: null,
  label: null,
};

/**
 * How many chats have unread messages, for the tab title: the unread list's loaded rows (live
 * events keep it current) but the ones this user muted, with `more` when further pages exist.
 */
export function useUnreadChats(): { count: number; more: boolean } {
  const list = useConversationList(UNREAD_CHATS);
  const count = (list.data?.pages ?? []).reduce(
    (total, page) =>
      total +
      page.conversations.filter((conversation) => conversation.unreadCount > 0 && !conversation.isMuted)
        .length,
    0,
  );
  return { count, more: Boolean(list.hasNextPage) };
}

/** A conversation out of any loaded list, so the chat header paints at once when a row is opened. */
function fromLists(queryClient: QueryClient, clientId: string, id: string): ConversationResponse | undefined {
  for (const [, data] of queryClient.getQueriesData<ConversationPages>({
    queryKey: inboxKeys.lists(clientId),
  })) {
    for (const page of data?.pages ?? []) {
      const found = page.conversations.find((conversation) => conversation.id === id);
      if (found) return found;
    }
  }
  return undefined;
}

export function useConversation(id: string) {
  const { clientId } = useIds();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: inboxKeys.detail(clientId, id),
    queryFn: () => fetchConversation(id),
    initialData: () => fromLists(queryClient, clientId, id),
    initialDataUpdatedAt: 0,
    refetchOnWindowFocus: false,
    retry: (count, error) =>
      count < 2 && !(error instanceof Error && "status" in error && error.status === 404),
  });
}

/** A chat's history, newest page first; older pages are fetched as the user scrolls up. */
export function useMessages(conversationId: string) {
  const { clientId } = useIds();
  return useInfiniteQuery({
    queryKey: inboxKeys.messages(clientId, conversationId),
    queryFn: ({ pageParam }) => listMessages(conversationId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchOnWindowFocus: false,
    staleTime: 10 * 60_000,
  });
}

/** Resets the unread count at once (the badge disappears on open) and tells the server. */
export function useMarkRead() {
  const { clientId, userId } = useIds();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => markRead(id),
    onMutate: (id) =>
      patchStoredConversation(queryClient, clientId, id, (c) => ({
        ...c,
        unreadCount: 0,
        isMarkedUnread: false,
      })),
    onSuccess: (conversation) => storeConversation(queryClient, clientId, userId, conversation),
  });
}

export function useAssign(conversationId: string) {
  const { clientId, userId } = useIds();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assigneeId: string | null) => assign(conversationId, assigneeId),
    onSuccess: (conversation) => storeConversation(queryClient, clientId, userId, conversation),
  });
}

export function useNotes(conversationId: string) {
  const { clientId } = useIds();
  return useQuery({
    queryKey: inboxKeys.notes(clientId, conversationId),
    queryFn: () => listNotes(conversationId),
  });
}

export function useAddNote(conversationId: string) {
  const { clientId } = useIds();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: { body: string; mentionedUserIds: string[] }) => addNote(conversationId, note),
    // Once, whether the answer or the live event (`note:created`) comes first.
    onSuccess: (note) =>
      queryClient.setQueryData<NoteResponse[]>(inboxKeys.notes(clientId, conversationId), (notes) =>
        notes?.some((item) => item.id === note.id) ? notes : [...(notes ?? []), note],
      ),
  });
}

/** Saves a candidate's details or consent and patches every conversation showing them. */
export function useUpdateContact(conversationId: string) {
  const { clientId } = useIds();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, body }: { contactId: string; body: UpdateContactInput }) =>
      updateContact(contactId, body),
    onSuccess: (contact) =>
      patchStoredConversation(queryClient, clientId, conversationId, (c) => ({ ...c, contact })),
  });
}

/** Searches shorter than this (in characters) do not look in messages. */
export const MIN_MESSAGE_SEARCH = 2;
const searchable = (q: string) => [...q.trim()].length >= MIN_MESSAGE_SEARCH;

/** The messages matching the inbox search, page by page (20 a page, newest first). */
export function useMessageSearch(q: string) {
  const { clientId } = useIds();
  return useInfiniteQuery({
    queryKey: [clientId, "message-search", q] as const,
    queryFn: ({ pageParam, signal }) => searchMessages(q, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: searchable(q),
    staleTime: 30_000,
  });
}

/** "Find in chat": the open chat's messages matching, newest first. */
export function useChatFind(conversationId: string, q: string) {
  const { clientId } = useIds();
  return useQuery({
    queryKey: [clientId, "chat-find", conversationId, q] as const,
    queryFn: ({ signal }) => findInChat(conversationId, q, signal),
    enabled: searchable(q),
    staleTime: 10_000,
  });
}
