import type { MessageContent, MessageResponse } from "../../../contracts/messages";
import { explain } from "../../platform/graph/meta-errors";
import type { MessageRow } from "./messages.repository";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface StoredContent {
  content: MessageContent;
  context?: MessageResponse["context"];
  referral?: Record<string, unknown> | null;
}

export type Reaction = { emoji: string; direction: "inbound" | "outbound" };

/** A stored message as the API and sockets show it. */
export function presentMessage(row: MessageRow, reactions: Reaction[] = []): MessageResponse {
  const stored = row.content as unknown as StoredContent;
  return {
    id: row.id,
    conversationId: row.conversationId,
    direction: row.direction,
    wamid: row.wamid,
    type: row.type,
    content: stored.content,
    status: row.status,
    context: stored.context ?? null,
    referral: stored.referral ?? null,
    reactions,
    error:
      row.status === "failed" || row.errorCode !== null
        ? {
            code: row.errorCode,
            title: row.errorTitle,
            details: row.errorDetails,
            explanation: explain(
              row.errorCode ?? undefined,
              row.errorDetails ?? row.errorTitle ?? "The message could not be sent",
            ),
          }
        : null,
    pricing:
      row.pricingCategory || row.pricingType
        ? { category: row.pricingCategory, type: row.pricingType, isBillable: row.isBillable }
        : null,
    senderUserId: row.senderUserId,
    automation: row.senderAutomation ?? null,
    origin: row.origin ?? null,
    occurredAt: row.occurredAt.toISOString(),
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
    readAt: iso(row.readAt),
    failedAt: iso(row.failedAt),
  };
}
