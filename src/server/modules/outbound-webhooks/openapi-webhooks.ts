import type { OpenAPIV3_1 } from "openapi-types";
import { z } from "zod";
import {
  type WEBHOOK_EVENT_DATA,
  WEBHOOK_EVENT_TYPES,
  webhookEnvelope,
} from "../../../contracts/outbound-webhooks";

const SUMMARIES: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  "message.received": "A candidate wrote (text, media, a button, a reaction…)",
  "message.status": "An outbound message was sent, delivered, read or failed",
  "conversation.assigned": "A conversation was assigned to a recruiter, or unassigned",
  "conversation.stage_changed": "A conversation's hiring stage changed (set, cleared, or its stage deleted)",
  "conversation.labels_changed": "A label was put on a conversation or taken off",
  "contact.opted_out": "A candidate asked to receive no more marketing (STOP, or set by a recruiter)",
  "contact.opted_in": "A candidate agreed to receive messages again",
  "connection.updated": "A WhatsApp number changed state, quality or name",
  "template.updated": "A template was created, edited, deleted, or reviewed by Meta",
  "campaign.finished": "Every recipient of a campaign was handed to WhatsApp or left out",
};

const header = (name: string, description: string, example: string): OpenAPIV3_1.ParameterObject => ({
  name,
  in: "header",
  required: true,
  description,
  schema: { type: "string" },
  example,
});

/**
 * The OpenAPI 3.1 `webhooks` section: one entry per event a client's endpoint can subscribe to,
 * its body generated from the same zod schemas as the API's responses.
 */
export function webhooksSection(): Record<string, OpenAPIV3_1.PathItemObject> {
  // openapi-types mixes its 3.0 and 3.1 media types, so the 2020-12 schemas are typed once here.
  return section as Record<string, OpenAPIV3_1.PathItemObject>;
}

const section: Record<string, unknown> = (() => {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: SUMMARIES[type],
          description:
            "Signed following Standard Webhooks: verify `webhook-signature` (HMAC-SHA256 of " +
            "`webhook-id.webhook-timestamp.body` with the endpoint's `whsec_` secret, base64, `v1,` " +
            "prefixed; several space-separated during a secret rotation) before trusting the body, " +
            "and dedupe on `webhook-id`. Answer 2xx within 10 s; anything else is retried with " +
            "exponential back-off for 3 days. Events of one conversation arrive in order.",
          tags: ["webhook-events"],
          parameters: [
            header("webhook-id", "The event's id: the same at every attempt and replay", "01970f7c-…"),
            header("webhook-timestamp", "Seconds since the epoch when this attempt was signed", "1767225600"),
            header(
              "webhook-signature",
              "`v1,<base64>`, space-separated when several secrets sign",
              "v1,K5oZ…=",
            ),
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: z.toJSONSchema(webhookEnvelope(type), {
                  target: "draft-2020-12",
                  io: "output",
                }),
              },
            },
          },
          responses: { "2XX": { description: "Received (any other answer is retried)" } },
        },
      },
    ]),
  );
})();

export const _everyEventDocumented: Record<keyof typeof WEBHOOK_EVENT_DATA, string> = SUMMARIES;
