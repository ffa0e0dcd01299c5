import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConversationResponse } from "../../../contracts/conversations";
import { useRequiredSession } from "../auth/queries";
import { staleViewCounts, storeConversation } from "../inbox/cache";
import {
  addConversationLabel,
  listLabels,
  listStages,
  removeConversationLabel,
  setConversationStage,
} from "./api";
import { pipelineKeys } from "./keys";

function useClientId() {
  return useRequiredSession().client.id;
}

/** The client's stages in order; `pipeline:updated` replaces them live. */
export function useStages() {
  return useQuery({
    queryKey: pipelineKeys.stages(useClientId()),
    queryFn: listStages,
    staleTime: 5 * 60_000,
    select: (data) => data.stages,
  });
}

/** The client's labels by name; `pipeline:updated` replaces them live. */
export function useLabels() {
  return useQuery({
    queryKey: pipelineKeys.labels(useClientId()),
    queryFn: listLabels,
    staleTime: 5 * 60_000,
    select: (data) => data.labels,
  });
}

/** A chat's stage or labels changed: the answer goes everywhere the chat is cached, the counts asked again. */
function useConversationChange<Input>(request: (id: string, input: Input) => Promise<ConversationResponse>) {
  const { client, user } = useRequiredSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: Input }) => request(id, input),
    onSuccess: (conversation) => {
      storeConversation(queryClient, client.id, user.id, conversation);
      staleViewCounts(queryClient, client.id);
    },
  });
}

export const useSetStage = () => useConversationChange<string | null>(setConversationStage);
export const useToggleLabel = () =>
  useConversationChange<{ labelId: string; on: boolean }>((id, { labelId, on }) =>
    on ? addConversationLabel(id, labelId) : removeConversationLabel(id, labelId),
  );
