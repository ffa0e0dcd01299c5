import type { QuickReplyResponse } from "../../../contracts/quick-replies";
import { mayEditQuickReply, type QuickReplyActor } from "./quick-replies.policies";
import type { QuickReplyRow } from "./quick-replies.repository";

/** A quick reply as the API shows it, with whether this caller may change it. */
export function presentQuickReply(row: QuickReplyRow, actor: QuickReplyActor): QuickReplyResponse {
  return {
    id: row.id,
    scope: row.ownerUserId === null ? "shared" : "personal",
    shortcut: row.shortcut,
    title: row.title,
    language: row.language,
    body: row.body,
    canEdit: mayEditQuickReply(actor, row),
    updatedAt: row.updatedAt.toISOString(),
  };
}
