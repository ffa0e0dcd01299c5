import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { UpdateAutomationSettingsBody } from "../../../contracts/automation";
import { useRequiredSession } from "../auth/queries";
import { getAutomationSettings, updateAutomationSettings } from "./api";

/** Query keys start with the client id, so one tenant's cache never serves another. */
const automationKey = (clientId: string) => [clientId, "automation"] as const;

export function useAutomationSettings() {
  const { client } = useRequiredSession();
  return useQuery({
    queryKey: automationKey(client.id),
    queryFn: ({ signal }) => getAutomationSettings(signal),
  });
}

export function useUpdateAutomationSettings() {
  const { client } = useRequiredSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAutomationSettingsBody) => updateAutomationSettings(body),
    onSuccess: (settings) => queryClient.setQueryData(automationKey(client.id), settings),
  });
}
