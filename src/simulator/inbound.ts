import type { InjectInboundBody } from "../contracts/simulator";
import { unixString } from "./clock";
import type { SimContext } from "./context";
import { MetaError } from "./errors";
import { candidateFor } from "./graph/messages.routes";
import { newWamid } from "./ids";
import { mediaUrl, sampleMedia, storeMedia } from "./media-store";
import { describeMessage } from "./render";
import { digitsOf, type PhoneNumber, windowKey } from "./state";
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
    const name = candidateFor(ctx, body.from.replace(/\D/g, "")).profileName;
    const text =
      system.body ?? `User ${name} changed from ${body.from.replace(/\D/g, "")} to ${system.new_wa_id}`;
    return { part: { system: { body: text, wa_id: system.new_wa_id, type: system.type } }, mediaId: null };
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
  const id = newWamid(digitsOf(phone.displayPhoneNumber));
  const now = ctx.clock.now() - (body.sentSecondsAgo ?? 0) * 1000;
  const { part, mediaId } = contentOf(ctx, phone, body);
  const context = contextOf(ctx, phone, body);
  const item: Obj = {
    ...(context ? { context } : {}),
    from: waId,
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
