import type { z } from "zod";
import type {
  AccountUpdateBody,
  AllowedRecipientsBody,
  CandidateBody,
  DailyLimitBody,
  DisplayNameDecisionBody,
  FailMediaBody,
  FailNextBody,
  InvalidateTokenBody,
  MessagingLimitBody,
  OutageBody,
  PaymentMethodBody,
  SeedTemplateBody,
  SpamRateLimitBody,
  TemplateDecisionBody,
  TemplateReviewRuleBody,
} from "../../contracts/simulator";
import type { SimContext } from "../context";
import { isMetaErrorCode, MetaError } from "../errors";
import { MANAGEMENT, MESSAGING } from "../graph/auth";
import { decideDisplayName } from "../graph/display-name-review";
import { adoptIdentity, candidateFor } from "../graph/messages.routes";
import { issueBusinessToken } from "../graph/oauth.routes";
import { setTemplateCategory, setTemplateQuality } from "../graph/template-review";
import { decideTemplate, presentTemplate } from "../graph/templates.routes";
import { newObjectId } from "../ids";
import type { Template, TemplateComponent } from "../state";

function knownCode(code: number) {
  if (!isMetaErrorCode(code))
    throw new MetaError(100, { details: `Error code ${code} is not in the simulator's catalogue.` });
  return code;
}

export function failNext(ctx: SimContext, body: z.output<typeof FailNextBody>) {
  const code = knownCode(body.code);
  for (let i = 0; i < body.count; i++)
    ctx.faults.failNext.push({ code, details: body.details ?? null, async: body.async });
  return { queued: ctx.faults.failNext.length };
}

export function failMedia(ctx: SimContext, body: z.output<typeof FailMediaBody>) {
  const code = knownCode(body.code);
  for (let i = 0; i < body.count; i++) ctx.faults.failMedia.push({ code, details: body.details ?? null });
  return { queued: ctx.faults.failMedia.length };
}

export function setOutage(ctx: SimContext, body: z.output<typeof OutageBody>) {
  ctx.faults.outage = { mode: body.mode, code: knownCode(body.code) };
  return { outage: ctx.faults.outage };
}

export function mintToken(ctx: SimContext, wabaId: string) {
  const waba = ctx.state.wabas.find((w) => w.id === wabaId);
  if (!waba) throw new MetaError(100, { details: `Unknown WABA ${wabaId}` });
  return { accessToken: issueBusinessToken(ctx, waba.id, waba.businessId).token };
}

export function decideName(
  ctx: SimContext,
  phoneNumberId: string,
  body: z.output<typeof DisplayNameDecisionBody>,
) {
  const phone = ctx.state.phoneNumbers.find((p) => p.id === phoneNumberId);
  if (!phone) throw new MetaError(100, { details: `Unknown phone number ${phoneNumberId}` });
  if (!decideDisplayName(ctx, phone, body.decision, body.reason))
    throw new MetaError(100, { details: "No display name is waiting for review on this number" });
  return { verifiedName: phone.verifiedName, nameStatus: phone.nameStatus };
}

export function invalidateToken(ctx: SimContext, body: z.output<typeof InvalidateTokenBody>) {
  const token = ctx.state.tokens.find((t) => t.token === body.token);
  if (!token) throw new MetaError(100, { details: "Unknown token" });
  token.valid = false;
  token.invalidReason = body.reason;
  ctx.persist();
  return { success: true };
}

/** `account_update` as Meta sends it when a customer removes (or grants) the app's access. */
export function accountUpdate(ctx: SimContext, body: z.output<typeof AccountUpdateBody>) {
  const waba = ctx.state.wabas.find((w) => w.id === body.wabaId);
  if (!waba) throw new MetaError(100, { details: `Unknown WABA ${body.wabaId}` });
  if (body.event === "PARTNER_APP_UNINSTALLED" && body.invalidateTokens) {
    for (const token of ctx.state.tokens) {
      const targets = token.granularScopes.filter((g) => g.scope === MANAGEMENT || g.scope === MESSAGING);
      if (targets.some((g) => g.target_ids.includes(waba.id))) {
        token.valid = false;
        token.invalidReason = "app_uninstalled";
      }
    }
  }
  // Partner events are emitted on the business entry and routed by waba_info (see meta-platform 4.7).
  ctx.webhooks.emit(waba.id, "account_update", {
    event: body.event,
    waba_info: { waba_id: waba.id, owner_business_id: waba.businessId, partner_app_id: ctx.options.appId },
  });
  ctx.persist();
  return { success: true };
}

