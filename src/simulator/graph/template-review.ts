import type { SimContext } from "../context";
import type { Template, TemplateComponent, TemplateStatus } from "../state";

/**
 * How Meta's review ends for the templates a rule matches. Rules are tried in order, the first that
 * matches decides; a template no rule matches is approved as submitted.
 */
export interface ReviewRule {
  /** A regular expression the template's name must match. */
  nameMatches?: string;
  /** Text the body must contain (case-insensitive). */
  bodyContains?: string;
  /** Only for this language. */
  language?: string;
  decision: "APPROVED" | "REJECTED";
  /** For REJECTED: Meta's reason code (INVALID_FORMAT, TAG_CONTENT_MISMATCH, SCAM…). */
  reason?: string;
  /** Meta moves the template to this category as it approves it (`template_category_update`). */
  category?: Template["category"];
}

/** The review settings a tester changes through the control API; reset restores them. */
export interface TemplateReviewSettings {
  rules: ReviewRule[];
  /** Null: templates stay PENDING until the control API decides. */
  delayMs: number | null;
}

const bodyOf = (template: Template) => template.components.find((c) => c.type === "BODY")?.text ?? "";

export function ruleFor(rules: readonly ReviewRule[], template: Template): ReviewRule | null {
  return (
    rules.find(
      (rule) =>
        (rule.nameMatches === undefined || new RegExp(rule.nameMatches).test(template.name)) &&
        (rule.bodyContains === undefined ||
          bodyOf(template).toLowerCase().includes(rule.bodyContains.toLowerCase())) &&
        (rule.language === undefined || rule.language === template.language),
    ) ?? null
  );
}

/** The fields every template webhook carries. */
const identity = (template: Template) => ({
  message_template_id: Number(template.id),
  message_template_name: template.name,
  message_template_language: template.language,
});

export interface StatusChange {
  reason?: string;
  /** Pause or disable title (FIRST_PAUSE, SECOND_PAUSE, RATE_LIMITING_PAUSE, UNPAUSE, DISABLED). */
  title?: string;
}

const PAUSE_WORDS: Record<string, string> = {
  FIRST_PAUSE:
    "Your message template has been paused for 3 hours because of low quality: customers blocked or reported it.",
  SECOND_PAUSE:
    "Your message template has been paused for 6 hours because of low quality: customers blocked or reported it.",
  RATE_LIMITING_PAUSE: "Your message template is paced while Meta evaluates how customers react to it.",
  UNPAUSE: "Your message template is active again.",
  DISABLED: "Your message template has been disabled because of repeated low quality.",
};

/** Moves a template to a status and tells the product through `message_template_status_update`. */
export function setTemplateStatus(
  ctx: SimContext,
  template: Template,
  status: TemplateStatus,
  change: StatusChange = {},
): void {
  template.status = status;
  const reason = change.reason ?? "NONE";
  template.rejectedReason = status === "REJECTED" ? reason : "NONE";
  const title = change.title ?? (status === "DISABLED" ? "DISABLED" : undefined);
  ctx.webhooks.emit(template.wabaId, "message_template_status_update", {
    event: status,
    ...identity(template),
    reason: status === "REJECTED" ? reason : null,
    message_template_category: template.category,
    ...(status === "REJECTED"
      ? {
          rejection_info: {
            reason,
            recommendation: "Review the WhatsApp Business messaging policy and edit the template.",
          },
        }
      : {}),
    ...(title ? { other_info: { title, description: PAUSE_WORDS[title] ?? title } } : {}),
    ...(status === "DISABLED" ? { disable_info: { disable_date: Math.floor(ctx.clock.now() / 1000) } } : {}),
  });
  ctx.persist();
}

/** Meta recategorises a template (`template_category_update`, the completed form). */
export function setTemplateCategory(
  ctx: SimContext,
  template: Template,
  category: Template["category"],
): void {
  if (template.category === category) return;
  const previous = template.category;
  template.category = category;
  ctx.webhooks.emit(template.wabaId, "template_category_update", {
    ...identity(template),
    previous_category: previous,
    new_category: category,
  });
  ctx.persist();
}

/** A new quality rating (`message_template_quality_update`). */
export function setTemplateQuality(ctx: SimContext, template: Template, score: string): void {
  const previous = template.qualityScore ?? "UNKNOWN";
  template.qualityScore = score;
  ctx.webhooks.emit(template.wabaId, "message_template_quality_update", {
    previous_quality_score: previous,
    new_quality_score: score,
    ...identity(template),
  });
  ctx.persist();
}

/** Meta's review of a pending template, decided by the first matching rule (approval by default). */
export function reviewTemplate(ctx: SimContext, template: Template, rules: readonly ReviewRule[]): void {
  if (template.status !== "PENDING") return;
  const rule = ruleFor(rules, template);
  if (rule?.decision === "REJECTED") {
    setTemplateStatus(ctx, template, "REJECTED", { reason: rule.reason ?? "INVALID_FORMAT" });
    return;
  }
  if (rule?.category) setTemplateCategory(ctx, template, rule.category);
  setTemplateStatus(ctx, template, "APPROVED");
}

/**
 * A stand-in for Meta's template library (pre-written utility templates, approved at once). The
 * real library's names and wording must be checked in WhatsApp Manager; these follow its style.
 */
export const TEMPLATE_LIBRARY: Record<
  string,
  { category: Template["category"]; languages: Record<string, TemplateComponent[]> }
> = {
  appointment_reminder: {
    category: "UTILITY",
    languages: {
      en_US: [
        {
          type: "BODY",
          text: "Hello {{1}}, this is a reminder of your appointment with {{2}} on {{3}} at {{4}}. Reply if you need to change it.",
          example: { body_text: [["Youssef", "LinkoJob", "March 12", "10:00"]] },
        },
      ],
      fr: [
        {
          type: "BODY",
          text: "Bonjour {{1}}, nous vous rappelons votre rendez-vous avec {{2}} le {{3}} à {{4}}. Répondez si vous devez le changer.",
          example: { body_text: [["Youssef", "LinkoJob", "12 mars", "10h00"]] },
        },
      ],
      ar: [
        {
          type: "BODY",
          text: "مرحبا {{1}}، نذكرك بموعدك مع {{2}} يوم {{3}} على الساعة {{4}}. أجبنا إذا احتجت إلى تغييره.",
          example: { body_text: [["يوسف", "LinkoJob", "12 مارس", "10:00"]] },
        },
      ],
    },
  },
};
