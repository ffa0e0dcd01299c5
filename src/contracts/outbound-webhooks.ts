// Outbound webhooks: the endpoints a client registers, the events they receive, and the delivery
// log. Events are signed following the Standard Webhooks specification (webhook-id,
// webhook-timestamp, webhook-signature); their payloads are described here once, for the API's
// routes and for the OpenAPI document's `webhooks` section.
import { z } from "zod";
import { CampaignResponse } from "./campaigns";
import { ConnectionResponse } from "./connections";
import { ContactResponse, ConversationResponse } from "./conversations";
import { MessageResponse } from "./messages";
import { LabelResponse, StageResponse } from "./pipeline";
import { TemplateResponse } from "./templates";
import { WEBHOOK_EVENT_TYPES } from "./webhook-event-types";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./webhook-event-types";

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** The data of each event type, under the envelope's `data`. */
export const WEBHOOK_EVENT_DATA = {
  "message.received": z.object({ message: MessageResponse, conversation: ConversationResponse }),
  "message.status": z.object({ message: MessageResponse }),
  "conversation.assigned": z.object({
    conversation: ConversationResponse,
    /** The user now assigned; null when the conversation was unassigned. */
    assigneeId: z.uuid().nullable(),
  }),
  "conversation.stage_changed": z.object({
    conversation: ConversationResponse,
    /** The stage now (null: none); `kind: closed` means the hiring ended for the candidate. */
    stage: StageResponse.nullable(),
    previousStage: StageResponse.nullable(),
    /** `stage_deleted`: the stage was deleted and its chats moved to another or to none. */
    reason: z.enum(["changed", "stage_deleted"]),
  }),
  "conversation.labels_changed": z.object({
    conversation: ConversationResponse,
    /** Every label on the chat now. */
    labels: z.array(LabelResponse),
    added: z.array(LabelResponse),
    removed: z.array(LabelResponse),
  }),
  "contact.opted_out": z.object({
    contact: ContactResponse,
    /** Where the choice came from: the candidate's words on WhatsApp, or a recruiter's note. */
    source: z.string().nullable(),
  }),
  "contact.opted_in": z.object({ contact: ContactResponse, source: z.string().nullable() }),
  "connection.updated": z.object({ connection: ConnectionResponse }),
  "template.updated": z.object({
    change: z.enum(["created", "edited", "deleted", "status", "category", "quality"]),
    templateId: z.uuid(),
    connectionId: z.uuid(),
    template: TemplateResponse.nullable(),
  }),
  "campaign.finished": z.object({ campaign: CampaignResponse }),
} as const;

/** What every delivery's body holds; `id` is also the `webhook-id` header: the same for every attempt. */
export function webhookEnvelope<T extends keyof typeof WEBHOOK_EVENT_DATA>(type: T) {
  return z.object({
    id: z.string().describe("The event's id, stable across attempts and replays: dedupe on it"),
    type: z.literal(type),
    timestamp: z.string().describe("When the event happened (ISO 8601)"),
    clientId: z.uuid(),
    data: WEBHOOK_EVENT_DATA[type],
  });
}

const HttpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const WebhookEndpointResponse = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(WebhookEventTypeSchema),
  isEnabled: z.boolean(),
  /** `failing`: set aside by the service after failing for days; `manual`: by a user. */
  disabledReason: z.enum(["manual", "failing"]).nullable(),
  disabledAt: z.string().nullable(),
  /** Since when every delivery has failed (null: the last one succeeded). */
  failingSince: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /** Until when the previous secret still signs beside the new one (rotation overlap). */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookEndpointResponse = z.infer<typeof WebhookEndpointResponse>;

export const WebhookEndpointListResponse = z.object({ endpoints: z.array(WebhookEndpointResponse) });
export type WebhookEndpointListResponse = z.infer<typeof WebhookEndpointListResponse>;

export const CreateWebhookEndpointBody = z.object({
  url: HttpUrl,
  description: z.string().trim().max(200).default(""),
  eventTypes: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
});
export type CreateWebhookEndpointBody = z.infer<typeof CreateWebhookEndpointBody>;

/** The secret (`whsec_…`) appears in this response only. */
export const CreatedWebhookEndpointResponse = z.object({
  endpoint: WebhookEndpointResponse,
  secret: z.string(),
});
export type CreatedWebhookEndpointResponse = z.infer<typeof CreatedWebhookEndpointResponse>;

export const UpdateWebhookEndpointBody = z
  .object({
    url: HttpUrl.optional(),
    description: z.string().trim().max(200).optional(),
    eventTypes: z.array(WebhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length).optional(),
    isEnabled: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhookEndpointBody = z.infer<typeof UpdateWebhookEndpointBody>;

export const RotateWebhookSecretBody = z.object({
  /** How long the old secret keeps signing beside the new one (0: stop at once). */
  overlapHours: z.number().int().min(0).max(168).default(24),
});
export const RotatedWebhookSecretResponse = z.object({
  endpoint: WebhookEndpointResponse,
  secret: z.string(),
});
export type RotatedWebhookSecretResponse = z.infer<typeof RotatedWebhookSecretResponse>;

export const WebhookDeliveryState = z.enum(["pending", "delivered", "failed"]);
export type WebhookDeliveryState = z.infer<typeof WebhookDeliveryState>;

export const WebhookDeliveryResponse = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventId: z.string(),
  eventType: WebhookEventTypeSchema,
  /** pending (waiting or backing off), delivered, failed (gave up after the retry period). */
  state: WebhookDeliveryState,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** How long the last attempt took, in ms, from sending the request to the answer's end (or its error). */
  lastLatencyMs: z.number().int().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type WebhookDeliveryResponse = z.infer<typeof WebhookDeliveryResponse>;

export const WebhookAttemptResponse = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  url: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  /** null when no answer came (refused address, timeout, connection error: see `error`). */
  responseStatus: z.number().int().nullable(),
  /** The first 2 KB of the answer. */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  /** From sending the request to the answer's end (or its error, or the time limit), in ms. */
  latencyMs: z.number().int(),
});
export type WebhookAttemptResponse = z.infer<typeof WebhookAttemptResponse>;

export const WebhookDeliveryDetailResponse = z.object({
  delivery: WebhookDeliveryResponse,
  /** The body as sent (the same bytes at every attempt). */
  requestBody: z.string(),
  attempts: z.array(WebhookAttemptResponse),
});
export type WebhookDeliveryDetailResponse = z.infer<typeof WebhookDeliveryDetailResponse>;

export const WebhookDeliveryListQuery = z.object({
  state: WebhookDeliveryState.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const WebhookDeliveryPage = z.object({
  deliveries: z.array(WebhookDeliveryResponse),
  nextCursor: z.string().nullable(),
});
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

export const WebhookDeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

export const ReplayResponse = z.object({ replayed: z.number().int() });
export type ReplayResponse = z.infer<typeof ReplayResponse>;
