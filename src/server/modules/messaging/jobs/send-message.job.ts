import { z } from "zod";
import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { deliverMessage } from "../deliver.service";

/**
 * One durable job per outbound message. Retries back off from 2 s to about half an hour, for
 * retryable errors only (throughput, pair rate, Meta outages, network); a restart loses nothing.
 */
export const sendMessageJob = defineJob({
  name: "messaging.send",
  schema: z.object({ clientId: z.uuid(), messageId: z.uuid(), components: z.array(z.unknown()).default([]) }),
  retry: { limit: 10, delaySeconds: 2, backoff: true },
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
