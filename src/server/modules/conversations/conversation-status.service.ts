import { type ConversationView, MAX_PINNED, mayTriage } from "../../../contracts/conversation-status";
import type { ChangeStatusBody } from "../../../contracts/conversations";
import { conflict, forbidden, validationFailed } from "../../platform/errors";
import { event, recordEvents } from "../../platform/events/domain-events";
import { jobIdOf } from "../../platform/jobs/define-job";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import type { TenantRepositories } from "../tenant-repositories";
import { presentConversation } from "./conversations.presenter";
import type { ConversationWithContact, ViewCounts } from "./conversations.repository";
import { getConversation } from "./conversations.service";
import { endSnoozeJobRef } from "./jobs/end-snooze.job-ref";
import type { Preference } from "./preferences.repository";

type Changes = Parameters<TenantRepositories["conversations"]["update"]>[1];

/** The conversation, if the actor may triage it (their own, an unassigned one, or any for admins). */
async function triageable(ctx: RequestContext, id: string): Promise<ConversationWithContact> {
  const conversation = await getConversation(ctx, id);
  const actor = ctx.actor.type === "user" ? { role: ctx.actor.role, userId: ctx.actor.userId } : null;
  if (!mayTriage(actor, conversation)) throw forbidden("This conversation is assigned to a colleague");
  return conversation;
}

/** Applies changes, with their audit entry (if any), and announces the result, all in one commit. */
async function changeAndAnnounce(
  ctx: RequestContext,
  id: string,
  changes: Changes,
  audit: { action: string; metadata: Record<string, unknown> } | null,
  alsoInTransaction?: (tx: Parameters<Parameters<RequestContext["transaction"]>[0]>[1]) => Promise<void>,
): Promise<ConversationWithContact> {
  return ctx.transaction(async (repos, tx) => {
    await repos.conversations.update(id, changes);
    if (audit)
      await recordAudit({ ...ctx, repos }, audit.action, { type: "conversation", id }, audit.metadata);
    await alsoInTransaction?.(tx);
    const row = (await repos.conversations.findById(id))!;
    await recordEvents(tx, ctx.clientId, [
      event("conversation:updated", { conversation: presentConversation(row) }),
    ]);
    return row;
  });
}

/**
 * Opens, sets waiting for the candidate, resolves or snoozes a conversation. A snooze queues the
 * job that reopens it at its end (in the same commit); a candidate's message reopens it sooner.
 * @throws forbidden for a recruiter on a colleague's conversation.
 */
export async function changeStatus(
  ctx: RequestContext,
  id: string,
  body: ChangeStatusBody,
): Promise<ConversationWithContact> {
  const conversation = await triageable(ctx, id);
  const snoozedUntil = body.status === "snoozed" ? new Date(body.snoozedUntil) : null;
  if (conversation.status === body.status && conversation.snoozedUntil?.getTime() === snoozedUntil?.getTime())
    return conversation;
  const now = new Date();
  return changeAndAnnounce(
    ctx,
    id,
    { status: body.status, snoozedUntil, statusChangedAt: now },
    {
      action: "conversation.status_changed",
      metadata: {
        from: conversation.status,
        to: body.status,
        snoozedUntil: snoozedUntil?.toISOString() ?? null,
      },
    },
    async (tx) => {
      if (!snoozedUntil) return;
      await ctx.deps.queue.enqueue(
        endSnoozeJobRef,
        { clientId: ctx.clientId, conversationId: id },
        { tx, startAfter: snoozedUntil, id: jobIdOf("end-snooze", id, snoozedUntil.toISOString()) },
      );
    },
  );
}

/** Archives a conversation (out of every view but "archived") or brings it back. */
export async function setArchived(ctx: RequestContext, id: string, isArchived: boolean) {
  const conversation = await triageable(ctx, id);
  if ((conversation.archivedAt !== null) === isArchived) return conversation;
  return changeAndAnnounce(
    ctx,
    id,
    { archivedAt: isArchived ? new Date() : null },
    { action: isArchived ? "conversation.archived" : "conversation.unarchived", metadata: {} },
  );
}

/** Marks a conversation unread for the team (a dot in the list) until someone opens it. */
export async function markUnread(ctx: RequestContext, id: string) {
  const conversation = await getConversation(ctx, id);
  if (conversation.isMarkedUnread || conversation.unreadCount > 0) return conversation;
  return changeAndAnnounce(ctx, id, { isMarkedUnread: true }, null);
}

const NO_PREFERENCE = { isPinned: false, isMuted: false };

/** The requesting user's pin and mute of these conversations (none for an integration). */
export async function viewerPreferences(
  ctx: RequestContext,
  conversationIds: string[],
): Promise<(id: string) => { isPinned: boolean; isMuted: boolean } | undefined> {
  if (ctx.actor.type !== "user") return () => undefined;
  const found = await ctx.repos.preferences.ofConversations(ctx.actor.userId, conversationIds);
  return (id) => found.get(id) ?? NO_PREFERENCE;
}

/**
 * Pins (to the top of the user's own list) or mutes (no notification or sound for them) a
 * conversation for the requesting user; their other tabs follow.
 * @throws forbidden for an integration (these are a person's settings); conflict past MAX_PINNED pins.
 */
export async function setPreferences(
  ctx: RequestContext,
  id: string,
  changes: { isPinned?: boolean; isMuted?: boolean },
): Promise<Preference> {
  if (ctx.actor.type !== "user") throw forbidden("Pins and mutes are a recruiter's own settings");
  const userId = ctx.actor.userId;
  await getConversation(ctx, id);
  if (changes.isPinned) {
    const pinned = await ctx.repos.preferences.pinnedIds(userId);
    if (!pinned.includes(id) && pinned.length >= MAX_PINNED)
      throw conflict(`At most ${MAX_PINNED} conversations can be pinned: unpin one first`);
  }
  return ctx.transaction(async (repos, tx) => {
    const preference = await repos.preferences.set(userId, id, changes);
    await recordEvents(tx, ctx.clientId, [event("conversation:preferences", { userId, ...preference })]);
    return preference;
  });
}

/**
 * The views' exact counts for the actor (`mine` is 0 for an integration), and "all" as the list
 * without a view shows it; with the stages' and labels' counts in the list's view (the campaign chats nobody answered left out, when the client says so and
 * no chip is chosen).
 */
export async function countViews(
  ctx: RequestContext,
  query: {
    filter?: Parameters<TenantRepositories["conversations"]["counts"]>[0]["filter"];
    connectionId?: string;
    campaignId?: string;
    view?: ConversationView;
    stage?: string;
    label?: string;
  },
): Promise<ViewCounts> {
  if (query.filter === "assigned_to_me" && ctx.actor.type !== "user")
    throw validationFailed("querystring.filter", "assigned_to_me needs a logged-in user");
  // A chip or a campaign chosen shows every chat it matches, answered or not, as the list does.
  const client =
    query.filter || query.campaignId ? undefined : await ctx.repos.clients.findById(ctx.clientId);
  const { stage, label, ...rest } = query;
  return ctx.repos.conversations.counts({
    ...rest,
    stageId: stage,
    labelId: label,
    userId: ctx.actor.type === "user" ? ctx.actor.userId : undefined,
    hideUnansweredCampaignChats: client?.hideUnansweredCampaignChats ?? false,
  });
}
