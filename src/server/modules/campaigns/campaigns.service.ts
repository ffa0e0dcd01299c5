import type { z } from "zod";
import type { CampaignDraft, CampaignEstimate, CreateCampaignBody } from "../../../contracts/campaigns";
import { isWindowOpen, windowExpiry } from "../../../contracts/conversation-window";
import { ErrorCode } from "../../../contracts/errors";
import { AppError, notFound } from "../../platform/errors";
import { explain } from "../../platform/graph/meta-errors";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import { sendMessage } from "../messaging/outbound/send.service";
import { composeTemplate } from "../messaging/outbound/template-compose";
import { normalisePhone } from "../messaging/phone";
import type { TemplateRow } from "../templates/templates.repository";
import type { CampaignRow } from "./campaigns.repository";
import { priceOf } from "./prices";

type Row = CampaignDraft["recipients"][number];
type Verdict =
  | { kind: "send"; phone: string; isBillable: boolean }
  | { kind: "excluded" | "invalid"; phone: string; reason: string };

async function approvedTemplate(ctx: RequestContext, draft: CampaignDraft): Promise<TemplateRow> {
  if (!(await ctx.repos.connections.findById(draft.connectionId))) throw notFound("Connection");
  const template = await ctx.repos.templates.find(
    draft.connectionId,
    draft.template.name,
    draft.template.language,
  );
  if (template?.status !== "APPROVED") {
    throw new AppError(
      ErrorCode.templateNotApproved,
      `No approved template "${draft.template.name}" in ${draft.template.language} on this number`,
    );
  }
  return template;
}

/** What would happen to one row: sent (and charged or not), left out (opted out), or invalid. */
async function judge(
  ctx: RequestContext,
  draft: CampaignDraft,
  template: TemplateRow,
  row: Row,
  country: string,
): Promise<Verdict> {
  let phone: string;
  try {
    phone = normalisePhone(row.phone, country);
    composeTemplate(template, {
      ...draft.template,
      body: row.body,
      headerText: row.headerText,
      buttons: row.buttons,
    });
  } catch (error) {
    return {
      kind: "invalid",
      phone: row.phone,
      reason: error instanceof Error ? error.message.replace(/^body\./, "") : "invalid",
    };
  }
  const contact =
    (await ctx.repos.contacts.findByPhone(phone)) ?? (await ctx.repos.contacts.findByWaId(phone.slice(1)));
  if (contact?.optedOutAt && template.category === "MARKETING") {
    return { kind: "excluded", phone, reason: "the candidate asked to stop receiving messages" };
  }
  const conversation = contact
    ? await ctx.repos.conversations.findByContact(draft.connectionId, contact.id)
    : undefined;
  const windowOpen = isWindowOpen(windowExpiry(conversation?.lastInboundAt ?? null), Date.now());
  // Utility templates inside an open window are free since July 2025; marketing is always charged.
  return { kind: "send", phone, isBillable: template.category !== "UTILITY" || !windowOpen };
}

async function judgeAll(ctx: RequestContext, draft: CampaignDraft) {
  const template = await approvedTemplate(ctx, draft);
  const client = await ctx.repos.clients.findById(ctx.clientId);
  const verdicts: Verdict[] = [];
  for (const row of draft.recipients)
    verdicts.push(await judge(ctx, draft, template, row, client?.defaultCountry ?? "MA"));
  return { template, verdicts };
}

function summarise(ctx: RequestContext, template: TemplateRow, verdicts: Verdict[]): CampaignEstimate {
  const price = priceOf(ctx.deps.config.prices, template.category);
  const sendable = verdicts.filter((v) => v.kind === "send");
  const billable = sendable.filter((v) => v.kind === "send" && v.isBillable).length;
  return {
    total: verdicts.length,
    sendable: sendable.length,
    excludedOptedOut: verdicts.filter((v) => v.kind === "excluded").length,
    invalid: verdicts.flatMap((v, row) =>
      v.kind === "invalid" ? [{ row, phone: v.phone, reason: v.reason }] : [],
    ),
    category: template.category,
    billable,
    pricePerMessageMad: price,
    estimatedCostMad: Math.round(billable * price * 100) / 100,
    smsCostMad: Math.round(sendable.length * ctx.deps.config.prices.sms * 100) / 100,
  };
}

