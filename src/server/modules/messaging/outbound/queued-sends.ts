import type { MessageAutomation } from "../../../../contracts/automation";
import { isWindowOpen, windowExpiry } from "../../../../contracts/conversation-window";
import { ErrorCode } from "../../../../contracts/errors";
import type { MessageContent } from "../../../../contracts/messages";
import { uuidV7 } from "../../../platform/db/uuid-v7";
import { AppError } from "../../../platform/errors";
import { event, recordEvents } from "../../../platform/events/domain-events";
import { auditEntry } from "../../audit/audit.service";
import type { ConnectionRow } from "../../connections/connections.repository";
import type { RequestContext } from "../../context";
import { presentConversation } from "../../conversations/conversations.presenter";
import type { ChatWithContact } from "../../conversations/conversations.repository";
import { previewOf } from "../inbound/inbound-parser";
import { presentMessage } from "../messages.presenter";
import type { MessageRow, QueuedMessageValues } from "../messages.repository";
import { countBusinessInitiated } from "./messaging-limit";
import { sendMessageJobRef } from "./send-message.job-ref";

/** The content to store, as checked: what Meta gets, its text, and what the send job needs. */
export interface BuiltContent {
  content: MessageContent;
  text: string | null;
  meta: { components?: unknown[]; category?: string };
  mediaId?: string;
}

/** A send checked as Meta would check it, ready to store: the request's context and what it resolved. */
export interface QueuedSend {
  ctx: RequestContext;
  conversation: ChatWithContact;
  connection: ConnectionRow;
  built: BuiltContent;
  replyTo: MessageRow | undefined;
  idempotencyKey: string | null;
  fingerprint: string | null;
  automation: MessageAutomation | null;
}

function rowOf(send: QueuedSend, id: string): QueuedMessageValues {
  const { ctx, conversation, built, replyTo } = send;
  return {
    id,
    conversationId: conversation.id,
    direction: "outbound",
    type: built.content.type,
    content: {
      content: built.content,
      context: replyTo
        ? { replyToWamid: replyTo.wamid, isForwarded: false, isFrequentlyForwarded: false }
        : null,
    },
    text: built.text,
    status: "queued",
    templateName: built.content.type === "template" ? built.content.name : null,
    templateLanguage: built.content.type === "template" ? built.content.language : null,
    pricingCategory: built.meta.category?.toLowerCase() ?? null,
    replyToWamid: replyTo?.wamid ?? null,
    senderUserId: ctx.actor.type === "user" ? ctx.actor.userId : null,
    senderApiKeyId: ctx.actor.type === "api_key" ? ctx.actor.keyId : null,
    senderAutomation: send.automation,
    idempotencyKey: send.idempotencyKey,
    idempotencyFingerprint: send.fingerprint,
  };
}

/**
 * Stores sends of one client `queued` and enqueues their send jobs, in one transaction and a few
 * set-based statements whatever their number: counted against the messaging limit (a template
 * outside the window is business-initiated), inserted (a reused idempotency key keeps nothing),
 * the chats' last message moved, the jobs enqueued, `message:created` recorded for the dashboards,
 * and audited. Each send's outcome in its place: its stored row, or why it was refused alone.
 */
export async function storeQueuedSends(sends: QueuedSend[]): Promise<(MessageRow | AppError)[]> {
  const { ctx } = sends[0]!;
  const outcomes: (MessageRow | AppError | undefined)[] = sends.map(() => undefined);
  const ids = sends.map(() => uuidV7());
  await ctx.transaction(async (repos, tx) => {
    const now = Date.now();
    const businessInitiated = sends.flatMap((send, i) =>
      send.built.content.type === "template" &&
      !isWindowOpen(windowExpiry(send.conversation.lastInboundAt), now)
        ? [i]
        : [],
    );
    const refusals = await countBusinessInitiated(
      repos,
      businessInitiated.map((i) => ({
        connection: sends[i]!.connection,
        contact: sends[i]!.conversation.contact,
      })),
      ctx.deps.config.sending.messagingLimitWindowSeconds,
    );
    for (const [n, refusal] of refusals.entries()) if (refusal) outcomes[businessInitiated[n]!] = refusal;
    const kept = sends.flatMap((_, i) => (outcomes[i] ? [] : [i]));
    const stored = new Map(
      (await repos.messages.insertManyOnce(kept.map((i) => rowOf(sends[i]!, ids[i]!)))).map((row) => [
        row.id,
        row,
      ]),
    );
    const inserted: number[] = [];
    for (const i of kept) {
      const row = stored.get(ids[i]!);
      if (row) inserted.push(i);
      else outcomes[i] = new AppError(ErrorCode.conflict, "This idempotency key was just used");
    }
    // The chat's last message: the latest of the group in each chat (reactions move nothing).
    const latest = new Map<string, { id: string; at: Date; preview: string }>();
    for (const i of inserted) {
      const { built, conversation } = sends[i]!;
      const row = stored.get(ids[i]!)!;
      outcomes[i] = row;
      if (built.mediaId) await repos.messages.updateMedia(built.mediaId, { messageId: row.id });
      if (built.content.type !== "reaction")
        latest.set(conversation.id, {
          id: conversation.id,
          at: row.occurredAt,
          preview: previewOf(built.content, built.text),
        });
    }
    await repos.conversations.recordOutboundMany([...latest.values()]);
    await ctx.deps.queue.enqueueMany(
      sendMessageJobRef,
      inserted.map((i) => ({
        clientId: ctx.clientId,
        messageId: ids[i]!,
        components: sends[i]!.built.meta.components ?? [],
      })),
      tx,
    );
    const chats = new Map(
      (await repos.conversations.findByIds([...new Set(inserted.map((i) => sends[i]!.conversation.id))])).map(
        (chat) => [chat.id, chat],
      ),
    );
    await recordEvents(
      tx,
      ctx.clientId,
      inserted.map((i) =>
        event("message:created", {
          message: presentMessage(stored.get(ids[i]!)!),
          conversation: presentConversation(chats.get(sends[i]!.conversation.id)!),
        }),
      ),
    );
    // Audited in the same transaction: a send is never stored without its audit row, and the group
    // commits (one fsync) once.
    await repos.audit.recordMany(
      inserted.map((i) =>
        auditEntry(
          sends[i]!.ctx,
          "message.queued",
          { type: "message", id: ids[i]! },
          { conversationId: sends[i]!.conversation.id, type: sends[i]!.built.content.type },
        ),
      ),
    );
  });
  return outcomes as (MessageRow | AppError)[];
}
