import type { ServerDeps } from "../../../deps";
import { event, recordEvents } from "../../../platform/events/domain-events";
import { defineJob } from "../../../platform/jobs/define-job";
import { inTenantTransaction } from "../../tenant-repositories";
import { presentConversation } from "../conversations.presenter";
import { endSnoozeJobRef } from "./end-snooze.job-ref";

/** How early a job may start against our clock (pg-boss times it by the database's). */
const CLOCK_SLACK_MS = 60_000;

/**
 * Reopens a conversation whose snooze has ended, announced to the team. Idempotent: a snooze
 * changed since (reopened, snoozed again, resolved) leaves nothing to do, and the later snooze has
 * its own job.
 */
export const endSnoozeJob = defineJob({
  ...endSnoozeJobRef,
  retry: { limit: 5, delaySeconds: 5, backoff: true },
  batchSize: 5,
  async handler(payload, { deps }: { deps: ServerDeps }) {
    await inTenantTransaction(deps.database.db, payload.clientId, async (repos, tx) => {
      const now = new Date();
      if (await repos.conversations.endSnooze(payload.conversationId, now)) {
        const row = (await repos.conversations.findById(payload.conversationId))!;
        await recordEvents(tx, payload.clientId, [
          event("conversation:updated", { conversation: presentConversation(row) }),
        ]);
        return;
      }
      const row = await repos.conversations.findById(payload.conversationId);
      const endsIn = row?.snoozedUntil
        ? row.snoozedUntil.getTime() - now.getTime()
        : Number.POSITIVE_INFINITY;
      // Started a moment before the end by our clock: the retry comes after it.
      if (row?.status === "snoozed" && endsIn < CLOCK_SLACK_MS) throw new Error("snooze not over yet");
    });
  },
});
