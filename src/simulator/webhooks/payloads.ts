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
  contact: { waId: string; profileName: string } | null,
  messages: Record<string, unknown>[],
) {
  return {
    messaging_product: "whatsapp",
    metadata: metadataOf(pn),
    ...(contact ? { contacts: [{ profile: { name: contact.profileName }, wa_id: contact.waId }] } : {}),
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
  recipientId: string;
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
    recipient_id: input.recipientId,
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
