import { z } from "zod";
import type { ServerDeps } from "../../deps";
import { defineJob } from "../../platform/jobs/define-job";
import { applyRetention } from "./retention.service";

/** Applies every client's retention setting, daily, in batches (see retention.service.ts). */
export const applyRetentionJob = defineJob({
  name: "data-rights.apply-retention",
  schema: z.object({}).passthrough(),
  retry: { limit: 2, delaySeconds: 600, backoff: true },
  expireInSeconds: 2 * 60 * 60,
  schedule: "27 2 * * *",
  async handler(_payload, { deps }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    await applyRetention(deps);
  },
});
