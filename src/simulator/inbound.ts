import type { InjectInboundBody } from "../contracts/simulator";
import { unixString } from "./clock";
import type { SimContext } from "./context";
import { MetaError } from "./errors";
import { adoptIdentity, candidateFor, newBsuid } from "./graph/messages.routes";
import { newWamid } from "./ids";
import { mediaUrl, sampleMedia, storeMedia } from "./media-store";
import { describeMessage } from "./render";
import { type Candidate, digitsOf, type PhoneNumber, windowKey } from "./state";
import { inboundValue } from "./webhooks/payloads";

type Obj = Record<string, unknown>;
const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;

function mediaPart(
  ctx: SimContext,
  phone: PhoneNumber,
  body: InjectInboundBody,
  type: (typeof MEDIA_TYPES)[number],
) {
  const input = body[type] ?? {};
  const sample = sampleMedia(type);
  const bytes = input.data_base64 ? Buffer.from(input.data_base64, "base64") : sample.bytes;
  const media = storeMedia(ctx, {
    wabaId: phone.wabaId,
    phoneNumberId: phone.id,
    mimeType: input.mime_type ?? sample.mimeType,
    bytes,
    filename: input.filename ?? sample.filename ?? null,
  });
  const content: Obj = {
    ...(input.caption ? { caption: input.caption } : {}),
    ...(type === "document" ? { filename: media.filename ?? "document" } : {}),
    mime_type: media.mimeType,
    sha256: media.sha256,
    id: media.id,
    // Meta started adding a download URL to media webhooks in late 2025.
    url: mediaUrl(ctx, media),
    ...(type === "audio" ? { voice: input.voice ?? true } : {}),
    ...(type === "sticker" ? { animated: input.animated ?? false } : {}),
  };
  return { content, mediaId: media.id };
}

function contextOf(ctx: SimContext, phone: PhoneNumber, body: InjectInboundBody): Obj | null {
  const c = body.context;
  if (!c) return null;
  if (c.forwarded) return { forwarded: true };
  if (c.frequently_forwarded) return { frequently_forwarded: true };
  if (!c.message_id) return null;
  const quoted = ctx.state.messages.find((m) => m.id === c.message_id);
  const from = quoted?.direction === "in" ? quoted.waId : digitsOf(phone.displayPhoneNumber);
  return { from, id: c.message_id, ...(c.referred_product ? { referred_product: c.referred_product } : {}) };
}

function referralOf(referral: Obj): Obj {
  return {
    source_url: "https://fb.me/3cr4Wqqkv",
    source_id: "120226305854810726",
    source_type: "ad",
    body: "Offres d'emploi à Casablanca : postulez sur WhatsApp",
    headline: "Nous recrutons !",
    media_type: "image",
    image_url: "https://scontent.xx.fbcdn.net/v/t45.1-simulated",
    ctwa_clid: "Aff-simulated-click-id",
    welcome_message: { text: "Bonjour ! Dites-nous quel poste vous intéresse." },
    ...referral,
  };
}

/**
 * A number or BSUID change, applied to the candidate: a new number moves them (and mints a new
 * BSUID when they had one), a new BSUID alone replaces it. Since August 2026 both carry the
 * previous BSUID (`previous_user_id`) beside the new one (`user_id`), as Meta's system-message
 * reference does.
 */
function systemChange(ctx: SimContext, waId: string, system: NonNullable<InjectInboundBody["system"]>): Obj {
  const candidate = candidateFor(ctx, waId);
  const previousUserId = candidate.userId;
  if (system.type === "user_changed_user_id") {
    candidate.userId = newBsuid(candidate.waId);
    return {
      body: system.body ?? `User ${candidate.profileName} changed their business-scoped user id`,
      type: system.type,
      user_id: candidate.userId,
      ...(previousUserId ? { previous_user_id: previousUserId } : {}),
    };
  }
  const newWaId = system.new_wa_id.replace(/\D/g, "");
  const moved: Candidate = candidateFor(ctx, newWaId, candidate.profileName);
  if (previousUserId) {
    moved.userId = newBsuid(newWaId);
    moved.username = candidate.username;
    moved.hidesPhone = candidate.hidesPhone;
  }
  return {
    body: system.body ?? `User ${candidate.profileName} changed from ${waId} to ${newWaId}`,
    wa_id: newWaId,
    type: system.type,
    ...(moved.userId && previousUserId ? { user_id: moved.userId, previous_user_id: previousUserId } : {}),
  };
}

