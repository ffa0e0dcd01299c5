import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { tenantRepositories } from "../../tenant-repositories";
import { handleTokenRefusal, sendingCredentials } from "./connection-access";
import { markReadJobRef } from "./mark-read.job-ref";

/** Blue ticks on the candidate's side when a recruiter opens the conversation. */
export const markReadJob = defineJob({
  ...markReadJobRef,
  retry: { limit: 3, delaySeconds: 10, backoff: true },
  batchSize: 5,
  async handler(payload, { deps }: { deps: ServerDeps }) {
    const repos = tenantRepositories(deps.database.db, payload.clientId);
    const conversation = await repos.conversations.findById(payload.conversationId);
    const last = conversation && (await repos.messages.lastInbound(conversation.id));
    const connection = conversation && (await repos.connections.findById(conversation.connectionId));
    if (!last?.wamid || !connection || connection.state !== "active") return;
    const { phoneNumberId, token } = sendingCredentials(deps, connection);
    try {
      await deps.graph.markRead(phoneNumberId, token, last.wamid);
    } catch (error) {
      await handleTokenRefusal(deps, connection, error);
      throw error;
    }
  },
});
