import { z } from "zod";
import { ConversationFilter } from "./conversations";
import { TemplateSendInput } from "./messages";

/** One row of the bulk send: a candidate and the template's values for them. */
export const CampaignRecipientInput = z.object({
  /** As the file gave it; an empty or malformed number is a dropped row, with its reason. */
  phone: z.string().max(40),
  name: z.string().trim().max(120).optional(),
  body: TemplateSendInput.shape.body,
  headerText: TemplateSendInput.shape.headerText,
  buttons: TemplateSendInput.shape.buttons,
});

/**
 * The most rows one campaign takes: a file of 50,000 candidates is validated, deduplicated, priced
 * and stored in one request (BENCHMARKS.md, "Campaign creation"), and sent round after round.
 */
export const MAX_CAMPAIGN_RECIPIENTS = 50_000;

export const CampaignDraft = z.object({
  connectionId: z.uuid(),
  template: z.object({ name: z.string().min(1).max(512), language: z.string().min(2).max(15) }),
  recipients: z.array(CampaignRecipientInput).min(1).max(MAX_CAMPAIGN_RECIPIENTS),
});
export type CampaignDraft = z.infer<typeof CampaignDraft>;

/** A date and time as a recruiter gives it, in the client's time zone: `2026-06-01T09:30` (seconds optional). */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "YYYY-MM-DDTHH:mm");

export const CreateCampaignBody = CampaignDraft.extend({
  name: z.string().trim().min(1).max(120),
  /** Start at this date and time of the client's time zone instead of now; cancellable until then. */
  scheduledAt: LocalDateTime.optional(),
});

