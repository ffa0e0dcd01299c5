import type {
  CampaignDraft,
  CampaignEstimate,
  CampaignRecipientResult,
  CampaignResponse,
  CampaignSettings,
  ColumnMapping,
  FollowUpBody,
  FollowUpDraft,
} from "../../../contracts/campaigns";
import type { ConnectionResponse } from "../../../contracts/connections";
import type { TemplateResponse } from "../../../contracts/templates";
import { apiRequest } from "../../api/client";

export type {
  CampaignDraft,
  CampaignEstimate,
  CampaignRecipientResult,
  CampaignResponse,
  ConnectionResponse,
  FollowUpBody,
  FollowUpDraft,
  TemplateResponse,
};

export async function listConnections(): Promise<ConnectionResponse[]> {
  return (await apiRequest<{ connections: ConnectionResponse[] }>("GET", "/api/connections")).connections;
}

/** Who would receive it, who is left out and why, and the cost; nothing is sent. */
export function estimateCampaign(draft: CampaignDraft): Promise<CampaignEstimate> {
  return apiRequest<CampaignEstimate>("POST", "/api/campaigns/estimate", { body: draft });
}

export function createCampaign(
  body: CampaignDraft & { name: string; scheduledAt?: string },
): Promise<CampaignResponse> {
  return apiRequest<CampaignResponse>("POST", "/api/campaigns", { body });
}

export async function listCampaigns(): Promise<CampaignResponse[]> {
  return (await apiRequest<{ campaigns: CampaignResponse[] }>("GET", "/api/campaigns")).campaigns;
}

export function fetchCampaign(id: string): Promise<CampaignResponse> {
  return apiRequest<CampaignResponse>("GET", `/api/campaigns/${encodeURIComponent(id)}`);
}

export type CampaignAction = "pause" | "resume" | "cancel" | "retry-failed";

export function changeCampaign(id: string, action: CampaignAction): Promise<CampaignResponse> {
  return apiRequest<CampaignResponse>("POST", `/api/campaigns/${encodeURIComponent(id)}/${action}`);
}

export async function fetchResults(id: string): Promise<CampaignRecipientResult[]> {
  return (
    await apiRequest<{ recipients: CampaignRecipientResult[] }>(
      "GET",
      `/api/campaigns/${encodeURIComponent(id)}/recipients`,
    )
  ).recipients;
}

/** Where the browser downloads a campaign's results as CSV (same origin, the session's cookie). */
export const resultsCsvUrl = (id: string) => `/api/campaigns/${encodeURIComponent(id)}/results.csv`;

export function fetchSettings(): Promise<CampaignSettings> {
  return apiRequest<CampaignSettings>("GET", "/api/campaigns/settings");
}

/** The client's time zone, or whether unanswered campaign chats stay out of the inbox's "All". */
export function updateCampaignSettings(body: {
  timeZone?: string;
  hideUnansweredCampaignChats?: boolean;
}): Promise<CampaignSettings> {
  return apiRequest<CampaignSettings>("PATCH", "/api/campaigns/settings", { body });
}

export function saveColumnMapping(columns: ColumnMapping["columns"]): Promise<CampaignSettings> {
  return apiRequest<CampaignSettings>("PUT", "/api/campaigns/column-mapping", { body: { columns } });
}

export function fetchAudience(query: {
  connectionId: string;
  filter?: string;
  campaignId?: string;
}): Promise<{ recipients: { phone: string; name: string | null }[] }> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
  return apiRequest("GET", `/api/campaigns/audience?${params.toString()}`);
}

/** Whom a follow-up of a campaign would reach (its non-responders) and what it costs; nothing is sent. */
export function estimateFollowUp(id: string, draft: FollowUpDraft): Promise<CampaignEstimate> {
  return apiRequest<CampaignEstimate>("POST", `/api/campaigns/${encodeURIComponent(id)}/follow-up/estimate`, {
    body: draft,
  });
}

/** Another template to a campaign's non-responders, now or at a date and time of the client's zone. */
export function createFollowUp(id: string, body: FollowUpBody): Promise<CampaignResponse> {
  return apiRequest<CampaignResponse>("POST", `/api/campaigns/${encodeURIComponent(id)}/follow-up`, { body });
}
