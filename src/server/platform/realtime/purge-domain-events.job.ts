import { z } from "zod";
import type { ServerDeps } from "../../deps";
import { defineJob } from "../jobs/define-job";
import { deleteInBatches } from "../jobs/delete-in-batches";
import { domainEventsFeed } from "./realtime.repository";

/** How long a tab can stay away and still catch up; older events are only in the data they changed. */
export const DOMAIN_EVENTS_RETENTION_DAYS = 7;
const BATCH_SIZE = 5_000;

/** Deletes domain events older than the retention, daily, in batches so no lock is held for long. */
export const purgeDomainEventsJob = defineJob({
  name: "realtime.purge-domain-events",
  schema: z.object({}).passthrough(),
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  expireInSeconds: 30 * 60,
  schedule: "41 3 * * *",
  async handler(_payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    const feed = domainEventsFeed(deps.database.db);
    const cutoff = new Date(Date.now() - DOMAIN_EVENTS_RETENTION_DAYS * 86_400_000);
    const total = await deleteInBatches((size) => feed.deleteBatchRecordedBefore(cutoff, size), BATCH_SIZE);
    if (total > 0) log.info({ deleted: total }, "old domain events purged");
  },
});
