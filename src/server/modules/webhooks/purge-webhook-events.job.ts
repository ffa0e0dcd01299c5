import { z } from "zod";
import type { ServerDeps } from "../../deps";
import { defineJob } from "../../platform/jobs/define-job";
import { deleteInBatches } from "../../platform/jobs/delete-in-batches";
import { webhookEventsRepository } from "./webhook-events.repository";

const BATCH_SIZE = 2_000;

/**
 * Deletes Meta's deliveries processed more than `WEBHOOK_EVENTS_RETENTION_DAYS` ago, daily, in
 * batches so no lock is held for long. Their raw bodies hold candidates' messages, already stored
 * where they belong; keeping them for ever would only grow the table and the data at risk.
 */
export const purgeWebhookEventsJob = defineJob({
  name: "webhooks.purge-processed",
  schema: z.object({}).passthrough(),
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  expireInSeconds: 30 * 60,
  schedule: "23 4 * * *",
  async handler(_payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    const events = webhookEventsRepository(deps.database.db);
    const cutoff = new Date(Date.now() - deps.config.webhookProcessing.retentionDays * 86_400_000);
    const total = await deleteInBatches((size) => events.deleteProcessedBefore(cutoff, size), BATCH_SIZE);
    if (total > 0) log.info({ deleted: total }, "processed webhook deliveries purged");
  },
});
