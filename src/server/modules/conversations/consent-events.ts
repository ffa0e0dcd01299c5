import type { ContactResponse } from "../../../contracts/conversations";
import { contactKey, type PendingWebhookEvent, webhookEvent } from "../../platform/events/webhook-outbox";

/** `contact.opted_out` or `contact.opted_in` for the client's webhook endpoints, in the contact's order. */
export function consentEvent(
  state: "opted_out" | "opted_in",
  contact: ContactResponse,
  source: string | null,
): PendingWebhookEvent {
  return state === "opted_out"
    ? webhookEvent("contact.opted_out", { contact, source }, contactKey(contact.id))
    : webhookEvent("contact.opted_in", { contact, source }, contactKey(contact.id));
}
