import type { z } from "zod";
import type {
  CampaignDraft,
  CampaignEstimate,
  CampaignState,
  CreateCampaignBody,
  DropReason,
} from "../../../contracts/campaigns";
import { isWindowOpen, windowExpiry } from "../../../contracts/conversation-window";
import { ErrorCode } from "../../../contracts/errors";
import { DEFAULT_TIME_ZONE, wallTimeToInstant } from "../../../contracts/time-zone";
import type { Db } from "../../platform/db/client";
import { AppError, notFound, validationFailed } from "../../platform/errors";
import { event, recordEvents } from "../../platform/events/domain-events";
import { webhookEvent } from "../../platform/events/webhook-outbox";
import { explain } from "../../platform/graph/meta-errors";
import { jobIdOf } from "../../platform/jobs/define-job";
import { recordAudit } from "../audit/audit.service";
import { type ActorRef, actorRefOf, type RequestContext } from "../context";
import type { ContactRow } from "../conversations/contacts.repository";
import { assertWithinBudget, priceTemplateSends, smsPriceToday, unitPrice } from "../costs/costs.service";
import { sendMessage } from "../messaging/outbound/send.service";
import { composeTemplate } from "../messaging/outbound/template-compose";
import { normalisePhone } from "../messaging/phone";
import type { TemplateRow } from "../templates/templates.repository";
import { inTenantTransaction, type TenantRepositories } from "../tenant-repositories";
import { presentCampaign } from "./campaigns.presenter";
import type { CampaignRow, RecipientOutcome, RecipientRow } from "./campaigns.repository";
import { sendCampaignJobRef } from "./send-campaign.job-ref";

type Row = CampaignDraft["recipients"][number];
type Verdict =
  | { kind: "send"; phone: string; isWindowOpen: boolean }
  | { kind: "excluded" | "invalid"; phone: string; reason: string; code: DropReason }
  | { kind: "duplicate"; phone: string; sameAsRow: number };

export async function approvedTemplate(
  ctx: RequestContext,
  draft: Pick<CampaignDraft, "connectionId" | "template">,
): Promise<TemplateRow> {
  if (!(await ctx.repos.connections.findById(draft.connectionId))) throw notFound("Connection");
  const template = await ctx.repos.templates.find(
    draft.connectionId,
    draft.template.name,
    draft.template.language,
  );
  if (!template) {
    throw new AppError(
      ErrorCode.templateNotFound,
      `No template "${draft.template.name}" in ${draft.template.language} on this number`,
    );
  }
  if (template.status !== "APPROVED") {
    throw new AppError(
      ErrorCode.templateNotApproved,
      `No approved template "${draft.template.name}" in ${draft.template.language} on this number`,
    );
  }
  return template;
}

/** A row's number and values as Meta would take them, or why they cannot go. */
function readRow(
  draft: CampaignDraft,
  template: TemplateRow,
  row: Row,
  country: string,
): { phone: string } | { reason: string; code: DropReason } {
  if (!row.phone.trim()) return { reason: "no phone number", code: "no_phone" };
  let phone: string;
  try {
    phone = normalisePhone(row.phone, country);
  } catch (error) {
    return { reason: error instanceof Error ? error.message : "invalid", code: "invalid_phone" };
  }
  try {
    composeTemplate(template, {
      ...draft.template,
      body: row.body,
      headerText: row.headerText,
      buttons: row.buttons,
    });
    return { phone };
  } catch (error) {
    return {
      reason: error instanceof Error ? error.message.replace(/^body\./, "") : "invalid",
      code: "invalid_values",
    };
  }
}

