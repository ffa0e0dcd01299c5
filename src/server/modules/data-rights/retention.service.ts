import type { ServerDeps } from "../../deps";
import { deleteInBatches } from "../../platform/jobs/delete-in-batches";
import { auditRepository } from "../audit/audit.repository";
import { clientsWithRetention, dataRightsRepository } from "./data-rights.repository";

/** Rows handled per transaction: a client with years of chats is purged without long locks. */
export const RETENTION_BATCH_SIZE = 200;

/** `months` calendar months before `now`. */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

export interface RetentionSummary {
  conversations: number;
  contacts: number;
  campaignRecipients: number;
  mediaFiles: number;
}

/**
 * Applies each client's retention: conversations without a message since the cutoff go (with
 * their messages, media, notes; ledger amounts stay), then candidates left without a chat (unless
 * they opted out: that must still be honoured), and campaigns older than the cutoff lose their
 * recipients' numbers, names and values; then media files older than the media cutoff.
 * One summary line per client that lost something goes to its audit log.
 */
export async function applyRetention(
  deps: Pick<ServerDeps, "database" | "media" | "log">,
  now = new Date(),
  batchSize = RETENTION_BATCH_SIZE,
): Promise<Map<string, RetentionSummary>> {
  const summaries = new Map<string, RetentionSummary>();
  for (const client of await clientsWithRetention(deps.database.db)) {
    const summary: RetentionSummary = { conversations: 0, contacts: 0, campaignRecipients: 0, mediaFiles: 0 };
    if (client.conversationMonths !== null) {
      const cutoff = monthsBefore(now, client.conversationMonths);
      for (;;) {
        const stale = await deps.database.db.transaction(async (tx) => {
          const repo = dataRightsRepository({ db: tx, clientId: client.id });
          const found = await repo.staleConversations(cutoff, batchSize);
          if (found.ids.length > 0) await repo.deleteConversations(found.ids);
          return found;
        });
        summary.conversations += stale.ids.length;
        // Files go once their rows are committed: a rolled-back batch keeps its files.
        for (const key of stale.storageKeys) await deps.media.remove(key);
        if (stale.ids.length < batchSize) break;
      }
      const repo = dataRightsRepository({ db: deps.database.db, clientId: client.id });
      summary.contacts = await repo.deleteContactsWithoutConversations();
      // Campaigns as old as the chats they started keep their counts, not whom they were sent to.
      summary.campaignRecipients = await deleteInBatches(
        (size) => repo.anonymiseOldRecipients(cutoff, size),
        batchSize,
      );
    }
    if (client.mediaMonths !== null) {
      const cutoff = monthsBefore(now, client.mediaMonths);
      const repo = dataRightsRepository({ db: deps.database.db, clientId: client.id });
      for (;;) {
        const files = await repo.oldMedia(cutoff, batchSize);
        await repo.forgetMedia(files.map((file) => file.id));
        for (const file of files) if (file.storageKey) await deps.media.remove(file.storageKey);
        summary.mediaFiles += files.length;
        if (files.length < batchSize) break;
      }
    }
    if (Object.values(summary).some((count) => count > 0)) {
      await auditRepository({ db: deps.database.db, clientId: client.id }).record({
        actorType: "system",
        actorId: null,
        action: "retention.applied",
        targetType: "client",
        targetId: client.id,
        metadata: {
          ...summary,
          conversationMonths: client.conversationMonths,
          mediaMonths: client.mediaMonths,
        },
        ip: null,
        requestId: null,
      });
      deps.log.info({ clientId: client.id, ...summary }, "retention applied");
    }
    summaries.set(client.id, summary);
  }
  return summaries;
}
