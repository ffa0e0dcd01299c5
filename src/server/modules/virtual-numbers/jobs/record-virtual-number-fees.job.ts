import { z } from "zod";
import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { recordMonthlyFees } from "../virtual-numbers.service";

/**
 * Every day: the month's fee of every LinkoJob number held, for its client (once per month: the
 * days after the first add nothing, and a day the worker was down is caught up the next).
 */
export const recordVirtualNumberFeesJob = defineJob({
  name: "virtual-numbers.record-fees",
  schema: z.object({}).passthrough(),
  retry: { limit: 3, delaySeconds: 600, backoff: true },
  schedule: "7 1 * * *",
  async handler(_payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    const added = await recordMonthlyFees(deps);
    if (added > 0) log.info({ added }, "LinkoJob number fees recorded");
  },
});