/** What the client already knows of these numbers: each contact, and its chat on the campaign's number. */
async function knownCandidates(ctx: RequestContext, connectionId: string, phones: string[]) {
  const contacts = await ctx.repos.contacts.findByPhonesOrWaIds(
    phones,
    phones.map((phone) => phone.slice(1)),
  );
  const contactOf = new Map<string, ContactRow>();
  // A contact found by its WhatsApp id is the fallback; one found by its phone wins.
  for (const contact of contacts) if (contact.waId) contactOf.set(`+${contact.waId}`, contact);
  for (const contact of contacts) if (contact.phone) contactOf.set(contact.phone, contact);
  const conversations = await ctx.repos.conversations.findByContacts(
    connectionId,
    contacts.map((contact) => contact.id),
  );
  const conversationOf = new Map(conversations.map((conversation) => [conversation.contactId, conversation]));
  return (phone: string) => {
    const contact = contactOf.get(phone);
    return { contact, conversation: contact ? conversationOf.get(contact.id) : undefined };
  };
}

/**
 * Every row's verdict: sent (and charged or not), left out (opted out), invalid, or a duplicate.
 * One person gets one message however their number was typed: rows are compared once written the
 * international way (local, 00, +, Arabic-Indic digits all alike), and a later row with a number
 * already seen is a duplicate of the first. The candidates already known are read in a few queries
 * for the whole file.
 */
async function judgeAll(ctx: RequestContext, draft: CampaignDraft) {
  const template = await approvedTemplate(ctx, draft);
  const client = await ctx.repos.clients.findById(ctx.clientId);
  const country = client?.defaultCountry ?? "MA";
  const read = draft.recipients.map((row) => readRow(draft, template, row, country));
  const phones = [...new Set(read.flatMap((r) => ("phone" in r ? [r.phone] : [])))];
  const known = await knownCandidates(ctx, draft.connectionId, phones);
  const now = Date.now();
  const verdicts: Verdict[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [index, row] of read.entries()) {
    if (!("phone" in row)) {
      verdicts.push({
        kind: "invalid",
        phone: draft.recipients[index]!.phone,
        reason: row.reason,
        code: row.code,
      });
      continue;
    }
    const first = firstRowOf.get(row.phone);
    if (first !== undefined) {
      verdicts.push({ kind: "duplicate", phone: row.phone, sameAsRow: first });
      continue;
    }
    firstRowOf.set(row.phone, index);
    const { contact, conversation } = known(row.phone);
    if (contact?.optedOutAt && template.category === "MARKETING") {
      verdicts.push({
        kind: "excluded",
        phone: row.phone,
        reason: "the candidate asked to stop receiving messages",
        code: "opted_out",
      });
      continue;
    }
    const windowOpen = isWindowOpen(windowExpiry(conversation?.lastInboundAt ?? null), now);
    verdicts.push({ kind: "send", phone: row.phone, isWindowOpen: windowOpen });
  }
  return { template, verdicts };
}

/**
 * The estimate, priced as the ledger will price the messages once delivered: each candidate's
 * market from their number, the template's category, free inside the window for utility.
 */
async function summarise(
  ctx: RequestContext,
  template: TemplateRow,
  verdicts: Verdict[],
  rows: Pick<Row, "name">[],
): Promise<CampaignEstimate> {
  const sendable = verdicts.flatMap((v) => (v.kind === "send" ? [v] : []));
  const prices = await priceTemplateSends(ctx, template.category, sendable);
  const billable = prices.filter((p) => p.isBillable);
  const estimated = billable.reduce((sum, p) => sum + p.amountMad, 0);
  const unit = await unitPrice(ctx, template.category);
  const sms = await smsPriceToday(ctx);
  return {
    total: verdicts.length,
    dropped: verdicts.flatMap((v, row): CampaignEstimate["dropped"] => {
      if (v.kind === "send") return [];
      const name = rows[row]?.name ?? null;
      return v.kind === "duplicate"
        ? [
            {
              row,
              phone: v.phone,
              name,
              code: "duplicate" as const,
              reason: `same number as row ${v.sameAsRow + 1}`,
              sameAsRow: v.sameAsRow,
            },
          ]
        : [{ row, phone: v.phone, name, code: v.code, reason: v.reason, sameAsRow: null }];
    }),
    sendable: sendable.length,
    excludedOptedOut: verdicts.filter((v) => v.kind === "excluded").length,
    invalid: verdicts.flatMap((v, row) =>
      v.kind === "invalid" ? [{ row, phone: v.phone, reason: v.reason }] : [],
    ),
    duplicates: verdicts.flatMap((v, row) =>
      v.kind === "duplicate" ? [{ row, phone: v.phone, sameAsRow: v.sameAsRow }] : [],
    ),
    category: template.category,
    billable: billable.length,
    pricePerMessageMad:
      billable.length > 0 ? Math.round((estimated / billable.length) * 10_000) / 10_000 : unit,
    estimatedCostMad: Math.round(estimated * 100) / 100,
    smsCostMad: Math.round(sendable.length * sms * 100) / 100,
  };
}

