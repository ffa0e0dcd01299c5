import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRequiredSession } from "../auth/queries";
import { listMentions, type MentionListResponse, markMentionsSeen } from "./api";

/** Query keys start with the client id and carry the user: a user's mentions are theirs alone. */
export const mentionKeys = {
  list: (clientId: string, userId: string) => [clientId, "mentions", userId] as const,
};

export function useMentions() {
  const { client, user } = useRequiredSession();
  return useQuery({ queryKey: mentionKeys.list(client.id, user.id), queryFn: listMentions });
}

/** Opening the list: what it shows is no longer new (the badge goes at once). */
export function useMarkMentionsSeen() {
  const { client, user } = useRequiredSession();
  const queryClient = useQueryClient();
  const key = mentionKeys.list(client.id, user.id);
  return useMutation({
    mutationFn: markMentionsSeen,
    onMutate: () =>
      queryClient.setQueryData<MentionListResponse>(key, (list) =>
        list ? { newCount: 0, mentions: list.mentions.map((m) => ({ ...m, isNew: false })) } : list,
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}
