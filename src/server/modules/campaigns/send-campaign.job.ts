import type { ServerDeps } from "../../deps";
import { defineJob } from "../../platform/jobs/define-job";
import { deferredContext } from "../deferred-context";
import { tenantRepositories } from "../tenant-repositories";
import { abandonPendingRecipients, finishCampaign, sendPendingRecipients } from "./campaigns.service";
import { sendCampaignJobRef } from "./send-campaign.job-ref";

const RECIPIENTS_PER_ROUND = 100;

/**
 * Creates a campaign's messages a hundred recipients at a time, until none is pending. A crash or
 * a deploy mid-way leaves the job to be retried: it goes on from the first pending recipient, and
 * the messages already created are found again by their idempotency keys.
 */
export const sendCampaignJob = defineJob({
  ...sendCampaignJobRef,
  retry: { limit: 10, delaySeconds: 5, backoff: true },
  expireInSeconds: 60 * 60,
  async handler({ clientId, campaignId, actor }, { deps, jobId }: { deps: ServerDeps; jobId: string }) {
    const ctx = await deferredContext(deps, clientId, actor, jobId);
    if (!ctx) {
      const reason = "not sent: whoever started the campaign no longer has access";
      await abandonPendingRecipients(
        { repos: tenantRepositories(deps.database.db, clientId) },
        campaignId,
        reason,
      );
      await finishCampaign(deps.database.db, clientId, campaignId);
      return;
    }
    while ((await sendPendingRecipients(ctx, campaignId, RECIPIENTS_PER_ROUND)) > 0) {}
    await finishCampaign(deps.database.db, clientId, campaignId);
  },
});
