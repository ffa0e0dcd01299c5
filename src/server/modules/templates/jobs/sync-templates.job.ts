import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { connectionDirectory } from "../../connections/connection-directory.repository";
import { syncTemplates } from "../templates.service";
import { syncTemplatesJobRef } from "./sync-templates.job-ref";

/**
 * Syncs templates from Meta: one connection when named (on connect, on demand), else every active
 * connection (the schedule, which catches changes a missed webhook did not bring).
 */
export const syncTemplatesJob = defineJob({
  ...syncTemplatesJobRef,
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  schedule: "41 */6 * * *",
  async handler(payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    if (payload.clientId && payload.connectionId) {
      await syncTemplates(deps, payload.clientId, payload.connectionId);
      return;
    }
    for (const { clientId, connectionId } of await connectionDirectory(
      deps.database.db,
    ).listConnectionsToCheck()) {
      await syncTemplates(deps, clientId, connectionId).catch((error: unknown) =>
        log.warn({ err: error, connectionId }, "template sync failed"),
      );
    }
  },
});
