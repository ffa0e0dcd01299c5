import type { CampaignResponse } from "../../../contracts/campaigns";
import { instantToWallTime } from "../../../contracts/time-zone";
import type { CampaignRow } from "./campaigns.repository";

/** What a campaign's row does not hold: its live progress, funnel, state and the client's time zone. */
export type CampaignDetails = Pick<
  CampaignResponse,
  "progress" | "failures" | "funnel" | "status" | "timeZone"
>;

/** A campaign as the API and the `campaign.finished` webhook show it. */
export function presentCampaign(campaign: CampaignRow, details: CampaignDetails): CampaignResponse {
  return {
    id: campaign.id,
    status: details.status,
    scheduledAt: campaign.scheduledAt?.toISOString() ?? null,
    timeZone: details.timeZone,
    scheduledAtLocal: campaign.scheduledAt ? instantToWallTime(campaign.scheduledAt, details.timeZone) : null,
    followUpOf: campaign.followUpOf,
    funnel: details.funnel,
    name: campaign.name,
    connectionId: campaign.connectionId,
    templateName: campaign.templateName,
    templateLanguage: campaign.templateLanguage,
    category: campaign.category,
    recipientCount: campaign.recipientCount,
    excludedCount: campaign.excludedCount,
    estimatedCostMad: Number(campaign.estimatedCostMad),
    createdAt: campaign.createdAt.toISOString(),
    waiting:
      campaign.waitingReason && details.status === "sending"
        ? { reason: campaign.waitingReason, until: campaign.waitingUntil?.toISOString() ?? null }
        : null,
    progress: details.progress,
    failures: details.failures,
  };
}
