import { z } from "zod";

/**
 * Bodies of the Meta simulator's control API (`<origin>/simulator/control/...`), shared so the
 * product's tests and sandbox tooling build them with types. Field names inside messages follow
 * Meta's webhook shapes; only what Meta would generate (ids, timestamps, hashes) is left out.
 */

const MediaInput = z.object({
  caption: z.string().optional(),
  filename: z.string().optional(),
  mime_type: z.string().optional(),
  /** File bytes; a small sample file of the right kind is used when absent. */
  data_base64: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

export const InboundMessageType = z.enum([
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "button",
  "reaction",
  "order",
  "system",
  "unsupported",
]);
export type InboundMessageType = z.infer<typeof InboundMessageType>;

export const InjectInboundBody = z.object({
  phoneNumberId: z.string(),
  /** The candidate's number or wa_id (`+212612345678` or `212612345678`). */
  from: z.string(),
  profileName: z.string().optional(),
  type: InboundMessageType,
  text: z.object({ body: z.string() }).optional(),
  image: MediaInput.optional(),
  video: MediaInput.optional(),
  audio: MediaInput.optional(),
  document: MediaInput.optional(),
  sticker: MediaInput.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
  contacts: z.array(z.record(z.string(), z.unknown())).optional(),
  interactive: z
    .union([
      z.object({
        type: z.literal("button_reply"),
        button_reply: z.object({ id: z.string(), title: z.string() }),
      }),
      z.object({
        type: z.literal("list_reply"),
        list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }),
      }),
    ])
    .optional(),
  button: z.object({ payload: z.string(), text: z.string() }).optional(),
  reaction: z.object({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  order: z.record(z.string(), z.unknown()).optional(),
  system: z
    .object({ type: z.literal("user_changed_number"), new_wa_id: z.string(), body: z.string().optional() })
    .optional(),
  /** Reply to a message (`message_id`), forwarded flags, or a product inquiry. */
  context: z
    .object({
      message_id: z.string().optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
      referred_product: z.object({ catalog_id: z.string(), product_retailer_id: z.string() }).optional(),
    })
    .optional(),
  /** Click-to-WhatsApp ad referral; missing fields get realistic defaults. */
  referral: z.record(z.string(), z.unknown()).optional(),
});
export type InjectInboundBody = z.infer<typeof InjectInboundBody>;

export const InjectInboundResponse = z.object({ id: z.string(), mediaId: z.string().nullable() });
export type InjectInboundResponse = z.infer<typeof InjectInboundResponse>;

export const FailNextBody = z.object({
  code: z.number().int(),
  count: z.number().int().min(1).max(10_000).default(1),
  details: z.string().optional(),
  /** true: accept the send, then report the error in a `failed` status webhook. */
  async: z.boolean().default(false),
});
export type FailNextBody = z.input<typeof FailNextBody>;

export const ThroughputBody = z.object({ perSecond: z.number().positive().max(10_000) });
export const CountBody = z.object({ count: z.number().int().min(1).max(1000) });
export const OutageBody = z.object({
  mode: z.enum(["off", "error", "timeout"]),
  /** Error code for `error` mode: 1, 2, 131000, 131016 or 133004. */
  code: z.number().int().default(2),
});
export const ClockAdvanceBody = z.object({ ms: z.number().int().min(0) });
export const VerifyWebhookBody = z.object({ url: z.string().optional(), verifyToken: z.string().optional() });

export const MintTokenBody = z.object({ wabaId: z.string() });
export const InvalidateTokenBody = z.object({
  token: z.string(),
  reason: z.enum(["expired", "password_changed", "app_uninstalled", "logged_out"]).default("expired"),
});

export const AccountUpdateBody = z.object({
  wabaId: z.string(),
  event: z
    .enum([
      "PARTNER_APP_UNINSTALLED",
      "PARTNER_APP_INSTALLED",
      "PARTNER_ADDED",
      "PARTNER_REMOVED",
      "ACCOUNT_DELETED",
    ])
    .default("PARTNER_APP_UNINSTALLED"),
  /** Uninstalling also kills the app's tokens for that WABA (Graph answers 190 afterwards). */
  invalidateTokens: z.boolean().default(true),
});

export const TemplateStatusName = z.enum(["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED"]);
export const SeedTemplateBody = z.object({
  wabaId: z.string(),
  name: z.string().min(1),
  language: z.string().min(1),
  category: z.enum(["MARKETING", "UTILITY", "AUTHENTICATION"]).default("UTILITY"),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]).default("POSITIONAL"),
  status: TemplateStatusName.default("APPROVED"),
  components: z.array(z.record(z.string(), z.unknown())),
});
export type SeedTemplateBody = z.input<typeof SeedTemplateBody>;

export const TemplateDecisionBody = z.object({
  status: TemplateStatusName,
  reason: z.string().default("INVALID_FORMAT"),
});

export const CandidateBody = z.object({
  waId: z.string(),
  profileName: z.string().optional(),
  undeliverable: z.boolean().optional(),
  stoppedMarketing: z.boolean().optional(),
});

export const ConversationQuery = z.object({ phoneNumberId: z.string(), waId: z.string() });
export const SentQuery = z.object({
  phoneNumberId: z.string().optional(),
  since: z.coerce.number().optional(),
});
