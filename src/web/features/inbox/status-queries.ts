import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type ConversationResponse,
  type CountParams,
  changeStatus,
  fetchViewCounts,
  markUnread,
  type StatusChange,
  setArchived,
  setPreferences,
} from "./api";
import { inboxKeys, patchStoredConversation, staleViewCounts, storeConversation } from "./cache";
import { useIds } from "./queries";

/** The views', stages' and labels' exact counts for the list; live events make them stale. */
export function useViewCounts(params: CountParams) {
  const { clientId } = useIds();
  return useQuery({
    queryKey: [...inboxKeys.counts(clientId), params] as const,
    queryFn: ({ signal }) => fetchViewCounts(params, signal),
    refetchOnWindowFocus: false,
    staleTime: 60_000,
  });
}

/** A status action's answer: the conversation everywhere it is cached, and the counts asked again. */
function useConversationMutation<Input>(
  request: (id: string, input: Input) => Promise<ConversationResponse>,
) {
  const { clientId, userId } = useIds();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: Input }) => request(id, input),
    onSuccess: (conversation) => {
      storeConversation(queryClient, clientId, userId, conversation);
      staleViewCounts(queryClient, clientId);
    },
  });
}

export const useChangeStatus = () => useConversationMutation<StatusChange>(changeStatus);
export const useArchive = () => useConversationMutation<boolean>(setArchived);
export const useMarkUnread = () => useConversationMutation<void>((id) => markUnread(id));

/** The user's own pin or mute; a pin re-orders the lists (the server puts pins first). */
export function usePreferences() {
  const { clientId } = useIds();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: { isPinned?: boolean; isMuted?: boolean } }) =>
      setPreferences(id, input),
    onSuccess: (preference, { input }) => {
      const { isPinned, isMuted } = preference;
      patchStoredConversation(queryClient, clientId, preference.conversationId, (c) => ({
        ...c,
        isPinned,
        isMuted,
      }));
      if (input.isPinned !== undefined)
        void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(clientId) });
    },
  });
}
