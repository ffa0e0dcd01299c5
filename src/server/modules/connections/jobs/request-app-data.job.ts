import type { ServerDeps } from "../../../deps";
import { GraphError } from "../../../platform/graph/graph-error";
import { defineJob } from "../../../platform/jobs/define-job";
import { tenantRepositories } from "../../tenant-repositories";
import { openToken } from "../connection-secrets";
import { requestAppDataJobRef } from "./request-app-data.job-ref";

/**
 * Meta takes each request once, within 24 hours of the onboarding: an outage is retried, a refusal
 * (already asked, not a business app number) is recorded for the operator and not asked again.
 */
export const requestAppDataJob = defineJob({
  ...requestAppDataJobRef,
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  expireInSeconds: 60,
  async handler(payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    const repos = tenantRepositories(deps.database.db, payload.clientId);
    const row = await repos.connections.findById(payload.connectionId);
    if (!row?.businessApp || row.state !== "active" || !row.phoneNumberId || !row.accessTokenSealed) return;
    const token = openToken(deps.vault, row.id, row.accessTokenSealed);
    try {
      await deps.graph.requestAppDataSync(row.phoneNumberId, payload.syncType, token);
    } catch (error) {
      // Meta down or the network: asked again. Meta's refusal (a 4xx with its code): recorded.
      const status = error instanceof GraphError ? error.details.httpStatus : undefined;
      if (!(error instanceof GraphError) || !status || status >= 500 || status === 429) throw error;
      await repos.audit.record({
        actorType: "system",
        action: "connection.app_data_refused",
        targetType: "connection",
        targetId: row.id,
        metadata: { syncType: payload.syncType, errorCode: error.code ?? null, message: error.message },
      });
      log.warn(
        { connectionId: row.id, syncType: payload.syncType, code: error.code },
        "app data sync refused",
      );
      return;
    }
    await repos.audit.record({
      actorType: "system",
      action: "connection.app_data_requested",
      targetType: "connection",
      targetId: row.id,
      metadata: { syncType: payload.syncType },
    });
  },
});
