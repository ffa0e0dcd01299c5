import { z } from "zod";
import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { deliverMessage } from "../deliver.service";

/**
 * One durable job per outbound message. Retries back off from 1 s to about an hour in all, for
 * retryable errors only (throughput, pair rate, Meta outages, network); a restart loses nothing.
 */
export const sendMessageJob = defineJob({
  name: "messaging.send",
  schema: z.object({ clientId: z.uuid(), messageId: z.uuid(), components: z.array(z.unknown()).default([]) }),
  retry: { limit: 12, delaySeconds: 1, backoff: true },
  expireInSeconds: 5 * 60,
  batchSize: 50,
  async handler(payload, { deps, isLastAttempt }: { deps: ServerDeps; isLastAttempt: boolean }) {
    const result = await deliverMessage(
      deps,
      payload.clientId,
      payload.messageId,
      payload.components,
      isLastAttempt,
    );
    if (result.outcome === "later") {
      await deps.queue.enqueue(sendMessageJob, payload, { startAfterSeconds: result.afterSeconds });
    }
  },
});
