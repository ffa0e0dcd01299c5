import { randomUUID } from "node:crypto";
import type { CampaignState, FollowUpBody, FollowUpDraft } from "../../../contracts/campaigns";
import { ErrorCode } from "../../../contracts/errors";
import { AppError, notFound } from "../../platform/errors";
import { event, recordEvents } from "../../platform/events/domain-events";
import { recordAudit } from "../audit/audit.service";
import { actorRefOf, type RequestContext } from "../context";
import type { TenantRepositories } from "../tenant-repositories";
import type { CampaignRow } from "./campaigns.repository";
import { approvedTemplate, createCampaign, estimateCampaign, stateOf } from "./campaigns.service";
import { sendCampaignJobRef } from "./send-campaign.job-ref";

/**
 * A campaign's state machine, enforced here and nowhere else:
 *
 *   scheduled ─(its time)→ sending ─(nothing pending)→ finished
 *   scheduled / sending ─pause→ paused ─resume→ sending (or scheduled again, before its time)
 *   scheduled ─cancel→ cancelled
 *   sending / paused ─cancel→ cancelled   finished / sending ─retry failed→ sending
 *
 * Each move is one conditional update (two recruiters clicking at once: one wins, the other is told
 * the campaign's state changed), audited, and announced to the client's dashboards at commit.
 */
type Action = "pause" | "resume" | "cancel" | "retry_failed";

function refuse(campaign: CampaignRow, state: CampaignState, action: Action): never {
  throw new AppError(
    ErrorCode.campaignStateInvalid,
    `Campaign "${campaign.name}" is ${state}: it cannot ${action.replace("_", " ")}`,
    { state, action },
  );
}

async function load(ctx: RequestContext, id: string) {
  const campaign = await ctx.repos.campaigns.findById(id);
  if (!campaign) throw notFound("Campaign");
  const pending = (await ctx.repos.campaigns.hasPending(id)) ? 1 : 0;
  return { campaign, state: stateOf(campaign, pending) };
}

async function announce(
  repos: TenantRepositories,
  tx: Parameters<typeof recordEvents>[0],
  ctx: RequestContext,
  campaignId: string,
) {
  const campaign = await repos.campaigns.findById(campaignId);
  const pending = (await repos.campaigns.hasPending(campaignId)) ? 1 : 0;
  if (!campaign) return;
  await recordEvents(tx, ctx.clientId, [
    event("campaign:updated", { campaignId, status: stateOf(campaign, pending) }),
  ]);
}

/** Stops creating the campaign's messages after the round in progress (a scheduled one waits); resumable. */
export async function pauseCampaign(ctx: RequestContext, id: string) {
  const { campaign, state } = await load(ctx, id);
  if (state !== "sending" && state !== "scheduled") refuse(campaign, state, "pause");
  await ctx.transaction(async (repos, tx) => {
    if (!(await repos.campaigns.transition(id, ["sending", "scheduled"], "paused")))
      refuse(campaign, state, "pause");
    await announce(repos, tx, ctx, id);
  });
  await recordAudit(ctx, "campaign.paused", { type: "campaign", id });
}

/** Goes on from the first recipient still pending; one paused before its time waits for it again. */
export async function resumeCampaign(ctx: RequestContext, id: string) {
  const { campaign, state } = await load(ctx, id);
  if (state !== "paused") refuse(campaign, state, "resume");
  const startsAt =
    campaign.scheduledAt && campaign.scheduledAt.getTime() > Date.now() ? campaign.scheduledAt : null;
  await ctx.transaction(async (repos, tx) => {
    if (!(await repos.campaigns.transition(id, ["paused"], startsAt ? "scheduled" : "sending")))
      refuse(campaign, state, "resume");
    await ctx.deps.queue.enqueue(
      sendCampaignJobRef,
      { clientId: ctx.clientId, campaignId: id, actor: actorRefOf(ctx.actor), chain: randomUUID(), round: 0 },
      { tx, ...(startsAt ? { startAfter: startsAt } : {}) },
    );
    await announce(repos, tx, ctx, id);
  });
  await recordAudit(ctx, "campaign.resumed", { type: "campaign", id });
}

