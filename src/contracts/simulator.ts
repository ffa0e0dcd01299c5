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
  /**
   * `user_changed_number` (the new number in `new_wa_id`; a candidate with a BSUID gets a new one)
   * or `user_changed_user_id` (a new BSUID only, as for a username-only candidate).
   */
  system: z
    .discriminatedUnion("type", [
      z.object({
        type: z.literal("user_changed_number"),
        new_wa_id: z.string(),
        body: z.string().optional(),
      }),
      z.object({ type: z.literal("user_changed_user_id"), body: z.string().optional() }),
    ])
    .optional(),
  /**
   * The candidate as WhatsApp shows them since usernames: a BSUID (`userId`, minted when `username`
   * or `withoutPhone` is given without it), a `username`, and `withoutPhone` to withhold the number
   * (no `from` nor `wa_id` in the webhook). Kept on the candidate for the sends and statuses after.
   */
  userId: z.string().optional(),
  username: z.string().optional(),
  withoutPhone: z.boolean().optional(),
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
  /**
   * The candidate sent it this many seconds ago and Meta delivers it only now (a phone that was
   * offline): the message's timestamp, and the window it opens, start then.
   */
  sentSecondsAgo: z.number().int().min(0).max(86_399).optional(),
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

/** The next media lookups (`GET /{media-id}`) fail: by default as Meta answers for a file it no longer has. */
export const FailMediaBody = z.object({
  code: z.number().int().default(100),
  count: z.number().int().min(1).max(10_000).default(1),
  details: z.string().optional(),
});
export type FailMediaBody = z.input<typeof FailMediaBody>;

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
/** Meta's decision on a number's pending display name. */
export const DisplayNameDecisionBody = z.object({
  decision: z.enum(["APPROVED", "REJECTED"]),
  reason: z.string().optional(),
});
export const InvalidateTokenBody = z.object({
  token: z.string(),
  reason: z
    .enum(["expired", "password_changed", "app_uninstalled", "logged_out", "revoked"])
    .default("expired"),
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

export const TemplateStatusName = z.enum([
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "PENDING_DELETION",
  "DELETED",
]);
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

const TemplateCategoryName = z.enum(["MARKETING", "UTILITY", "AUTHENTICATION"]);

/**
 * Meta acting on one template, each part optional and applied in this order: a new category
 * (`template_category_update`), a quality rating (`message_template_quality_update`), a status
 * (`message_template_status_update`: a review outcome with `reason`, or a pause with `title`).
 */
export const TemplateDecisionBody = z.object({
  status: TemplateStatusName.optional(),
  /** Rejection reason (INVALID_FORMAT, TAG_CONTENT_MISMATCH, INCORRECT_CATEGORY, ABUSIVE_CONTENT, SCAM, PROMOTIONAL…). */
  reason: z.string().default("INVALID_FORMAT"),
  /** For PAUSED / APPROVED / DISABLED: FIRST_PAUSE, SECOND_PAUSE, RATE_LIMITING_PAUSE, UNPAUSE, DISABLED. */
  title: z.string().optional(),
  category: TemplateCategoryName.optional(),
  quality: z.enum(["GREEN", "YELLOW", "RED", "UNKNOWN"]).optional(),
  /**
   * Template pacing: the `message_status` Meta answers the template's sends with from now on
   * (`held_for_quality_assessment`, `paused`); null: `accepted` again.
   */
  pacing: z.enum(["held_for_quality_assessment", "paused"]).nullable().optional(),
});

/** A rule of the simulated review: the first rule matching a submitted template decides. */
export const TemplateReviewRuleBody = z.object({
  match: z
    .object({
      /** A regular expression on the template's name. */
      name: z.string().optional(),
      /** Text the body contains (case-insensitive). */
      bodyContains: z.string().optional(),
      language: z.string().optional(),
    })
    .default({}),
  decision: z.enum(["APPROVED", "REJECTED"]),
  reason: z.string().optional(),
  /** Approve in this category instead (Meta recategorising at review). */
  category: TemplateCategoryName.optional(),
});
export type TemplateReviewRuleBody = z.input<typeof TemplateReviewRuleBody>;

/** How long the simulated review takes; null: only the control API decides. */
export const TemplateReviewDelayBody = z.object({ ms: z.number().int().min(0).nullable() });

export const CandidateBody = z.object({
  waId: z.string(),
  profileName: z.string().optional(),
  /** Business-scoped user id; `username` and `hidesPhone` mint one when missing. */
  userId: z.string().optional(),
  username: z.string().optional(),
  hidesPhone: z.boolean().optional(),
  undeliverable: z.boolean().optional(),
  stoppedMarketing: z.boolean().optional(),
  /** Meta holds back marketing to this user (its per-user "healthy ecosystem" limit): 131049. */
  ecosystemLimited: z.boolean().optional(),
});

/** Meta moves the business portfolio's messaging limit: the number's tier and its webhook. */
export const MessagingLimitBody = z.object({
  phoneNumberId: z.string(),
  tier: z.enum(["TIER_50", "TIER_250", "TIER_2K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED", "TIER_NOT_SET"]),
  /** The webhook field that says so (`phone_number_quality_update` by default). */
  field: z.enum(["phone_number_quality_update", "business_capability_update"]).optional(),
  /** `business_capability_update` also carries `max_daily_conversation_per_phone` (removed by Meta in February 2026). */
  legacy: z.boolean().optional(),
  /** The webhook's value exactly as given instead of Meta's (what Meta may send one day). */
  value: z.record(z.string(), z.unknown()).optional(),
});

/** The number's WhatsApp Business Account loses (or gets back) a valid payment method. */
export const PaymentMethodBody = z.object({ phoneNumberId: z.string(), valid: z.boolean() });

/** Graph's call-rate limits per rolling hour: the app's (error 4) and each WABA's (80007); null = off. */
export const CallLimitsBody = z.object({
  appPerHour: z.number().int().min(0).nullable().optional(),
  wabaPerHour: z.number().int().min(0).nullable().optional(),
});

/** The app's "Require App Secret" setting: Graph calls with a user or business token need `appsecret_proof`. */
export const AppSecretProofBody = z.object({ required: z.boolean() });

/** The demo Facebook user's language setting, which the signup dialog follows (`fr_FR`, `en_US`, `ar_AR`). */
export const FacebookUserBody = z.object({ locale: z.string().regex(/^[a-z]{2}(_[A-Z]{2})?$/) });

/** A test number's allowed recipients (131030 for anyone else); null lifts the list. */
export const AllowedRecipientsBody = z.object({
  phoneNumberId: z.string(),
  waIds: z.array(z.string().min(5).max(20)).max(5).nullable(),
});

/** The number hit Meta's spam rate limit (too many users blocked or reported it): sends fail with 131048. */
export const SpamRateLimitBody = z.object({ phoneNumberId: z.string(), limited: z.boolean() });

/**
 * Whether the portfolio's messaging limit refuses business-initiated sends to new unique users past
 * the tier in a moving 24 h, and with which code (Meta documents none: 131048 by default).
 */
export const DailyLimitBody = z.object({
  enforce: z.boolean(),
  code: z.number().int().default(131048),
});

export const ConversationQuery = z.object({ phoneNumberId: z.string(), waId: z.string() });
export const SentQuery = z.object({
  phoneNumberId: z.string().optional(),
  since: z.coerce.number().optional(),
});

/**
 * The recruiter sends a message from the WhatsApp Business app on the phone (a coexistence
 * number): Meta's `smb_message_echoes`, then any `statuses` of it (a `messages` change).
 */
export const BusinessAppEchoBody = z.object({
  phoneNumberId: z.string(),
  /** The candidate's number or wa_id. */
  to: z.string(),
  text: z.string().min(1).max(4096),
  sentSecondsAgo: z.number().int().min(0).optional(),
  statuses: z.array(z.enum(["delivered", "read"])).default([]),
});
export type BusinessAppEchoBody = z.input<typeof BusinessAppEchoBody>;

/** One chat of the app's history: the candidate and their messages, oldest first or not. */
export const HistoryThread = z.object({
  waId: z.string(),
  messages: z
    .array(
      z.object({
        direction: z.enum(["in", "out"]),
        text: z.string().min(1).max(4096),
        /** How long before now it was sent (up to 180 days: Meta shares six months). */
        sentSecondsAgo: z
          .number()
          .int()
          .min(0)
          .max(180 * 86_400),
        /** Meta's `history_context.status` of a message the business sent. */
        status: z.enum(["SENT", "DELIVERED", "READ", "ERROR"]).optional(),
      }),
    )
    .min(1),
});

/**
 * The app's chat history shared at onboarding (Meta's `history` field): the messages in their
 * phases (0: the first day, 1: up to 90 days, 2: up to 180 days), each phase in `chunksPerPhase`
 * chunks, each chunk a POST of its own. `order: "reversed"` sends them last first, `repeat` sends
 * the first few again at the end; `declined` plays a business that did not share its history.
 */
export const HistorySyncBody = z.object({
  phoneNumberId: z.string(),
  /** The chats to share; a sample of candidates' chats when left out. */
  threads: z.array(HistoryThread).optional(),
  chunksPerPhase: z.number().int().min(1).max(20).default(2),
  order: z.enum(["in_order", "reversed"]).default("reversed"),
  repeat: z.number().int().min(0).max(20).default(1),
  declined: z.boolean().default(false),
});
export type HistorySyncBody = z.input<typeof HistorySyncBody>;

/** The recruiter adds, renames or removes contacts in the WhatsApp Business app (`smb_app_state_sync`). */
export const AppContactsBody = z.object({
  phoneNumberId: z.string(),
  contacts: z
    .array(
      z.object({
        waId: z.string(),
        fullName: z.string().max(200).optional(),
        action: z.enum(["add", "remove"]).default("add"),
      }),
    )
    .min(1)
    .max(1000),
});
export type AppContactsBody = z.input<typeof AppContactsBody>;