/** The bulk send's outcome before sending: who gets it, who is left out and why, and the cost. */
export async function estimateCampaign(ctx: RequestContext, draft: CampaignDraft): Promise<CampaignEstimate> {
  const { template, verdicts } = await judgeAll(ctx, draft);
  return summarise(ctx, template, verdicts, draft.recipients);
}

/** When a campaign given a date and time of the client's time zone starts; null to start now. */
async function startOf(ctx: RequestContext, scheduledAt: string | undefined): Promise<Date | null> {
  if (!scheduledAt) return null;
  const client = await ctx.repos.clients.findById(ctx.clientId);
  const at = wallTimeToInstant(scheduledAt, client?.timeZone ?? "Africa/Casablanca");
  // A minute's grace: "now" picked in the form is a few seconds old once sent.
  if (at.getTime() < Date.now() - 60_000) throw validationFailed("scheduledAt", "is in the past");
  return at.getTime() > Date.now() ? at : null;
}

/**
 * Creates the campaign and its recipients, each with its verdict, and queues its first round
 * (`campaigns.send`) in the same transaction: the request answers at once, however many rows, and
 * round after round (`sendCampaignRound`) creates each message through the normal send pipeline
 * (one message and one job each, paced per number and recipient).
 */
export async function createCampaign(
  ctx: RequestContext,
  body: z.infer<typeof CreateCampaignBody>,
  followUpOf: string | null = null,
) {
  const { template, verdicts } = await judgeAll(ctx, body);
  const estimate = await summarise(ctx, template, verdicts, body.recipients);
  const startsAt = await startOf(ctx, body.scheduledAt);
  // Past the month's budget, or taking it past, the campaign waits for an owner to raise it.
  await assertWithinBudget(ctx, estimate.estimatedCostMad);
  const campaign = await ctx.transaction(async (repos, tx) => {
    const created = await repos.campaigns.create({
      connectionId: body.connectionId,
      name: body.name,
      templateName: template.name,
      templateLanguage: template.language,
      category: template.category,
      recipientCount: verdicts.length,
      excludedCount: estimate.excludedOptedOut,
      estimatedCostMad: String(estimate.estimatedCostMad),
      createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
      status: startsAt ? "scheduled" : "sending",
      scheduledAt: startsAt,
      followUpOf,
    });
    await repos.campaigns.addRecipients(
      verdicts.map((verdict, row) => {
        const input = body.recipients[row]!;
        return {
          campaignId: created.id,
          row,
          phone: verdict.phone,
          name: input.name ?? null,
          variables: {
            body: input.body ?? [],
            headerText: input.headerText ?? [],
            buttons: input.buttons ?? [],
          },
          ...outcomeOf(verdict),
        };
      }),
    );
    await ctx.deps.queue.enqueue(
      sendCampaignJobRef,
      { clientId: ctx.clientId, campaignId: created.id, actor: actorRefOf(ctx.actor), chain: "0", round: 0 },
      {
        tx,
        id: jobIdOf(sendCampaignJobRef.name, created.id, "0", "0"),
        ...(startsAt ? { startAfter: startsAt } : {}),
      },
    );
    return created;
  });
  await recordAudit(
    ctx,
    startsAt ? "campaign.scheduled" : "campaign.sent",
    { type: "campaign", id: campaign.id },
    {
      recipients: verdicts.length,
      duplicates: estimate.duplicates.length,
      estimatedCostMad: estimate.estimatedCostMad,
      ...(startsAt ? { scheduledAt: startsAt.toISOString() } : {}),
      ...(followUpOf ? { followUpOf } : {}),
    },
  );
  return campaign;
}

