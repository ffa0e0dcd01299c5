import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRequiredSession } from "../auth/queries";
import {
  type CampaignAction,
  type CampaignDraft,
  type CampaignResponse,
  changeCampaign,
  createCampaign,
  createFollowUp,
  estimateCampaign,
  estimateFollowUp,
  type FollowUpBody,
  type FollowUpDraft,
  fetchAudience,
  fetchCampaign,
  fetchResults,
  fetchSettings,
  listCampaigns,
  listConnections,
  saveColumnMapping,
  updateCampaignSettings,
} from "./api";

/** Keys start with the client id, so one tenant's cache never answers for another. */
export const campaignKeys = {
  list: (clientId: string) => [clientId, "campaigns"] as const,
  detail: (clientId: string, id: string) => [clientId, "campaigns", id] as const,
  connections: (clientId: string) => [clientId, "connections"] as const,
  results: (clientId: string, id: string) => [clientId, "campaigns", id, "recipients"] as const,
  settings: (clientId: string) => [clientId, "campaigns", "settings"] as const,
  /** The inbox's campaign filter and labels (`useInboxCampaigns`). */
  inbox: (clientId: string) => [clientId, "campaigns", "inbox"] as const,
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

/** A new campaign into its detail and at the top of the list; the inbox's campaign names are asked again. */
function useStoreNewCampaign() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return (campaign: CampaignResponse) => {
    queryClient.setQueryData(campaignKeys.detail(clientId, campaign.id), campaign);
    queryClient.setQueryData<CampaignResponse[]>(campaignKeys.list(clientId), (list) => [
      campaign,
      ...(list ?? []).filter((item) => item.id !== campaign.id),
    ]);
    void queryClient.invalidateQueries({ queryKey: campaignKeys.inbox(clientId) });
  };
}

export function useCreateCampaign() {
  const store = useStoreNewCampaign();
  return useMutation({
    mutationFn: (body: CampaignDraft & { name: string; scheduledAt?: string }) => createCampaign(body),
    onSuccess: store,
  });
}

/** The estimate of a follow-up of a campaign (its non-responders, another template). */
export function useFollowUpEstimate(id: string) {
  return useMutation({ mutationFn: (draft: FollowUpDraft) => estimateFollowUp(id, draft) });
}

/** Makes the follow-up campaign of a campaign's non-responders. */
export function useCreateFollowUp(id: string) {
  const store = useStoreNewCampaign();
  return useMutation({ mutationFn: (body: FollowUpBody) => createFollowUp(id, body), onSuccess: store });
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

/**
 * Changes the client's time zone or the inbox's "All"; every campaign (its schedule is shown in the
 * zone) and every inbox list (what "All" holds) is asked again.
 */
export function useUpdateCampaignSettings() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCampaignSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(campaignKeys.settings(clientId), settings);
      void queryClient.invalidateQueries({
        queryKey: campaignKeys.list(clientId),
        predicate: (query) => query.queryKey[2] !== "settings",
      });
      void queryClient.invalidateQueries({ queryKey: [clientId, "conversations"] });
    },
  });
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