/** Why a row of the file is not sent, as a code the dashboard says in the recruiter's language. */
export const DROP_REASONS = [
  "no_phone",
  "invalid_phone",
  "invalid_values",
  "duplicate",
  "opted_out",
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const DroppedRow = z.object({
  /** 0-based index of the row in the draft. */
  row: z.number().int(),
  phone: z.string(),
  name: z.string().nullable(),
  code: z.enum(DROP_REASONS),
  /** The reason in English words (the dashboard translates the code). */
  reason: z.string(),
  /** For a duplicate: the row that has the same number. */
  sameAsRow: z.number().int().nullable(),
});
export type DroppedRow = z.infer<typeof DroppedRow>;

/** What a bulk send will do before it is sent: who gets it, who is left out and why, what it costs. */
export const CampaignEstimate = z.object({
  total: z.number().int(),
  /** Every row that will not be sent, in file order, with its reason: `total = sendable + dropped`. */
  dropped: z.array(DroppedRow),
  sendable: z.number().int(),
  excludedOptedOut: z.number().int(),
  invalid: z.array(z.object({ row: z.number().int(), phone: z.string(), reason: z.string() })),
  /** Rows whose number (once written the international way) an earlier row already has: sent once. */
  duplicates: z.array(z.object({ row: z.number().int(), phone: z.string(), sameAsRow: z.number().int() })),
  category: z.string(),
  /** Messages Meta will charge when delivered (marketing always; utility outside the 24-hour window). */
  billable: z.number().int(),
  pricePerMessageMad: z.number(),
  estimatedCostMad: z.number(),
  /** The same reach by SMS, for comparison. */
  smsCostMad: z.number(),
});
export type CampaignEstimate = z.infer<typeof CampaignEstimate>;

export const CampaignProgress = z.object({
  /** Recipients waiting to be sent, including those whose message the campaign has not created yet. */
  queued: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
});

export const CAMPAIGN_STATES = ["scheduled", "sending", "paused", "cancelled", "finished"] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** Each message counted at every stage it passed: a read message is also delivered and sent. */
export const CampaignFunnel = z.object({
  /** Rows of the file (or conversations picked). */
  recipients: z.number().int(),
  /** Left out before sending (invalid, duplicate, opted out). */
  dropped: z.number().int(),
  /** Not created yet, or created and not yet accepted by WhatsApp. */
  queued: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  replied: z.number().int(),
  failed: z.number().int(),
  /** Left unsent because the campaign was cancelled. */
  cancelled: z.number().int(),
  /** replied ÷ sent, 0 to 1 (0 before any is sent). */
  replyRate: z.number(),
});
export type CampaignFunnel = z.infer<typeof CampaignFunnel>;

export const CampaignResponse = z.object({
  id: z.uuid(),
  status: z.enum(CAMPAIGN_STATES),
  /** When a scheduled campaign starts (ISO instant), and the client's time zone to show it in. */
  scheduledAt: z.string().nullable(),
  timeZone: z.string(),
  /**
   * The same start on the client's wall clock (`2026-06-01T09:30`), as the server reads the zone: the
   * dashboard shows this, so a browser whose time-zone data differs still shows the time that was set.
   */
  scheduledAtLocal: z.string().nullable(),
  /** The campaign whose non-responders this one follows up. */
  followUpOf: z.string().nullable(),
  funnel: CampaignFunnel,
  name: z.string(),
  connectionId: z.uuid(),
  templateName: z.string(),
  templateLanguage: z.string(),
  category: z.string(),
  recipientCount: z.number().int(),
  excludedCount: z.number().int(),
  estimatedCostMad: z.number(),
  createdAt: z.string(),
  progress: CampaignProgress,
  /**
   * Why the campaign sends nothing for now, and until when it waits (it resumes by itself then):
   * Meta's messaging limit of the portfolio, a template Meta paused, Meta's spam rate limit.
   */
  waiting: z
    .object({
      reason: z.enum(["waiting_for_messaging_limit", "template_paused", "spam_rate_limit"]),
      until: z.string().nullable(),
    })
    .nullable(),
  /** `not_sent`: left out before sending (opted out, invalid); `failed`: WhatsApp refused or could not deliver. */
  failures: z.array(
    z.object({
      phone: z.string(),
      name: z.string().nullable(),
      kind: z.enum(["not_sent", "failed"]),
      reason: z.string(),
    }),
  ),
});
export type CampaignResponse = z.infer<typeof CampaignResponse>;

export const RECIPIENT_STAGES = [
  "not_sent",
  "cancelled",
  "queued",
  "sent",
  "delivered",
  "read",
  "replied",
  "failed",
] as const;
export type RecipientStage = (typeof RECIPIENT_STAGES)[number];

/** One candidate of a campaign and how far their message went. */
export const CampaignRecipientResult = z.object({
  row: z.number().int(),
  phone: z.string(),
  name: z.string().nullable(),
  stage: z.enum(RECIPIENT_STAGES),
  /** Why not sent or failed, in words; else null. */
  reason: z.string().nullable(),
  /** For a row left out: the code of its reason. */
  code: z.enum(DROP_REASONS).nullable(),
  conversationId: z.string().nullable(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
export type CampaignRecipientResult = z.infer<typeof CampaignRecipientResult>;

export const CampaignResults = z.object({ recipients: z.array(CampaignRecipientResult) });

/** A column of the file (by its header) or a fixed text, for the phone, the name or a variable. */
export const ColumnMappingEntry = z.object({
  /** `phone`, `name`, `body.1`, `body.first_name`, `header.1`, `button.0`. */
  target: z.string().trim().min(1).max(120),
  header: z.string().max(200).optional(),
  text: z.string().max(1024).optional(),
});
export const ColumnMapping = z.object({ columns: z.array(ColumnMappingEntry).max(80) });
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const CampaignSettings = z.object({
  timeZone: z.string(),
  /** Campaign chats nobody answered stay out of the inbox's "All". */
  hideUnansweredCampaignChats: z.boolean(),
  columnMapping: z.array(ColumnMappingEntry),
});
export type CampaignSettings = z.infer<typeof CampaignSettings>;

export const UpdateCampaignSettingsBody = z.object({
  timeZone: z.string().min(1).max(64).optional(),
  hideUnansweredCampaignChats: z.boolean().optional(),
});

/** Candidates from the inbox: one of its filters, a campaign's chats, or all of a number's. */
export const AudienceQuery = z.object({
  connectionId: z.uuid(),
  filter: ConversationFilter.optional(),
  campaignId: z.uuid().optional(),
});
export const Audience = z.object({
  recipients: z.array(z.object({ phone: z.string(), name: z.string().nullable() })),
});

/** Where a follow-up's template value comes from: the candidate's name, a value of the first send, or a text. */
export const FollowUpValue = z.discriminatedUnion("from", [
  z.object({ from: z.literal("name") }),
  z.object({ from: z.literal("value"), index: z.number().int().min(0).max(59) }),
  z.object({ from: z.literal("text"), text: z.string().max(1024) }),
]);

export const FollowUpBody = z.object({
  name: z.string().trim().min(1).max(120),
  template: z.object({ name: z.string().min(1).max(512), language: z.string().min(2).max(15) }),
  /** One per body variable of the new template, in order. */
  values: z.array(FollowUpValue).max(60),
  scheduledAt: LocalDateTime.optional(),
});
export type FollowUpBody = z.infer<typeof FollowUpBody>;

/** A follow-up before it is made: the template and its values, estimated for the non-responders. */
export const FollowUpDraft = FollowUpBody.pick({ template: true, values: true });
export type FollowUpDraft = z.infer<typeof FollowUpDraft>;