function outcomeOf(verdict: Verdict) {
  switch (verdict.kind) {
    case "send":
      return { outcome: "pending" as const, reason: null };
    case "duplicate":
      return { outcome: "duplicate" as const, reason: `same number as row ${verdict.sameAsRow + 1}` };
    default:
      return { outcome: verdict.kind, reason: verdict.reason };
  }
}

/** At most this many recipients a round (one `campaigns.send` job). */
export const RECIPIENTS_PER_ROUND = 100;
/** A round takes no more recipients after this, to end well inside its job's expiry on a loaded machine. */
const ROUND_TIME_MS = 10_000;

/**
 * One round of a campaign (one `campaigns.send` job): creates the messages of its next pending
 * recipients, in file order, then, in one transaction, records each recipient's outcome and
 * queues the next round when some may be left. A message's idempotency key is its campaign and
 * row, and the next round's job id is fixed by the campaign and the round's number: a round run
 * again (its process was killed, its attempt expired) creates no message twice, whether or not
 * the first run got as far as recording them, and queues no second next round. Returns how many
 * recipients it took.
 */
export async function sendCampaignRound(
  ctx: RequestContext,
  job: { campaignId: string; actor: ActorRef; chain: string; round: number },
  options: { isLastAttempt: boolean; limit?: number },
): Promise<number> {
  const campaign = await ctx.repos.campaigns.findById(job.campaignId);
  if (!campaign || !(await mayGoOn(ctx, campaign))) return 0;
  const hold = await holdOf(ctx, campaign);
  if (hold === "ended") return 0;
  if (hold) {
    await waitAndComeBack(ctx, campaign, job, [], hold);
    return 0;
  }
  const limit = options.limit ?? RECIPIENTS_PER_ROUND;
  const recipients = await ctx.repos.campaigns.pendingRecipients(campaign.id, limit);
  const started = Date.now();
  const settled: ({ id: string } & RecipientOutcome)[] = [];
  let limitHit: Hold | undefined;
  for (const recipient of recipients) {
    if (Date.now() - started > ROUND_TIME_MS) break;
    const outcome = await queueRecipient(ctx, campaign, recipient, options);
    if ("waitUntil" in outcome) {
      // The portfolio's messaging limit: this recipient and the next stay pending until the window rolls.
      limitHit = { waitingReason: "waiting_for_messaging_limit", waitingUntil: outcome.waitUntil };
      break;
    }
    settled.push({ id: recipient.id, ...outcome });
  }
  if (limitHit) {
    await waitAndComeBack(ctx, campaign, job, settled, limitHit);
    return settled.length;
  }
  const someLeft = settled.length < recipients.length || recipients.length === limit;
  await ctx.transaction(async (repos, tx) => {
    await repos.campaigns.settleRecipients(settled);
    if (campaign.waitingReason)
      await repos.campaigns.update(campaign.id, { waitingReason: null, waitingUntil: null });
    if (!someLeft) return finishCampaignIn(repos, tx, ctx.clientId, campaign.id);
    await queueNextRound(ctx, tx, job);
  });
  return settled.length;
}

type RoundJob = { campaignId: string; actor: ActorRef; chain: string; round: number };

/**
 * Queues the round after `job` in the caller's transaction, at once or when a wait ends. Its job id
 * is fixed by the campaign, the chain and the round's number: a round run twice queues it once.
 */
async function queueNextRound(ctx: RequestContext, tx: Db, job: RoundJob, startAfter?: Date) {
  const next = job.round + 1;
  await ctx.deps.queue.enqueue(
    sendCampaignJobRef,
    { clientId: ctx.clientId, campaignId: job.campaignId, actor: job.actor, chain: job.chain, round: next },
    {
      tx,
      id: jobIdOf(sendCampaignJobRef.name, job.campaignId, job.chain, String(next)),
      ...(startAfter ? { startAfter } : {}),
    },
  );
}

