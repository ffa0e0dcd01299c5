import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRequiredSession } from "../auth/queries";
import {
  type CampaignAction,
  type CampaignDraft,
  type CampaignResponse,
  changeCampaign,
  createCampaign,
  estimateCampaign,
  fetchAudience,
  fetchCampaign,
  fetchResults,
  fetchSettings,
  listCampaigns,
  listConnections,
  saveColumnMapping,
} from "./api";

/** Keys start with the client id, so one tenant's cache never answers for another. */
export const campaignKeys = {
  list: (clientId: string) => [clientId, "campaigns"] as const,
  detail: (clientId: string, id: string) => [clientId, "campaigns", id] as const,
  connections: (clientId: string) => [clientId, "connections"] as const,
  results: (clientId: string, id: string) => [clientId, "campaigns", id, "recipients"] as const,
  settings: (clientId: string) => [clientId, "campaigns", "settings"] as const,
};

/** While messages wait in the queue the counters move every second or so. */
const LIVE_MS = 1500;
/** Afterwards delivered and read ticks still arrive, more slowly, for a while. */
const SETTLING_MS = 10_000;
const SETTLING_FOR_MS = 15 * 60_000;

function useClientId(): string {
  return useRequiredSession().client.id;
}

export function useConnections() {
  return useQuery({ queryKey: campaignKeys.connections(useClientId()), queryFn: listConnections });
}

export function useCampaigns() {
  return useQuery({ queryKey: campaignKeys.list(useClientId()), queryFn: listCampaigns });
}

/** When to ask again: quickly while some are queued, slowly while ticks may still come, then never. */
export function pollInterval(campaign: CampaignResponse | undefined, now = Date.now()): number | false {
  if (!campaign) return LIVE_MS;
  if (campaign.status === "scheduled" || campaign.status === "paused" || campaign.status === "cancelled")
    return campaign.funnel.queued > 0 ? SETTLING_MS : false;
  if (campaign.progress.queued > 0) return LIVE_MS;
  // Ticks and replies keep coming for a while (a reply is also announced live by the socket).
  return now - Date.parse(campaign.createdAt) < SETTLING_FOR_MS ? SETTLING_MS : false;
}

/** One campaign's live progress; each answer also refreshes its line in the list. */
export function useCampaign(id: string, initial?: CampaignResponse) {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: campaignKeys.detail(clientId, id),
    queryFn: async () => {
      const fresh = await fetchCampaign(id);
      queryClient.setQueryData<CampaignResponse[]>(campaignKeys.list(clientId), (list) =>
        list?.map((item) => (item.id === fresh.id ? fresh : item)),
      );
      return fresh;
    },
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (query) => pollInterval(query.state.data),
    refetchIntervalInBackground: true,
  });
}

export function useEstimate() {
  return useMutation({ mutationFn: (draft: CampaignDraft) => estimateCampaign(draft) });
}

export function useCreateCampaign() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignDraft & { name: string; scheduledAt?: string }) => createCampaign(body),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(clientId, campaign.id), campaign);
      queryClient.setQueryData<CampaignResponse[]>(campaignKeys.list(clientId), (list) => [
        campaign,
        ...(list ?? []).filter((item) => item.id !== campaign.id),
      ]);
    },
  });
}

/** Every candidate of a campaign and how far their message went; refreshed with the campaign. */
export function useCampaignResults(campaign: CampaignResponse | undefined) {
  const clientId = useClientId();
  return useQuery({
    queryKey: campaignKeys.results(clientId, campaign?.id ?? ""),
    queryFn: () => fetchResults(campaign!.id),
    enabled: campaign !== undefined,
    refetchInterval: () => pollInterval(campaign),
  });
}

/** Pause, resume, cancel or retry failed; the answer replaces the campaign (events refresh the rest). */
export function useCampaignAction(id: string) {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: CampaignAction) => changeCampaign(id, action),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(clientId, id), campaign);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.results(clientId, id) });
    },
  });
}

export function useCampaignSettings() {
  return useQuery({ queryKey: campaignKeys.settings(useClientId()), queryFn: fetchSettings });
}

export function useSaveMapping() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveColumnMapping,
    onSuccess: (settings) => queryClient.setQueryData(campaignKeys.settings(clientId), settings),
  });
}

export function useAudience() {
  return useMutation({ mutationFn: fetchAudience });
}
