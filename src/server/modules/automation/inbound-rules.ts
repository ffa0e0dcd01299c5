import {
  AWAY_REPLY_INTERVAL_MS,
  DEFAULT_BUSINESS_HOURS,
  isWithinBusinessHours,
} from "../../../contracts/automation";
import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import { jobIdOf } from "../../platform/jobs/define-job";
import type { ConversationRow } from "../conversations/conversations.repository";
import type { InboxRules } from "../messaging/inbound/inbound-batch.repository";
import type { MessageRow } from "../messaging/messages.repository";
import { autoAssignJobRef } from "./jobs/auto-assign.job-ref";
import { awayReplyJobRef } from "./jobs/away-reply.job-ref";

/** A new inbound message of the batch, with its chat as it stood before the batch. */
export interface StoredInbound {
  row: MessageRow;
  chatBefore: ConversationRow;
}

/** What a candidate sends that calls for no answer: a reaction, a notice from WhatsApp. */
const NOT_ANSWERED = new Set(["reaction", "system"]);

/**
 * Queues the inbox rules' work for a batch's new inbound messages, in the batch's transaction
 * (the webhook's acknowledgement is long gone: deliveries are stored, then processed): one
 * assignment per chat whose candidate writes for the first time with nobody assigned, one away
 * reply per chat whose newest message came outside business hours and got none in 12 hours. The
 * jobs check everything again; this only spares a job where nothing would happen.
 */
export async function queueInboxRules(
  deps: ServerDeps,
  tx: Db,
  rules: Map<string, InboxRules>,
  stored: StoredInbound[],
): Promise<void> {
  const newestByChat = new Map<string, StoredInbound>();
  for (const item of stored) {
    if (!rules.has(item.row.clientId) || NOT_ANSWERED.has(item.row.type)) continue;
    const seen = newestByChat.get(item.row.conversationId);
    if (!seen || item.row.occurredAt >= seen.row.occurredAt) newestByChat.set(item.row.conversationId, item);
  }
  for (const [conversationId, { row, chatBefore }] of newestByChat) {
    const clientRules = rules.get(row.clientId)!;
    const isFirstMessage = chatBefore.lastInboundAt === null && chatBefore.assigneeId === null;
    if (clientRules.assignmentMode !== "off" && isFirstMessage)
      await deps.queue.enqueue(
        autoAssignJobRef,
        { clientId: row.clientId, conversationId },
        { tx, id: jobIdOf(autoAssignJobRef.name, conversationId) },
      );
    const hours = clientRules.businessHours ?? DEFAULT_BUSINESS_HOURS;
    const repliedRecently =
      chatBefore.awayRepliedAt !== null &&
      row.occurredAt.getTime() - chatBefore.awayRepliedAt.getTime() < AWAY_REPLY_INTERVAL_MS;
    if (
      clientRules.awayReplyEnabled &&
      !repliedRecently &&
      !isWithinBusinessHours(hours, clientRules.timeZone, row.occurredAt)
    )
      await deps.queue.enqueue(
        awayReplyJobRef,
        { clientId: row.clientId, conversationId, messageId: row.id },
        { tx, id: jobIdOf(awayReplyJobRef.name, row.id) },
      );
  }
}
