import { unixString } from "../clock";
import { type MetaErrorCode, webhookError } from "../errors";
import { digitsOf, type PhoneNumber } from "../state";

/** `value.metadata` for a business number: digits only, unlike Graph's formatted number. */
export function metadataOf(pn: PhoneNumber) {
  return { display_phone_number: digitsOf(pn.displayPhoneNumber), phone_number_id: pn.id };
}

/** `value` of a `messages` change carrying inbound messages. `system` messages carry no contacts. */
export function inboundValue(
  pn: PhoneNumber,
  contact: {
    waId: string;
    profileName: string;
    userId?: string | undefined;
    username?: string | undefined;
    hidesPhone?: boolean | undefined;
  } | null,
  messages: Record<string, unknown>[],
) {
  // Since April 2026 the BSUID rides along (`user_id`); a username-only user has no `wa_id`.
  const entry = contact && {
    profile: { name: contact.profileName, ...(contact.username ? { username: contact.username } : {}) },
    ...(contact.hidesPhone ? {} : { wa_id: contact.waId }),
    ...(contact.userId ? { user_id: contact.userId } : {}),
  };
  return {
    messaging_product: "whatsapp",
    metadata: metadataOf(pn),
    ...(entry ? { contacts: [entry] } : {}),
    messages,
  };
}

export type StatusName = "sent" | "delivered" | "read" | "failed";

export interface Pricing {
  billable: boolean;
  pricing_model: "PMP";
  type: "regular" | "free_customer_service" | "free_entry_point";
  category: string;
}

export interface StatusInput {
  wamid: string;
  status: StatusName;
  at: number;
  /** The recipient's phone; left out for a username-only recipient. */
  recipientId?: string | undefined;
  /** The recipient's business-scoped user id, when they have one. */
  recipientUserId?: string | undefined;
  bizOpaqueCallbackData?: string | undefined;
  pricing?: Pricing | undefined;
  /** Only for API versions before v24 (Meta dropped the object from v24 on). */
  conversation?: { id: string; expiresAt?: number; category: string } | undefined;
  error?: { code: MetaErrorCode; details?: string } | undefined;
}

export function statusItem(input: StatusInput) {
  return {
    id: input.wamid,
    status: input.status,
    timestamp: unixString(input.at),
    ...(input.recipientId ? { recipient_id: input.recipientId } : {}),
    ...(input.recipientUserId ? { recipient_user_id: input.recipientUserId } : {}),
    ...(input.bizOpaqueCallbackData ? { biz_opaque_callback_data: input.bizOpaqueCallbackData } : {}),
    ...(input.conversation
      ? {
          conversation: {
            id: input.conversation.id,
            ...(input.conversation.expiresAt
              ? { expiration_timestamp: unixString(input.conversation.expiresAt) }
              : {}),
            origin: { type: input.conversation.category },
          },
        }
      : {}),
    ...(input.pricing ? { pricing: input.pricing } : {}),
    ...(input.error ? { errors: [webhookError(input.error.code, input.error.details)] } : {}),
  };
}

export function statusesValue(pn: PhoneNumber, statuses: ReturnType<typeof statusItem>[]) {
  return { messaging_product: "whatsapp", metadata: metadataOf(pn), statuses };
}