/** Leaves every recipient still pending unsent, with the reason; a scheduled campaign never starts. */
export async function cancelCampaign(ctx: RequestContext, id: string) {
  const { campaign, state } = await load(ctx, id);
  if (state !== "scheduled" && state !== "sending" && state !== "paused") refuse(campaign, state, "cancel");
  const cancelled = await ctx.transaction(async (repos, tx) => {
    const row = await repos.campaigns.transition(id, ["scheduled", "sending", "paused"], "cancelled");
    if (!row) refuse(campaign, state, "cancel");
    const count = await repos.campaigns.cancelPending(id);
    await announce(repos, tx, ctx, id);
    return count;
  });
  await recordAudit(ctx, "campaign.cancelled", { type: "campaign", id }, { unsent: cancelled });
}

/** Sends again, as new messages, to every recipient whose message failed. */
export async function retryFailedRecipients(ctx: RequestContext, id: string) {
  const { campaign, state } = await load(ctx, id);
  if (state !== "finished" && state !== "sending") refuse(campaign, state, "retry_failed");
  const retried = await ctx.transaction(async (repos, tx) => {
    const count = await repos.campaigns.retryFailed(id);
    if (count === 0) {
      throw new AppError(ErrorCode.campaignStateInvalid, "No failed message to send again", {
        state,
        action: "retry_failed",
      });
    }
    await ctx.deps.queue.enqueue(
      sendCampaignJobRef,
      { clientId: ctx.clientId, campaignId: id, actor: actorRefOf(ctx.actor), chain: randomUUID(), round: 0 },
      { tx },
    );
    await announce(repos, tx, ctx, id);
    return count;
  });
  await recordAudit(ctx, "campaign.retried", { type: "campaign", id }, { recipients: retried });
}

/**
 * The candidates a follow-up of a campaign reaches (those it reached who never replied, its failures
 * left out), each with the new template's values: their name, a value of the first send, or a text.
 */
async function followUpDraft(ctx: RequestContext, id: string, body: FollowUpDraft) {
  const original = await ctx.repos.campaigns.findById(id);
  if (!original) throw notFound("Campaign");
  await approvedTemplate(ctx, { connectionId: original.connectionId, template: body.template });
  const silent = (await ctx.repos.campaigns.results(id)).filter(
    (row) => row.outcome === "queued" && row.reachedSent && row.status !== "failed" && !row.repliedAt,
  );
  if (silent.length === 0) {
    throw new AppError(ErrorCode.campaignStateInvalid, "Every candidate reached has replied", {
      action: "follow_up",
    });
  }
  const recipients = silent.map((row) => {
    const first = ((row.variables as { body?: { text: string }[] }).body ?? []).map((value) => value.text);
    return {
      phone: row.phone,
      name: row.name ?? undefined,
      body: body.values.map((value) => ({
        text:
          value.from === "name"
            ? (row.name ?? "")
            : value.from === "value"
              ? (first[value.index] ?? "")
              : value.text,
      })),
    };
  });
  return { original, draft: { connectionId: original.connectionId, template: body.template, recipients } };
}

/** What a follow-up would do before it is made: whom it reaches, who is left out, and its cost. */
export async function estimateFollowUp(ctx: RequestContext, id: string, body: FollowUpDraft) {
  const { draft } = await followUpDraft(ctx, id, body);
  return estimateCampaign(ctx, draft);
}

/**
 * A new campaign, with another template, to the candidates of this one whose message went out and who
 * never replied. Each value of the new template is the candidate's name, one of the values they were
 * first sent, or a text.
 */
export async function followUpCampaign(ctx: RequestContext, id: string, body: FollowUpBody) {
  const { original, draft } = await followUpDraft(ctx, id, body);
  return createCampaign(ctx, { name: body.name, ...draft, scheduledAt: body.scheduledAt }, original.id);
}