export function seedTemplate(ctx: SimContext, body: z.output<typeof SeedTemplateBody>) {
  if (!ctx.state.wabas.some((w) => w.id === body.wabaId))
    throw new MetaError(100, { details: `Unknown WABA ${body.wabaId}` });
  const template: Template = {
    id: newObjectId(),
    wabaId: body.wabaId,
    name: body.name,
    language: body.language,
    category: body.category,
    status: body.status,
    parameterFormat: body.parameterFormat,
    components: body.components as unknown as TemplateComponent[],
    rejectedReason: "NONE",
    createdAt: ctx.clock.now(),
  };
  ctx.state.templates = ctx.state.templates.filter(
    (t) => !(t.wabaId === body.wabaId && t.name === body.name && t.language === body.language),
  );
  ctx.state.templates.push(template);
  ctx.persist();
  return presentTemplate(template);
}

function templateById(ctx: SimContext, templateId: string): Template {
  const template = ctx.state.templates.find((t) => t.id === templateId);
  if (!template) throw new MetaError(100, { details: `Unknown template ${templateId}` });
  return template;
}

export function decide(ctx: SimContext, templateId: string, body: z.output<typeof TemplateDecisionBody>) {
  const template = templateById(ctx, templateId);
  if (body.category) setTemplateCategory(ctx, template, body.category);
  if (body.quality) setTemplateQuality(ctx, template, body.quality);
  if (body.pacing !== undefined) {
    if (body.pacing) template.pacing = body.pacing;
    else delete template.pacing;
    ctx.persist();
  }
  if (body.status) decideTemplate(ctx, template, body.status, body.reason, body.title);
  return presentTemplate(template);
}

/** Meta deletes a template on its own side (or someone did in WhatsApp Manager): DELETED webhook. */
export function deleteAtMeta(ctx: SimContext, templateId: string) {
  const template = templateById(ctx, templateId);
  decideTemplate(ctx, template, "DELETED");
  ctx.state.templates = ctx.state.templates.filter((t) => t.id !== templateId);
  ctx.persist();
  return { success: true };
}

export function addReviewRule(ctx: SimContext, body: z.output<typeof TemplateReviewRuleBody>) {
  if (body.match.name !== undefined) {
    try {
      new RegExp(body.match.name);
    } catch {
      throw new MetaError(100, { details: `match.name is not a regular expression: ${body.match.name}` });
    }
  }
  ctx.templateReview.rules.push({
    ...(body.match.name !== undefined ? { nameMatches: body.match.name } : {}),
    ...(body.match.bodyContains !== undefined ? { bodyContains: body.match.bodyContains } : {}),
    ...(body.match.language !== undefined ? { language: body.match.language } : {}),
    decision: body.decision,
    ...(body.reason ? { reason: body.reason } : {}),
    ...(body.category ? { category: body.category } : {}),
  });
  return { rules: ctx.templateReview.rules };
}

export function upsertCandidate(ctx: SimContext, body: z.output<typeof CandidateBody>) {
  const candidate = candidateFor(ctx, body.waId.replace(/\D/g, ""), body.profileName);
  if (body.undeliverable !== undefined) candidate.undeliverable = body.undeliverable;
  if (body.stoppedMarketing !== undefined) candidate.stoppedMarketing = body.stoppedMarketing;
  adoptIdentity(candidate, { userId: body.userId, username: body.username, hidesPhone: body.hidesPhone });
  if (body.ecosystemLimited !== undefined) candidate.ecosystemLimited = body.ecosystemLimited;
  ctx.persist();
  return candidate;
}

/**
 * The portfolio's messaging limit changes: every number of the portfolio gets the tier (Meta sets
 * it per business portfolio), then the webhook. `phone_number_quality_update` names the number and
 * says the tier by name (`max_daily_conversations_per_business: "TIER_2K"`);
 * `business_capability_update` names none and says it as Meta's reference page does, in integers
 * (2000; -1 for unlimited), with the field removed in February 2026 beside it while `legacy` asks.
 * `value` replaces the webhook's value as it is, for tests of what Meta may send one day.
 */