/** The type-specific part of a webhook `messages[]` item. */
function contentOf(
  ctx: SimContext,
  phone: PhoneNumber,
  body: InjectInboundBody,
): { part: Obj; mediaId: string | null } {
  const type = body.type;
  if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const { content, mediaId } = mediaPart(ctx, phone, body, type as (typeof MEDIA_TYPES)[number]);
    return { part: { [type]: content }, mediaId };
  }
  if (type === "unsupported") {
    // Inbound errors use the title "Message type unknown" and carry no href, unlike status errors.
    const title = "Message type unknown";
    const error = {
      code: 131051,
      title,
      message: title,
      error_data: { details: "Message type is currently not supported." },
    };
    return { part: { errors: [error] }, mediaId: null };
  }
  if (type === "system") {
    const system = body.system;
    if (!system) throw new MetaError(100, { details: "system is required for type system" });
    return { part: { system: systemChange(ctx, body.from.replace(/\D/g, ""), system) }, mediaId: null };
  }
  const value =
    body[type as "text" | "location" | "contacts" | "interactive" | "button" | "reaction" | "order"];
  if (value === undefined) throw new MetaError(100, { details: `${type} is required for type ${type}` });
  return { part: { [type]: value }, mediaId: null };
}

/**
 * Plays a candidate writing to a business number: records the message, opens the 24-hour window
 * and emits the `messages` webhook in Meta's inbound shape.
 */
export function injectInbound(
  ctx: SimContext,
  body: InjectInboundBody,
): { id: string; mediaId: string | null } {
  const phone = ctx.state.phoneNumbers.find((p) => p.id === body.phoneNumberId);
  if (!phone) throw new MetaError(100, { details: `Unknown phone number id ${body.phoneNumberId}` });
  const waId = body.from.replace(/\D/g, "");
  const candidate = candidateFor(ctx, waId, body.profileName);
  adoptIdentity(candidate, { userId: body.userId, username: body.username, hidesPhone: body.withoutPhone });
  // Who sent it, as the business knew them before a system change applies.
  const sender = { hidesPhone: candidate.hidesPhone, userId: candidate.userId };
  const id = newWamid(digitsOf(phone.displayPhoneNumber));
  const now = ctx.clock.now() - (body.sentSecondsAgo ?? 0) * 1000;
  const { part, mediaId } = contentOf(ctx, phone, body);
  const context = contextOf(ctx, phone, body);
  const item: Obj = {
    ...(context ? { context } : {}),
    ...(sender.hidesPhone ? {} : { from: waId }),
    ...(sender.userId ? { from_user_id: sender.userId } : {}),
    id,
    timestamp: unixString(now),
    ...(body.referral ? { referral: referralOf(body.referral) } : {}),
    type: body.type,
    ...part,
  };
  ctx.state.messages.push({
    id,
    direction: "in",
    phoneNumberId: phone.id,
    waId,
    type: body.type,
    payload: item,
    preview: describeMessage(body.type, item),
    timestamp: now,
    status: "delivered",
  });
  // Any message from the user (re)opens the customer service window; system notices don't.
  if (body.type !== "system") ctx.state.windows[windowKey(phone.id, waId)] = now;
  if (body.type === "text" && /^\s*(stop|arr[eê]t)\s*$/i.test(body.text?.body ?? ""))
    candidate.stoppedMarketing = true;
  const contact = body.type === "system" ? null : candidate;
  ctx.webhooks.emit(phone.wabaId, "messages", inboundValue(phone, contact, [item]));
  ctx.persist();
  return { id, mediaId };
}
