import type { z } from "zod";
import type { ServerDeps } from "../../../deps";
import { type BatchItem, defineJob } from "../../../platform/jobs/define-job";
import { deliverMessages } from "./deliver.service";
import { sendMessageJobRef } from "./send-message.job-ref";

type SendPayload = z.infer<typeof sendMessageJobRef.schema>;

/**
 * One durable job per outbound message, sent in batches: a worker takes up to 100 at once and
 * sends them with a handful of round trips (see `deliverMessages`). A next batch is fetched
 * when a current one's slots are about a second away, so at a high rate several batches run at
 * once (up to 16) and at a low rate slots are reserved a few seconds ahead at most. Retries back off from 1 s
 * to about an hour in all, for retryable errors only (throughput, pair rate, Meta outages,
 * network), per job; a restart loses nothing. A batch's jobs held by a process that was killed
 * are taken again once their attempt expires (a minute: a slot's wait of up to 10 s and a call's
 * 20 s timeout fit in it); a message that process had marked `sending` then waits out the grace
 * period for the status webhook that would carry its wamid, and an attempt that outlives its
 * expiry sends nothing twice either (`markSending`: only one attempt marks a message).
 */
export const sendMessageJob = defineJob({
  ...sendMessageJobRef,
  retry: { limit: 12, delaySeconds: 1, backoff: true },
  expireInSeconds: 60,
  batchSize: 100,
  batchesInFlight: 16,
  // Three batches may read and reserve at once: one after the other, the round trips before a
  // batch's reservation would cap the rate (about 650/s on the shared 2-core bench machine).
  batchesPreparing: 3,
  async handler(
    payload,
    { deps, jobId, isLastAttempt }: { deps: ServerDeps; jobId: string; isLastAttempt: boolean },
  ) {
    const failure = (await sendBatch(deps, [{ jobId, payload, retryCount: 0, isLastAttempt }])).get(jobId);
    if (failure) throw failure;
  },
  handleBatch: (items, { deps, readyForNext }) => sendBatch(deps, items, readyForNext),
});

/** The attempts that failed, by job id; a message to try later gets a new job for then. */
async function sendBatch(
  deps: ServerDeps,
  items: BatchItem<SendPayload>[],
  readyForNext?: () => void,
): Promise<Map<string, Error>> {
  const results = await deliverMessages(
    deps,
    items.map(({ jobId, payload, retryCount, isLastAttempt }) => ({
      key: jobId,
      clientId: payload.clientId,
      messageId: payload.messageId,
      templateComponents: payload.components,
      isLastAttempt,
      // The slot is the first attempt's: a retry after a failed call reserves a new one.
      slotAt: retryCount === 0 ? payload.slotAt : undefined,
    })),
    readyForNext,
  );
  const failures = new Map<string, Error>();
  for (const { jobId, payload } of items) {
    const result = results.get(jobId);
    if (result?.outcome === "retry") failures.set(jobId, result.error);
    if (result?.outcome === "later") {
      const { slotAt: _spent, ...rest } = payload;
      await deps.queue.enqueue(
        sendMessageJobRef,
        result.slotAt === undefined ? rest : { ...rest, slotAt: result.slotAt },
        { startAfterSeconds: result.afterSeconds },
      );
    }
  }
  return failures;
}