type Hold = { waitingReason: NonNullable<CampaignRow["waitingReason"]>; waitingUntil: Date };

/**
 * Why the campaign may not send now: its template paused by Meta (checked again later), disabled
 * (the campaign ends: what is left cannot go), or a wait still running (Meta's spam rate limit on
 * the number, the messaging limit's window).
 */
async function holdOf(ctx: RequestContext, campaign: CampaignRow): Promise<Hold | "ended" | undefined> {
  const template = await ctx.repos.templates.find(
    campaign.connectionId,
    campaign.templateName,
    campaign.templateLanguage,
  );
  if (template?.status === "DISABLED") {
    await abandonPendingRecipients(ctx, campaign.id, explain(132016, "template disabled"));
    await finishCampaign(ctx.deps.database.db, ctx.clientId, campaign.id);
    return "ended";
  }
  const { templatePauseRecheckSeconds } = ctx.deps.config.sending;
  if (template?.status === "PAUSED")
    return {
      waitingReason: "template_paused",
      waitingUntil: new Date(Date.now() + templatePauseRecheckSeconds * 1000),
    };
  const until = campaign.waitingUntil;
  if (campaign.waitingReason && campaign.waitingReason !== "template_paused" && until && until > new Date())
    return { waitingReason: campaign.waitingReason, waitingUntil: until };
  return undefined;
}

/**
 * Records the round's recipients, the campaign's wait with its reason, and queues the next round
 * for when the wait ends (its job id fixed by its number, as any round's), in one transaction.
 */
async function waitAndComeBack(
  ctx: RequestContext,
  campaign: CampaignRow,
  job: RoundJob,
  settled: ({ id: string } & RecipientOutcome)[],
  hold: Hold,
) {
  await ctx.transaction(async (repos, tx) => {
    await repos.campaigns.settleRecipients(settled);
    await repos.campaigns.update(campaign.id, hold);
    await queueNextRound(ctx, tx, job, hold.waitingUntil);
  });
}

/**
 * A recipient's message, created through the normal send pipeline, or why it cannot go. An
 * error that is not about the recipient (the database went away) fails the round, to be run
 * again, unless it is the round's last attempt.
 */
async function queueRecipient(
  ctx: RequestContext,
  campaign: CampaignRow,
  recipient: RecipientRow,
  options: { isLastAttempt: boolean },
): Promise<RecipientOutcome | { waitUntil: Date }> {
  const variables = recipient.variables as Pick<
    CampaignDraft["recipients"][number],
    "body" | "headerText" | "buttons"
  >;
  try {
    const message = await sendMessage(
      ctx,
      {
        connectionId: campaign.connectionId,
        to: recipient.phone,
        contactName: recipient.name ?? undefined,
        template: { name: campaign.templateName, language: campaign.templateLanguage, ...variables },
      },
      // A failed message sent again is a new message: its try is in its key.
      `campaign:${campaign.id}:${recipient.row}${recipient.attempt > 0 ? `:${recipient.attempt}` : ""}`,
    );
    await ctx.repos.conversations.update(message.conversationId, { campaignId: campaign.id });
    return { outcome: "queued", messageId: message.id };
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.messagingLimitReached) {
      const rollsAt = (error.details as { rollsAt?: string } | undefined)?.rollsAt;
      return { waitUntil: rollsAt ? new Date(rollsAt) : new Date(Date.now() + 60_000) };
    }
    if (!(error instanceof AppError) && !options.isLastAttempt) throw error;
    return { outcome: "invalid", reason: error instanceof Error ? error.message : "not sent" };
  }
}

/**
 * Whether a campaign's job may create its next messages: a scheduled one starts (once its time has
 * come), a sending one goes on, a paused or cancelled one stops until resumed (or for good).
 */
