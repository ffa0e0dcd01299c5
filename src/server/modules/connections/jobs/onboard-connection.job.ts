import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { continueOnboarding } from "../onboarding.service";
import { onboardConnectionJobRef } from "./onboard-connection.job-ref";

/**
 * Runs a connection's remaining onboarding steps. Not retried by the queue: a failed step is
 * recorded for the recruiter, and registration (10 tries per 72 hours at Meta) must never loop.
 */
export const onboardConnectionJob = defineJob({
  ...onboardConnectionJobRef,
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  expireInSeconds: 5 * 60,
  async handler(payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    const row = await continueOnboarding(deps, payload.clientId, payload.connectionId);
    log.info({ connectionId: payload.connectionId, state: row?.state }, "onboarding run finished");
  },
});
