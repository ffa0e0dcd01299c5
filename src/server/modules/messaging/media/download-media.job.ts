import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { downloadMediaJobRef } from "./download-media.job-ref";
import { downloadInboundMedia } from "./media.service";

/** Fetches a candidate's file right after its webhook: Meta's download URLs expire in 5 minutes. */
export const downloadMediaJob = defineJob({
  ...downloadMediaJobRef,
  retry: { limit: 5, delaySeconds: 5, backoff: true },
  expireInSeconds: 10 * 60,
  batchSize: 4,
  async handler(payload, ctx: { deps: ServerDeps; isLastAttempt: boolean }) {
    await downloadInboundMedia(ctx.deps, payload.clientId, payload.mediaId, ctx.isLastAttempt);
  },
});
