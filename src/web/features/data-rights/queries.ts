import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRequiredSession } from "../auth/queries";
import { inboxKeys } from "../inbox/cache";
import { eraseContact, getRetention, type RetentionSettings, updateRetention } from "./api";

const retentionKey = (clientId: string) => [clientId, "data-rights", "retention"] as const;

export function useRetention() {
  const { client } = useRequiredSession();
  return useQuery({ queryKey: retentionKey(client.id), queryFn: ({ signal }) => getRetention(signal) });
}

export function useUpdateRetention() {
  const { client } = useRequiredSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<RetentionSettings>) => updateRetention(body),
    onSuccess: (settings) => queryClient.setQueryData(retentionKey(client.id), settings),
  });
}

/** Erases a candidate; every conversation list is refetched (their chats are gone). */
export function useEraseContact() {
  const { client } = useRequiredSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) => eraseContact(contactId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.conversations(client.id) }),
  });
}
