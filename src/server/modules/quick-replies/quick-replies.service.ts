import type { CreateQuickReplyBody, UpdateQuickReplyBody } from "../../../contracts/quick-replies";
import { roleMay } from "../../../contracts/roles";
import { conflict, forbidden, notFound } from "../../platform/errors";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import type { QuickReplyActor } from "./quick-replies.policies";
import { mayEditQuickReply } from "./quick-replies.policies";
import type { QuickReplyRow } from "./quick-replies.repository";

/** The signed-in user the routes act for (quick replies are no API key's). */
export function quickReplyActorOf(ctx: RequestContext): QuickReplyActor {
  if (ctx.actor.type !== "user") throw forbidden("Quick replies are for signed-in users");
  return { userId: ctx.actor.userId, role: ctx.actor.role };
}

const taken = (shortcut: string, language: string) =>
  conflict(`The shortcut /${shortcut} already has a reply in ${language}`);

/** The client's shared replies and the caller's own. */
export function listQuickReplies(ctx: RequestContext): Promise<QuickReplyRow[]> {
  return ctx.repos.quickReplies.listVisibleTo(quickReplyActorOf(ctx).userId);
}

/** Creates a shared reply (owners and admins) or one of the caller's own. */
export async function createQuickReply(
  ctx: RequestContext,
  input: CreateQuickReplyBody,
): Promise<QuickReplyRow> {
  const actor = quickReplyActorOf(ctx);
  const ownerUserId = input.scope === "shared" ? null : actor.userId;
  if (ownerUserId === null && !roleMay(actor.role, "quickReplies.manageShared"))
    throw forbidden("Only owners and admins manage the shared quick replies");
  if (await ctx.repos.quickReplies.hasShortcut(ownerUserId, input.shortcut, input.language))
    throw taken(input.shortcut, input.language);
  const reply = await ctx.repos.quickReplies.create({
    ownerUserId,
    shortcut: input.shortcut,
    title: input.title,
    language: input.language,
    body: input.body,
    createdBy: actor.userId,
  });
  await recordAudit(
    ctx,
    "quick_reply.created",
    { type: "quick_reply", id: reply.id },
    { scope: input.scope, shortcut: reply.shortcut, language: reply.language },
  );
  return reply;
}

/**
 * The reply if the caller may change it. Another user's personal reply is not found (its id says
 * nothing); a shared one a recruiter cannot change is forbidden.
 */
async function findEditable(ctx: RequestContext, id: string): Promise<QuickReplyRow> {
  const actor = quickReplyActorOf(ctx);
  const reply = await ctx.repos.quickReplies.findVisible(id, actor.userId);
  if (!reply) throw notFound("Quick reply");
  if (!mayEditQuickReply(actor, reply))
    throw forbidden("Only owners and admins manage the shared quick replies");
  return reply;
}

export async function updateQuickReply(
  ctx: RequestContext,
  id: string,
  input: UpdateQuickReplyBody,
): Promise<QuickReplyRow> {
  const reply = await findEditable(ctx, id);
  const shortcut = input.shortcut ?? reply.shortcut;
  const language = input.language ?? reply.language;
  if (
    (shortcut !== reply.shortcut || language !== reply.language) &&
    (await ctx.repos.quickReplies.hasShortcut(reply.ownerUserId, shortcut, language, id))
  )
    throw taken(shortcut, language);
  const updated = await ctx.repos.quickReplies.update(id, input);
  if (!updated) throw notFound("Quick reply");
  await recordAudit(ctx, "quick_reply.updated", { type: "quick_reply", id }, { changes: Object.keys(input) });
  return updated;
}

export async function deleteQuickReply(ctx: RequestContext, id: string): Promise<void> {
  const reply = await findEditable(ctx, id);
  if (!(await ctx.repos.quickReplies.delete(id))) throw notFound("Quick reply");
  await recordAudit(
    ctx,
    "quick_reply.deleted",
    { type: "quick_reply", id },
    { scope: reply.ownerUserId === null ? "shared" : "personal", shortcut: reply.shortcut },
  );
}
