import { randomInt } from "node:crypto";
import { graphMajorVersion } from "../../contracts/graph-versions";
import type { SimContext } from "../context";
import { MetaError } from "../errors";
import { newWamid } from "../ids";
import { describeMessage } from "../render";
import { type Candidate, digitsOf, type LoggedMessage, type PhoneNumber, windowKey } from "../state";
import { fetchThenSchedule, pricingFor, type StatusPlan, scheduleStatuses } from "../webhooks/statuses";
import { authenticate, MESSAGING, requireWabaAccess } from "./auth";
import { mediaLinksOf } from "./media-links";
import { graphParams } from "./params";
import type { SendLimits } from "./rate-limits";
import type { GraphRegistry } from "./registry";
import { invalid, missing, SEND_TYPES, validateContent } from "./validate-send";
import { validateTemplateSend } from "./validate-template";
import { normalizeRecipient, waIdFor } from "./wa-id";

type Obj = Record<string, unknown>;
const WINDOW_MS = 24 * 3600_000;

/** Finds or creates the candidate a business writes to; strangers are on WhatsApp by default. */
export function candidateFor(ctx: SimContext, waId: string, profileName?: string): Candidate {
  let candidate = ctx.state.candidates.find((c) => c.waId === waId);
  if (!candidate) {
    candidate = {
      waId,
      profileName: profileName ?? `Candidat ${waId.slice(-4)}`,
      undeliverable: false,
      stoppedMarketing: false,
    };
    ctx.state.candidates.push(candidate);
  } else if (profileName) {
    candidate.profileName = profileName;
  }
  return candidate;
}

const COUNTRY_OF_PREFIX: [string, string][] = [
  ["212", "MA"],
  ["213", "DZ"],
  ["216", "TN"],
  ["33", "FR"],
  ["34", "ES"],
  ["44", "GB"],
  ["1", "US"],
];

/** A new business-scoped user id as Meta shapes them: the user's country, a period, 20 digits. */
export function newBsuid(waId: string): string {
  const country = COUNTRY_OF_PREFIX.find(([prefix]) => waId.startsWith(prefix))?.[1] ?? "MA";
  return `${country}.${Array.from({ length: 20 }, (_, i) => randomInt(i === 0 ? 1 : 0, 10)).join("")}`;
}

/**
 * The candidate adopts a username, withholds their number or is given a BSUID: a username or a
 * withheld number needs a BSUID, minted if none was given.
 */
export function adoptIdentity(
  candidate: Candidate,
  identity: { userId?: string | undefined; username?: string | undefined; hidesPhone?: boolean | undefined },
): void {
  if (identity.userId) candidate.userId = identity.userId;
  if (identity.username !== undefined) candidate.username = identity.username;
  if (identity.hidesPhone !== undefined) candidate.hidesPhone = identity.hidesPhone;
  if (!candidate.userId && (candidate.username || candidate.hidesPhone))
    candidate.userId = newBsuid(candidate.waId);
}

export function isWindowOpen(ctx: SimContext, phoneNumberId: string, waId: string): boolean {
  const last = ctx.state.windows[windowKey(phoneNumberId, waId)];
  return last !== undefined && ctx.clock.now() - last < WINDOW_MS;
}

/**
 * `type` defaults to text; Meta's own examples also omit it on other kinds (its "Send Reply to List
 * Message"), so a body carrying exactly one content object is read as that type.
 */
function inferType(body: Obj): string {
  const present = SEND_TYPES.filter((t) => body[t] !== undefined);
  return present.length === 1 && present[0] ? present[0] : "text";
}

function markRead(ctx: SimContext, phone: PhoneNumber, body: Obj) {
  if (typeof body.message_id !== "string" || !body.message_id) throw missing("message_id");
  const target = ctx.state.messages.find((m) => m.id === body.message_id && m.direction === "in");
  if (!target && !body.message_id.startsWith("wamid."))
    throw invalid("message_id is not a valid WhatsApp message id.");
  if (body.typing_indicator !== undefined) {
    const indicator = body.typing_indicator as Obj | null;
    if (indicator?.type !== "text") throw invalid("typing_indicator['type'] must be \"text\".");
  }
  // Reading one message reads every earlier one in that chat, as on a real phone.
  if (target) {
    for (const m of ctx.state.messages) {
      if (
        m.direction === "in" &&
        m.phoneNumberId === phone.id &&
        m.waId === target.waId &&
        m.timestamp <= target.timestamp
      ) {
        m.status = "read";
      }
    }
    ctx.persist();
  }
  return { success: true };
}

