import type { UserRole } from "../../../contracts/accounts";
import { roleMay } from "../../../contracts/roles";
import type { QuickReplyRow } from "./quick-replies.repository";

export interface QuickReplyActor {
  userId: string;
  role: UserRole;
}

/** Shared replies: owners and admins. Personal ones: their owner only (not even an admin). */
export function mayEditQuickReply(
  actor: QuickReplyActor,
  reply: Pick<QuickReplyRow, "ownerUserId">,
): boolean {
  if (reply.ownerUserId === null) return roleMay(actor.role, "quickReplies.manageShared");
  return reply.ownerUserId === actor.userId;
}

/** Whether the actor may see the reply at all: the shared ones, and their own. */
export function maySeeQuickReply(actor: QuickReplyActor, reply: Pick<QuickReplyRow, "ownerUserId">): boolean {
  return reply.ownerUserId === null || reply.ownerUserId === actor.userId;
}
