import { z } from "zod";
import type { ServerDeps } from "../../../deps";
import { defineJob } from "../../../platform/jobs/define-job";
import { authRepository } from "../auth.repository";

/**
 * Deletes sessions past their expiry, hourly (expired sessions are already refused at lookup),
 * and the ids of single sign-on tokens that have expired (a replay of those fails on `exp`).
 */
export const purgeExpiredSessionsJob = defineJob({
  name: "accounts.purge-expired-sessions",
  schema: z.object({}).passthrough(),
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  schedule: "17 * * * *",
  async handler(_payload, { deps, log }: { deps: ServerDeps; log: ServerDeps["log"] }) {
    const deleted = await authRepository(deps.database.db).deleteExpiredSessions();
    if (deleted > 0) log.info({ deleted }, "expired sessions purged");
    const tokenIds = await authRepository(deps.database.db).deleteExpiredSsoTokenUses();
    if (tokenIds > 0) log.info({ tokenIds }, "expired single sign-on token ids purged");
  },
});
