import type { CampaignResponse } from "../../../contracts/campaigns";
import type { CampaignRow } from "./campaigns.repository";

export function presentCampaign(
  campaign: CampaignRow,
  details: {
    progress: CampaignResponse["progress"];
    failures: CampaignResponse["failures"];
  },
) {
  return {
    id: campaign.id,
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
      campaign.waitingReason && !campaign.finishedAt
        ? { reason: campaign.waitingReason, until: campaign.waitingUntil?.toISOString() ?? null }
        : null,
    ...details,
  };
}
