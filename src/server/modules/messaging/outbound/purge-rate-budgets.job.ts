import { z } from "zod";
import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { deleteInBatches } from "../../../platform/jobs/delete-in-batches";
import { deleteSpentBudgets } from "../../../platform/rate-budget";

/** A budget idle this long is deleted: well past the pair rate's 6 s and any number's pace. */
const SPENT_BUDGET_IDLE_MS = 10 * 60_000;
const BATCH_SIZE = 5_000;

/**
 * Deletes the rate budgets no send has used for a while, every ten minutes, in batches so no lock
 * is held for long. One row per recipient ever messaged would otherwise pile up (a campaign of
 * 100,000 candidates leaves 100,000 rows).
 */
export const purgeRateBudgetsJob = defineJob({
  name: "messaging.purge-rate-budgets",
  schema: z.object({}).passthrough(),
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  expireInSeconds: 10 * 60,
  schedule: "*/10 * * * *",
  async handler(_payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    const total = await deleteInBatches(
      (size) => deleteSpentBudgets(deps.database.db, SPENT_BUDGET_IDLE_MS, size),
      BATCH_SIZE,
    );
    if (total > 0) log.info({ deleted: total }, "spent rate budgets purged");
  },
});
