import type { ServerDeps } from "../../deps";
import { defineJob } from "../../platform/jobs/define-job";
import { deferredContext } from "../deferred-context";
import { tenantRepositories } from "../tenant-repositories";
import { abandonPendingRecipients, finishCampaign, sendCampaignRound } from "./campaigns.service";
import { sendCampaignJobRef } from "./send-campaign.job-ref";

/**
 * One round of a campaign: the messages of its next hundred pending recipients, then the next
 * round queued (see `sendCampaignRound`). Each job is short, so its expiry can be too: a process
 * killed mid-round leaves the job `active`, and another worker takes it again once it expires
 * (30 s, plus pg-boss's maintenance pass) instead of the campaign stopping until then. A round
 * run again creates no message twice (each recipient's idempotency key) and queues no second
 * next round (the next round's job id is fixed).
 */
export const sendCampaignJob = defineJob({
  ...sendCampaignJobRef,
  retry: { limit: 10, delaySeconds: 2, backoff: true },
  expireInSeconds: 30,
  async handler(
    { clientId, campaignId, actor, chain, round },
    { deps, jobId, isLastAttempt }: { deps: ServerDeps; jobId: string; isLastAttempt: boolean },
  ) {
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
    await sendCampaignRound(ctx, { campaignId, actor, chain, round }, { isLastAttempt });
  },
});
