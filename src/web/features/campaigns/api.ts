import type { CampaignDraft, CampaignEstimate, CampaignResponse } from "../../../contracts/campaigns";
import type { ConnectionResponse } from "../../../contracts/connections";
import type { TemplateResponse } from "../../../contracts/templates";
import { apiRequest } from "../../api/client";

export type { CampaignDraft, CampaignEstimate, CampaignResponse, ConnectionResponse, TemplateResponse };

export async function listConnections(): Promise<ConnectionResponse[]> {
  return (await apiRequest<{ connections: ConnectionResponse[] }>("GET", "/api/connections")).connections;
}

/** Who would receive it, who is left out and why, and the cost; nothing is sent. */
export function estimateCampaign(draft: CampaignDraft): Promise<CampaignEstimate> {
  return apiRequest<CampaignEstimate>("POST", "/api/campaigns/estimate", { body: draft });
}

export function createCampaign(body: CampaignDraft & { name: string }): Promise<CampaignResponse> {
  return apiRequest<CampaignResponse>("POST", "/api/campaigns", { body });
}

export async function listCampaigns(): Promise<CampaignResponse[]> {
  return (await apiRequest<{ campaigns: CampaignResponse[] }>("GET", "/api/campaigns")).campaigns;
}

export function fetchCampaign(id: string): Promise<CampaignResponse> {
  return apiRequest<CampaignResponse>("GET", `/api/campaigns/${encodeURIComponent(id)}`);
}