async function mayGoOn(ctx: RequestContext, campaign: CampaignRow): Promise<boolean> {
  if (campaign.status === "sending") return true;
  if (campaign.status !== "scheduled") return false;
  if (campaign.scheduledAt && campaign.scheduledAt.getTime() > Date.now() + 1_000) return false;
  const started = await ctx.transaction(async (repos, tx) => {
    const row = await repos.campaigns.transition(campaign.id, ["scheduled"], "sending");
    if (row)
      await recordEvents(tx, ctx.clientId, [
        event("campaign:updated", { campaignId: row.id, status: "sending" }),
      ]);
    return row;
  });
  return started !== undefined;
}

/** Every pending recipient of a campaign left unsent, with the reason (its sender lost access). */
export async function abandonPendingRecipients(
  ctx: Pick<RequestContext, "repos">,
  campaignId: string,
  reason: string,
) {
  for (;;) {
    const recipients = await ctx.repos.campaigns.pendingRecipients(campaignId, 500);
    if (recipients.length === 0) return;
    for (const recipient of recipients)
      await ctx.repos.campaigns.settleRecipient(recipient.id, { outcome: "invalid", reason });
  }
}

/**
 * Once every recipient is handed to the send pipeline (or left out), marks the campaign finished
 * and queues `campaign.finished` for the client's webhook endpoints, in one transaction: a retried
 * job finds it finished and announces nothing twice.
 */
export async function finishCampaign(db: Db, clientId: string, campaignId: string): Promise<void> {
  await inTenantTransaction(db, clientId, (repos, tx) => finishCampaignIn(repos, tx, clientId, campaignId));
}

/**
 * Marks the campaign finished, once, and in the caller's transaction tells the client's dashboards
 * (`campaign:updated`) and queues `campaign.finished` for its webhook endpoints, however it ended:
 * its last round, a template Meta disabled, or its sender losing access.
 */
async function finishCampaignIn(repos: TenantRepositories, tx: Db, clientId: string, campaignId: string) {
  const finished = await repos.campaigns.markFinished(campaignId);
  if (!finished) return;
  const [details] = await withDetails({ repos, clientId }, [finished]);
  await recordEvents(tx, clientId, [
    event("campaign:updated", { campaignId, status: "finished" }),
    webhookEvent(
      "campaign.finished",
      { campaign: presentCampaign(finished, details!) },
      `campaign:${campaignId}`,
    ),
  ]);
}

/** Campaigns with their live progress and every recipient left out or failed, with the reason. */
async function withDetails(ctx: Pick<RequestContext, "repos" | "clientId">, campaigns: CampaignRow[]) {
  const ids = campaigns.map((c) => c.id);
  const [counts, failures, funnels, client] = [
    await ctx.repos.campaigns.progressOf(ids),
    await ctx.repos.campaigns.failuresOf(ids),
    await ctx.repos.campaigns.funnelOf(ids),
    await ctx.repos.clients.findById(ctx.clientId),
  ];
  return campaigns.map((campaign) => {
    const count = counts.get(campaign.id) ?? {};
    const funnel = funnels.get(campaign.id) ?? {};
    const n = (key: string) => funnel[key] ?? 0;
    return {
      campaign,
      status: stateOf(campaign, count.pending ?? 0),
      timeZone: client?.timeZone ?? DEFAULT_TIME_ZONE,
      funnel: {
        recipients: n("recipients"),
        dropped: n("dropped"),
        queued: n("queued"),
        sent: n("sent"),
        delivered: n("delivered"),
        read: n("read"),
        replied: n("replied"),
        failed: n("failed"),
        cancelled: n("cancelled"),
        replyRate: n("sent") > 0 ? n("replied") / n("sent") : 0,
      },
      progress: {
        queued: (count.pending ?? 0) + (count.queued ?? 0) + (count.sending ?? 0),
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

/** A campaign's state as shown: one sending with nothing left to create is finished. */
export function stateOf(campaign: CampaignRow, pending: number): CampaignState {
  return campaign.status === "sending" && pending === 0 ? "finished" : campaign.status;
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