/** The bulk send's outcome before sending: who gets it, who is left out and why, and the cost. */
export async function estimateCampaign(ctx: RequestContext, draft: CampaignDraft): Promise<CampaignEstimate> {
  const { template, verdicts } = await judgeAll(ctx, draft);
  return summarise(ctx, template, verdicts);
}

/**
 * Sends the template to every valid, consenting recipient through the normal pipeline (one
 * message and one job each, paced per number and recipient). Idempotency keys per row make a
 * repeated request harmless.
 */
export async function createCampaign(ctx: RequestContext, body: z.infer<typeof CreateCampaignBody>) {
  const { template, verdicts } = await judgeAll(ctx, body);
  const estimate = summarise(ctx, template, verdicts);
  const campaign = await ctx.repos.campaigns.create({
    connectionId: body.connectionId,
    name: body.name,
    templateName: template.name,
    templateLanguage: template.language,
    category: template.category,
    recipientCount: verdicts.length,
    excludedCount: estimate.excludedOptedOut,
    estimatedCostMad: String(estimate.estimatedCostMad),
    createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
  });
  for (const [row, verdict] of verdicts.entries()) {
    const input = body.recipients[row]!;
    const base = {
      campaignId: campaign.id,
      row,
      phone: verdict.phone,
      name: input.name ?? null,
      variables: { body: input.body ?? [], headerText: input.headerText ?? [], buttons: input.buttons ?? [] },
    };
    if (verdict.kind !== "send") {
      await ctx.repos.campaigns.addRecipient({ ...base, outcome: verdict.kind, reason: verdict.reason });
      continue;
    }
    try {
      const message = await sendMessage(
        ctx,
        {
          connectionId: body.connectionId,
          to: verdict.phone,
          contactName: input.name,
          template: {
            ...body.template,
            body: input.body,
            headerText: input.headerText,
            buttons: input.buttons,
          },
        },
        `campaign:${campaign.id}:${row}`,
      );
      await ctx.repos.campaigns.addRecipient({ ...base, outcome: "queued", messageId: message.id });
    } catch (error) {
      await ctx.repos.campaigns.addRecipient({
        ...base,
        outcome: "invalid",
        reason: error instanceof Error ? error.message : "not sent",
      });
    }
  }
  await recordAudit(
    ctx,
    "campaign.sent",
    { type: "campaign", id: campaign.id },
    { recipients: verdicts.length, estimatedCostMad: estimate.estimatedCostMad },
  );
  return campaign;
}

/** Campaigns with their live progress and every recipient left out or failed, with the reason. */
async function withDetails(ctx: RequestContext, campaigns: CampaignRow[]) {
  const ids = campaigns.map((c) => c.id);
  const [counts, failures] = [
    await ctx.repos.campaigns.progressOf(ids),
    await ctx.repos.campaigns.failuresOf(ids),
  ];
  return campaigns.map((campaign) => {
    const count = counts.get(campaign.id) ?? {};
    return {
      campaign,
      progress: {
        queued: (count.queued ?? 0) + (count.sending ?? 0),
        sent: count.sent ?? 0,
        delivered: count.delivered ?? 0,
        read: count.read ?? 0,
        failed: count.failed ?? 0,
      },
      failures: (failures.get(campaign.id) ?? []).map((f) => ({
        phone: f.phone,
        name: f.name,
        kind: f.outcome === "queued" ? ("failed" as const) : ("not_sent" as const),
        reason:
          f.outcome === "queued"
            ? explain(f.errorCode ?? undefined, f.errorDetails ?? f.errorTitle ?? "failed")
            : (f.reason ?? f.outcome),
      })),
    };
  });
}

/** A campaign with its live progress and every recipient left out or failed, with the reason. */
export async function getCampaign(ctx: RequestContext, id: string) {
  const campaign = await ctx.repos.campaigns.findById(id);
  if (!campaign) throw notFound("Campaign");
  const [detailed] = await withDetails(ctx, [campaign]);
  return detailed!;
}

/** The recent campaigns with their details, in three queries whatever their number. */
export async function listCampaigns(ctx: RequestContext) {
  return withDetails(ctx, await ctx.repos.campaigns.list());
}