function send(ctx: SimContext, limits: SendLimits, phone: PhoneNumber, body: Obj, version: string) {
  if (body.messaging_product === undefined) throw missing("messaging_product");
  if (body.messaging_product !== "whatsapp") {
    throw new MetaError(100, {
      message: `(#100) Param messaging_product must be one of {WHATSAPP} - got "${String(body.messaging_product)}".`,
    });
  }
  if (!phone.registered) {
    throw new MetaError(133010, {
      details: "The phone number is not registered on the WhatsApp Business Platform.",
    });
  }
  if (body.recipient_type !== undefined && body.recipient_type !== "individual") {
    throw invalid('recipient_type must be "individual" (group sends are not simulated).');
  }
  // `to` (a phone) wins over `recipient` (a BSUID) when both are given, as Meta documents.
  const byPhone = typeof body.to === "string" && body.to !== "";
  let waId: string;
  let byUserId: Candidate | null = null;
  if (byPhone) {
    const digits = normalizeRecipient(body.to as string, phone.displayPhoneNumber);
    // Meta's answer to a `to` it cannot read as a phone number (0033…, letters, a length no country has).
    if (!digits) throw new MetaError(100, { details: "Invalid parameter" });
    if (digits === digitsOf(phone.displayPhoneNumber)) throw new MetaError(131021);
    waId = waIdFor(digits);
  } else {
    if (typeof body.recipient !== "string" || !body.recipient) throw missing("to");
    byUserId = ctx.state.candidates.find((c) => c.userId === body.recipient) ?? null;
    if (!byUserId) throw invalid(`"${body.recipient}" is not a valid business-scoped user id.`);
    waId = byUserId.waId;
  }
  if (phone.allowedRecipients && !phone.allowedRecipients.includes(waId)) {
    throw new MetaError(131030, {
      details:
        "Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.",
    });
  }
  const type = typeof body.type === "string" ? body.type : inferType(body);

  let preview: string;
  let templateCategory: string | null = null;
  let messageStatus = "accepted";
  if (type === "template") {
    const template = body.template;
    if (typeof template !== "object" || template === null) throw missing("template");
    const checked = validateTemplateSend(ctx, phone.wabaId, template as Obj);
    preview = checked.preview;
    templateCategory = checked.template.category.toLowerCase();
    // Authentication templates (one-tap, zero-tap, copy code) still need the user's phone number.
    if (byUserId && templateCategory === "authentication")
      throw new MetaError(131062, {
        details: "Business-scoped User ID recipients are not supported for this message.",
      });
    // Template pacing (a new template's sends held while Meta judges its quality).
    messageStatus = checked.template.pacing ?? "accepted";
  } else {
    const mediaId = validateContent(type, body);
    if (mediaId && !ctx.state.media.some((m) => m.id === mediaId && m.wabaId === phone.wabaId)) {
      throw invalid(`Media id ${mediaId} is not valid for this phone number.`);
    }
    preview = describeMessage(type, body);
  }
  const inWindow = isWindowOpen(ctx, phone.id, waId);
  if (type !== "template" && !inWindow) {
    throw new MetaError(131047, {
      details:
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    });
  }

  const queued = ctx.faults.failNext[0];
  if (queued && !queued.async) {
    ctx.faults.failNext.shift();
    throw new MetaError(queued.code, queued.details ? { details: queued.details } : {});
  }
  limits.take(phone.id, waId);
  if (queued?.async) ctx.faults.failNext.shift();

  const candidate = candidateFor(ctx, waId);
  const message: LoggedMessage = {
    id: newWamid(waId),
    direction: "out",
    phoneNumberId: phone.id,
    waId,
    type,
    payload: body,
    preview,
    timestamp: ctx.clock.now(),
    status: "accepted",
  };
  ctx.state.messages.push(message);
  // Without a valid payment method, Meta fails what it would charge (131042), after accepting it.
  const unpaid =
    ctx.state.wabas.find((w) => w.id === phone.wabaId)?.paymentMethodInvalid === true &&
    pricingFor(templateCategory, inWindow, message.timestamp).billable;
  const overLimit =
    type === "template" && !inWindow && !reachWithinLimit(ctx, phone, waId, message.timestamp);
  const failure = queued?.async
    ? { code: queued.code, ...(queued.details ? { details: queued.details } : {}) }
    : phone.spamRateLimited
      ? {
          code: 131048 as const,
          details:
            "Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam.",
        }
      : overLimit
        ? {
            code: ctx.faults.dailyLimit.code,
            details:
              "Message failed to send because the business portfolio reached its messaging limit of unique users outside the customer service window in 24 hours.",
          }
        : unpaid
          ? { code: 131042 as const, details: "Business eligibility payment issue: no valid payment method." }
          : candidate.undeliverable
            ? {
                code: 131026 as const,
                details:
                  "Message Undeliverable: the recipient is not on WhatsApp or cannot receive this message.",
              }
            : templateCategory === "marketing" && candidate.stoppedMarketing
              ? {
                  code: 131050 as const,
                  details: "The user has stopped marketing messages from this business.",
                }
              : templateCategory === "marketing" && candidate.ecosystemLimited
                ? {
                    code: 131049 as const,
                    details: "This message was not delivered to maintain healthy ecosystem engagement.",
                  }
                : null;
  const plan: StatusPlan = {
    phone,
    message,
    apiVersionMajor: graphMajorVersion(version),
    templateCategory,
    inWindow,
    bizOpaqueCallbackData:
      typeof body.biz_opaque_callback_data === "string" ? body.biz_opaque_callback_data : undefined,
    failure,
  };
  // Media sent by link is fetched by Meta after the send was accepted: a link it cannot use fails
  // the message (131053) in a status webhook, the send's answer having said nothing.
  const links = mediaLinksOf(type, body);
  if (links.length === 0) scheduleStatuses(ctx, plan);
  else fetchThenSchedule(ctx, plan, links);
  ctx.persist();
  return {
    messaging_product: "whatsapp",
    contacts: [
      byUserId ? { input: body.recipient, user_id: byUserId.userId } : { input: body.to, wa_id: waId },
    ],
    messages: [{ id: message.id, ...(type === "template" ? { message_status: messageStatus } : {}) }],
  };
}

