import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { systemContext } from "../../deferred-context";
import { sendAwayReply } from "../automation.service";
import { awayReplyJobRef } from "./away-reply.job-ref";

/**
 * Sends the away reply for a candidate's message, when the client's rules call for one. Idempotent:
 * the conversation's 12-hour claim and the message's idempotency key commit with the queued reply.
 */
export const awayReplyJob = defineJob({
  ...awayReplyJobRef,
  retry: { limit: 5, delaySeconds: 2, backoff: true },
  expireInSeconds: 60,
  batchSize: 5,
  async handler(payload, { deps, jobId }: { deps: ServerDeps; jobId: string }) {
    await sendAwayReply(
      systemContext(deps, payload.clientId, jobId),
      payload.conversationId,
      payload.messageId,
    );
  },
});