export function setMessagingLimit(ctx: SimContext, body: z.output<typeof MessagingLimitBody>) {
  const phone = ctx.state.phoneNumbers.find((p) => p.id === body.phoneNumberId);
  if (!phone) throw new Error(`unknown phone number ${body.phoneNumberId}`);
  const waba = ctx.state.wabas.find((w) => w.id === phone.wabaId);
  const portfolio = ctx.state.wabas.filter((w) => w.businessId === waba?.businessId).map((w) => w.id);
  const numbers = ctx.state.phoneNumbers.filter((number) => portfolio.includes(number.wabaId));
  for (const number of numbers) number.messagingLimitTier = body.tier;
  if (body.field === "business_capability_update") {
    const count = countOfTier(body.tier);
    ctx.webhooks.emit(
      phone.wabaId,
      "business_capability_update",
      body.value ?? {
        ...(body.legacy ? { max_daily_conversation_per_phone: count } : {}),
        max_daily_conversations_per_business: count,
        max_phone_numbers_per_business: Math.max(2, numbers.length),
        max_phone_numbers_per_waba: Math.max(2, numbers.filter((n) => n.wabaId === phone.wabaId).length),
      },
    );
  } else {
    ctx.webhooks.emit(
      phone.wabaId,
      "phone_number_quality_update",
      body.value ?? {
        display_phone_number: phone.displayPhoneNumber.replace(/\D/g, ""),
        event: "UPGRADE",
        max_daily_conversations_per_business: body.tier,
      },
    );
  }
  ctx.persist();
  return { tier: body.tier };
}

/** A tier as `business_capability_update` says it: TIER_2K → 2000, unlimited → -1, not set → 0. */
function countOfTier(tier: string): number {
  if (tier === "TIER_UNLIMITED") return -1;
  const match = /^TIER_(\d+)(K?)$/.exec(tier);
  return match ? Number(match[1]) * (match[2] ? 1000 : 1) : 0;
}

/** The number's account loses or gets back a valid payment method (Meta sends no webhook for it). */
export function setPaymentMethod(ctx: SimContext, body: z.output<typeof PaymentMethodBody>) {
  const phone = ctx.state.phoneNumbers.find((p) => p.id === body.phoneNumberId);
  const waba = ctx.state.wabas.find((w) => w.id === phone?.wabaId);
  if (!waba) throw new Error(`unknown phone number ${body.phoneNumberId}`);
  waba.paymentMethodInvalid = !body.valid;
  ctx.persist();
  return { wabaId: waba.id, valid: body.valid };
}

function phoneById(ctx: SimContext, phoneNumberId: string) {
  const phone = ctx.state.phoneNumbers.find((p) => p.id === phoneNumberId);
  if (!phone) throw new MetaError(100, { details: `Unknown phone number ${phoneNumberId}` });
  return phone;
}

/** A test number's allowed recipients (as wa_ids, digits only); null lifts the list. */
export function setAllowedRecipients(ctx: SimContext, body: z.output<typeof AllowedRecipientsBody>) {
  const phone = phoneById(ctx, body.phoneNumberId);
  phone.allowedRecipients = body.waIds?.map((w) => w.replace(/\D/g, "")) ?? null;
  ctx.persist();
  return { phoneNumberId: phone.id, allowedRecipients: phone.allowedRecipients };
}

/** Meta's spam rate limit on or off for a number (Meta sends no webhook for it). */
export function setSpamRateLimit(ctx: SimContext, body: z.output<typeof SpamRateLimitBody>) {
  const phone = phoneById(ctx, body.phoneNumberId);
  phone.spamRateLimited = body.limited;
  ctx.persist();
  return { phoneNumberId: phone.id, limited: body.limited };
}

export function setDailyLimit(ctx: SimContext, body: z.output<typeof DailyLimitBody>) {
  ctx.faults.dailyLimit = { enforce: body.enforce, code: knownCode(body.code) };
  return { dailyLimit: ctx.faults.dailyLimit };
}

/** What the sandbox and tests need to find their way: the world, with ids and tokens. */
export function describeWorld(ctx: SimContext) {
  const { state } = ctx;
  return {
    appId: ctx.options.appId,
    facebookUser: state.facebookUser,
    businesses: state.businesses,
    wabas: state.wabas.map((w) => ({
      ...w,
      phoneNumbers: state.phoneNumbers
        .filter((p) => p.wabaId === w.id)
        .map(({ registrationAttempts, ...p }) => ({ ...p, registrationCalls: registrationAttempts.length })),
      templates: state.templates.filter((t) => t.wabaId === w.id).map(presentTemplate),
    })),
    candidates: state.candidates,
    tokens: state.tokens.map((t) => ({
      token: t.token,
      valid: t.valid,
      wabaIds: t.granularScopes.find((g) => g.scope === MESSAGING)?.target_ids ?? [],
    })),
    faults: ctx.faults,
    clock: { now: ctx.clock.now() },
  };
}
