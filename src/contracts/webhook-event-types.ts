// The events a client's webhook endpoints may subscribe to. Free of zod, like constants.ts, so the
// dashboard's settings page names them without the schema library.

export const WEBHOOK_EVENT_TYPES = [
  "message.received",
  "message.status",
  "conversation.assigned",
  "conversation.stage_changed",
  "conversation.labels_changed",
  "contact.opted_out",
  "contact.opted_in",
  "connection.updated",
  "template.updated",
  "campaign.finished",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
