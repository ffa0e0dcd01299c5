import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateQuickReplyBody, UpdateQuickReplyBody } from "../../../contracts/quick-replies";
import { useRequiredSession } from "../auth/queries";
import { createQuickReply, deleteQuickReply, listQuickReplies, updateQuickReply } from "./api";

/** Query keys start with the client id, so one tenant's cache never serves another. */
export const quickReplyKeys = {
  list: (clientId: string, userId: string) => [clientId, "quick-replies", userId] as const,
};

function useListKey() {
  const { client, user } = useRequiredSession();
  return quickReplyKeys.list(client.id, user.id);
}

/** The client's shared replies and the user's own, with whether they may manage the shared ones. */
export function useQuickReplies(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: useListKey(),
    queryFn: listQuickReplies,
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}

function useRefetchAfter<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  const key = useListKey();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export const useCreateQuickReply = () =>
  useRefetchAfter((body: CreateQuickReplyBody) => createQuickReply(body));
export const useUpdateQuickReply = () =>
  useRefetchAfter((input: { id: string; body: UpdateQuickReplyBody }) =>
    updateQuickReply(input.id, input.body),
  );
export const useDeleteQuickReply = () => useRefetchAfter((id: string) => deleteQuickReply(id));
