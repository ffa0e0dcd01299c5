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
    let refusal: GraphError | null = null;
    try {
      await deps.graph.requestAppDataSync(row.phoneNumberId, payload.syncType, token);
    } catch (error) {
      // Meta down or the network: asked again, by the Graph errors' shared rule. Meta's refusal: recorded.
      if (!(error instanceof GraphError) || error.reaction === "retry") throw error;
      refusal = error;
      log.warn(
        { connectionId: row.id, syncType: payload.syncType, code: error.code },
        "app data sync refused",
      );
    }
    await repos.audit.record({
      actorType: "system",
      action: refusal ? "connection.app_data_refused" : "connection.app_data_requested",
      targetType: "connection",
      targetId: row.id,
      metadata: refusal
        ? { syncType: payload.syncType, errorCode: refusal.code ?? null, message: refusal.message }
        : { syncType: payload.syncType },
    });
  },
});
