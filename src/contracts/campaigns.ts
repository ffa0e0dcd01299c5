import { z } from "zod";
import { TemplateSendInput } from "./messages";

/** One row of the bulk send: a candidate and the template's values for them. */
export const CampaignRecipientInput = z.object({
  phone: z.string().min(3).max(40),
  name: z.string().trim().max(120).optional(),
  body: TemplateSendInput.shape.body,
  headerText: TemplateSendInput.shape.headerText,
  buttons: TemplateSendInput.shape.buttons,
});

export const CampaignDraft = z.object({
  connectionId: z.uuid(),
  template: z.object({ name: z.string().min(1).max(512), language: z.string().min(2).max(15) }),
  recipients: z.array(CampaignRecipientInput).min(1).max(5000),
});
export type CampaignDraft = z.infer<typeof CampaignDraft>;

export const CreateCampaignBody = CampaignDraft.extend({ name: z.string().trim().min(1).max(120) });

/** What a bulk send will do before it is sent: who gets it, who is left out and why, what it costs. */
export const CampaignEstimate = z.object({
  total: z.number().int(),
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

export const CampaignResponse = z.object({
  id: z.uuid(),
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
