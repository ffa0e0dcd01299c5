import { z } from "zod";
import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { connectionDirectory } from "../connection-directory.repository";
import { checkConnectionHealth } from "../connection-health.service";

/** Every six hours: each connection's token validity and expiry, number quality and limit tier. */
export const checkConnectionsHealthJob = defineJob({
  name: "connections.check-health",
  schema: z.object({}).passthrough(),
  retry: { limit: 1, delaySeconds: 300, backoff: false },
  schedule: "23 */6 * * *",
  async handler(_payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    const targets = await connectionDirectory(deps.database.db).listConnectionsToCheck();
    for (const { clientId, connectionId } of targets) {
      // One number's outage must not stop the others' checks.
      await checkConnectionHealth(deps, clientId, connectionId).catch((error: unknown) =>
        log.warn({ err: error, connectionId }, "connection health check failed"),
      );
    }
  },
});