const DAY_MS = 24 * 3600_000;

/**
 * The portfolio's messaging limit (Meta's, per business portfolio since late 2025): a user reached
 * by a business-initiated message counts once in a moving 24 h; past the tier, new users are
 * refused when enforcement is on. Returns whether this send stays within the limit.
 */
function reachWithinLimit(ctx: SimContext, phone: PhoneNumber, waId: string, now: number): boolean {
  const businessId = ctx.state.wabas.find((w) => w.id === phone.wabaId)?.businessId ?? phone.wabaId;
  ctx.state.reachedUsers ??= {};
  const reached = ctx.state.reachedUsers[businessId] ?? {};
  ctx.state.reachedUsers[businessId] = reached;
  for (const [user, at] of Object.entries(reached)) if (now - at >= DAY_MS) delete reached[user];
  if (reached[waId] !== undefined) return true;
  const tier = /^TIER_(\d+)(K?)$/.exec(phone.messagingLimitTier);
  const limit = tier ? Number(tier[1]) * (tier[2] ? 1000 : 1) : null;
  if (ctx.faults.dailyLimit.enforce && limit !== null && Object.keys(reached).length >= limit) return false;
  reached[waId] = now;
  return true;
}

/** `POST /{phone-number-id}/messages`: sends, read receipts and typing indicators. */
export function registerMessageRoutes(registry: GraphRegistry, ctx: SimContext, limits: SendLimits): void {
  registry.on("phone", "messages", "POST", async ({ req, reply, node, version }) => {
    const body = graphParams(req);
    try {
      requireWabaAccess(authenticate(ctx, req), node.phone.wabaId, MESSAGING, node.id, "POST");
      const result =
        body.status === "read" && body.messaging_product === "whatsapp"
          ? markRead(ctx, node.phone, body)
          : send(ctx, limits, node.phone, body, version);
      record(ctx, node.id, version, body, 200, result);
      return result;
    } catch (err) {
      if (err instanceof MetaError) {
        const errorBody = err.toBody();
        record(ctx, node.id, version, body, err.status, errorBody);
        return reply.code(err.status).send(errorBody);
      }
      throw err;
    }
  });
}

function record(
  ctx: SimContext,
  phoneNumberId: string,
  apiVersion: string,
  body: unknown,
  status: number,
  response: unknown,
) {
  ctx.state.sent.push({
    at: ctx.clock.now(),
    apiVersion,
    phoneNumberId,
    body,
    responseStatus: status,
    response,
  });
  if (ctx.state.sent.length > 5000) ctx.state.sent.splice(0, ctx.state.sent.length - 5000);
  ctx.persist();
}
