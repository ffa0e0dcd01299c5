import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { systemContext } from "../../deferred-context";
import { assignNewConversation } from "../automation.service";
import { autoAssignJobRef } from "./auto-assign.job-ref";

/** Runs the client's assignment rule on a new conversation. Idempotent: an assigned chat is left alone. */
export const autoAssignJob = defineJob({
  ...autoAssignJobRef,
  retry: { limit: 5, delaySeconds: 2, backoff: true },
  expireInSeconds: 60,
  batchSize: 5,
  async handler(payload, { deps, jobId }: { deps: ServerDeps; jobId: string }) {
    await assignNewConversation(systemContext(deps, payload.clientId, jobId), payload.conversationId);
  },
});
