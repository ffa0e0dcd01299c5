// The templates API: drafts the studio submits to Meta, templates as stored with their history,
// edits, deletion, the recruiting starter pack, sample media for headers.
//
// How to use it:
// - Shapes only: these schemas accept any draft of the right shape, so the server can report every
//   rule it breaks at once. The rules themselves (limits, variables, examples, buttons, edit limits)
//   live in `template-rules.ts`, zod-free, for the form to run as the user types.
// - POST /api/templates              CreateTemplateBody → 201 CreateTemplatesResponse
//     (one Meta template per translation; a language Meta refused is in `failures`, with Meta's code
//     and words; if every language is refused: 400 `meta_error`, `details.failures`; a draft the rules
//     refuse: 400 `validation_failed`, `details` = TemplateProblem[] with `body.`-prefixed fields)
// - GET /api/templates               TemplateListQuery → TemplateListResponse
// - GET /api/templates/:id           → TemplateResponse (with its history)
// - PATCH /api/templates/:id         EditTemplateBody → TemplateResponse (409 `conflict` with
//     `details.reason` ∈ TEMPLATE_EDIT_REFUSALS when Meta's edit limits forbid it)
// - DELETE /api/templates/:id        → DeleteTemplateResponse (deleted at Meta, this language only)
// - POST /api/templates/media?connectionId=&filename=  body: the file's bytes, Content-Type: its type
//     (like POST /api/media) → 201 TemplateMediaResponse (a header sample: JPEG/PNG, MP4 or PDF)
// - GET /api/templates/starter-pack?connectionId=&companyName=  → StarterPackResponse
// - POST /api/templates/starter-pack StarterPackSubmitBody → 201 CreateTemplatesResponse
// - POST /api/templates/sync         SyncTemplatesBody → SyncTemplatesResponse
// Socket: `template:updated` (realtime.ts) on every create, edit, delete, status, category and quality change.
// Who: reading needs `templates:read`; writing needs the `templates.manage` role action (owner,
// admin) or an API key with `templates:write`.
import { z } from "zod";
import {
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGUAGES,
  TEMPLATE_MEDIA_HEADER_FORMATS,
  TEMPLATE_PARAMETER_FORMATS,
} from "./template-rules";

export {
  TEMPLATE_BUTTON_TYPES,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGUAGES,
  TEMPLATE_PARAMETER_FORMATS,
} from "./template-rules";

/** Generous caps that bound the payload; the real limits are the rules' (reported per field). */
const text = (max = 4096) => z.string().max(max);
const Examples = z.record(z.string().max(100), text(2048));

export const TemplateCategory = z.enum(TEMPLATE_CATEGORIES);
export const TemplateLanguage = z.enum(TEMPLATE_LANGUAGES);
export const TemplateParameterFormat = z.enum(TEMPLATE_PARAMETER_FORMATS);

export const TemplateHeaderDraft = z.discriminatedUnion("format", [
  z.object({ format: z.literal("TEXT"), text: text(), examples: Examples.default({}) }),
  z.object({ format: z.enum(TEMPLATE_MEDIA_HEADER_FORMATS), mediaHandle: text(2048) }),
]);

export const TemplateButtonDraft = z.discriminatedUnion("type", [
  z.object({ type: z.literal("QUICK_REPLY"), text: text(200) }),
  z.object({ type: z.literal("URL"), text: text(200), url: text(4096), example: text(2048).optional() }),
  z.object({ type: z.literal("PHONE_NUMBER"), text: text(200), phoneNumber: text(40) }),
  z.object({ type: z.literal("COPY_CODE"), example: text(200) }),
]);

/** One language's content: header, body with a sample per variable, footer, buttons. */
export const TemplateContentDraft = z.object({
  header: TemplateHeaderDraft.nullable().default(null),
  body: z.object({ text: text(), examples: Examples.default({}) }),
  footer: text(500).nullable().default(null),
  buttons: z.array(TemplateButtonDraft).max(20).default([]),
});
export type TemplateContentDraft = z.infer<typeof TemplateContentDraft>;

export const TemplateTranslationDraft = TemplateContentDraft.extend({ language: TemplateLanguage });
export type TemplateTranslationDraft = z.infer<typeof TemplateTranslationDraft>;

/** A draft as `validateTemplateDraft` reads it; each translation becomes its own Meta template. */
export const TemplateDraft = z.object({
  name: text(600),
  category: TemplateCategory,
  parameterFormat: TemplateParameterFormat.default("POSITIONAL"),
  translations: z.array(TemplateTranslationDraft).max(4),
});
export type TemplateDraft = z.infer<typeof TemplateDraft>;

export const CreateTemplateBody = TemplateDraft.extend({ connectionId: z.uuid() });
export type CreateTemplateBody = z.infer<typeof CreateTemplateBody>;

/** One entry of a template's story: submitted, edited, then each change Meta announced. */
export const TemplateHistoryEntry = z.object({
  at: z.string(),
  kind: z.enum(["submitted", "edited", "status", "category", "quality", "deleted"]),
  /** The status after this entry. */
  status: z.string(),
  /** Set when the category changed (or at submission): the category after it. */
  category: z.string().optional(),
  /** A recategorisation's category before it (Meta's `previous_category`). */
  previousCategory: z.string().optional(),
  /** Meta's code for why: a rejection reason (INVALID_FORMAT…), a pause title (FIRST_PAUSE…), a category correction. */
  reason: z.string().optional(),
  /** Meta's own words that came with it (its recommendation, or a pause's description). */
  detail: z.string().optional(),
  qualityScore: z.string().optional(),
});
export type TemplateHistoryEntry = z.infer<typeof TemplateHistoryEntry>;

export const TemplateResponse = z.object({
  id: z.uuid(),
  connectionId: z.uuid(),
  metaTemplateId: z.string(),
  name: z.string(),
  language: z.string(),
  /** MARKETING and UTILITY are charged when delivered; replies in the 24-hour window are free. */
  category: z.string(),
  /** The category before Meta's last recategorisation (`template_category_update`); null if Meta never changed it. */
  previousCategory: z.string().nullable(),
  /**
   * Meta's pacing of the template, as its last send answered: `held_for_quality_assessment` (a new
   * template's sends held while Meta judges its quality; they go, or fail if Meta pauses it) or
   * `paused`; null when Meta takes its sends as they come.
   */
  pacing: z.object({ status: z.string(), since: z.string() }).nullable(),
  /** Meta's status (TEMPLATE_STATUSES); `templateAvailability(status, statusReason)` says if it can be sent. */
  status: z.string(),
  /** Why the status: a rejection reason, or a pause title (FIRST_PAUSE, SECOND_PAUSE, RATE_LIMITING_PAUSE). */
  statusReason: z.string().nullable(),
  qualityScore: z.string().nullable(),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]),
  /** Meta's components (HEADER, BODY, FOOTER, BUTTONS) with their text and examples. */
  components: z.array(z.record(z.string(), z.unknown())),
  /** The components as the studio's form reads them; null when they use what the form doesn't (carousel, OTP…). */
  content: TemplateContentDraft.nullable(),
  /** Kept for older readers: the rejection reason only. */
  rejectionReason: z.string().nullable(),
  /** Times of the edits Meta counts against its limits (made while approved), for `templateEditRefusal`. */
  approvedEdits: z.array(z.string()),
  history: z.array(TemplateHistoryEntry),
  /** The last status, category, quality or content change. */
  lastChangedAt: z.string(),
  syncedAt: z.string(),
});
export type TemplateResponse = z.infer<typeof TemplateResponse>;

export const TemplateListQuery = z.object({
  connectionId: z.uuid().optional(),
  status: z.string().max(40).optional(),
  language: z.string().max(15).optional(),
  name: z.string().max(512).optional(),
});
export const TemplateListResponse = z.object({ templates: z.array(TemplateResponse) });
export const TemplateIdParams = z.object({ id: z.uuid() });

/** A language Meta refused at submission, in words, with Meta's codes. */
export const TemplateSubmitFailure = z.object({
  language: z.string(),
  metaCode: z.number().int().nullable(),
  metaSubcode: z.number().int().nullable(),
  /** `templateRuleOfMetaSubcode(metaSubcode)`: the rule Meta applied, for the dashboard's words. */
  rule: z.string().nullable(),
  message: z.string(),
});
export type TemplateSubmitFailure = z.infer<typeof TemplateSubmitFailure>;

export const CreateTemplatesResponse = z.object({
  templates: z.array(TemplateResponse),
  failures: z.array(TemplateSubmitFailure),
});
export type CreateTemplatesResponse = z.infer<typeof CreateTemplatesResponse>;

/** Meta replaces the whole content; the category may change unless the template is approved. */
export const EditTemplateBody = z
  .object({ category: TemplateCategory.optional(), content: TemplateContentDraft.optional() })
  .refine((body) => body.category !== undefined || body.content !== undefined, {
    message: "Give a category or a content",
  });
export type EditTemplateBody = z.infer<typeof EditTemplateBody>;

export const DeleteTemplateResponse = z.object({ id: z.uuid(), deleted: z.literal(true) });

/** A header sample uploaded to Meta (resumable upload): put `handle` in the header's `mediaHandle`. */
export const TemplateMediaQuery = z.object({
  connectionId: z.uuid(),
  filename: z.string().max(200).optional(),
});
export const TemplateMediaResponse = z.object({
  handle: z.string(),
  format: z.enum(TEMPLATE_MEDIA_HEADER_FORMATS),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
});
export type TemplateMediaResponse = z.infer<typeof TemplateMediaResponse>;

export const STARTER_KEYS = [
  "job_opportunity",
  "application_received",
  "interview_invitation",
  "documents_request",
  "application_follow_up",
  "interview_reminder",
] as const;
export const StarterKey = z.enum(STARTER_KEYS);
export type StarterKey = z.infer<typeof StarterKey>;

export const StarterPackQuery = z.object({
  connectionId: z.uuid(),
  /** Written into the texts; the client's name when absent. */
  companyName: z.string().trim().min(1).max(60).optional(),
});

export const StarterTemplate = z.object({
  key: StarterKey,
  /** The Meta name it is submitted under (can be changed at submission). */
  name: z.string(),
  category: TemplateCategory,
  parameterFormat: TemplateParameterFormat,
  /** Meta's template library has an equivalent: created from it, approved at once. */
  fromLibrary: z.boolean(),
  /** The content in each language, the company name already written in. */
  translations: z.array(TemplateTranslationDraft),
  /** This connection's templates of that name, by language. */
  existing: z.array(z.object({ language: z.string(), templateId: z.uuid(), status: z.string() })),
});
export type StarterTemplate = z.infer<typeof StarterTemplate>;
export const StarterPackResponse = z.object({ starters: z.array(StarterTemplate) });

export const StarterPackSubmitBody = z.object({
  connectionId: z.uuid(),
  key: StarterKey,
  languages: z.array(TemplateLanguage).min(1).max(4),
  companyName: z.string().trim().min(1).max(60).optional(),
  /** Another Meta name than the starter's (e.g. when that name is taken). */
  name: z.string().max(512).optional(),
});
export type StarterPackSubmitBody = z.infer<typeof StarterPackSubmitBody>;

export const SyncTemplatesBody = z.object({ connectionId: z.uuid() });
export const SyncTemplatesResponse = z.object({ count: z.number().int() });

/** The payload of the `template:updated` socket event (plus its `eventId`). */
export interface TemplateUpdatedPayload {
  change: "created" | "edited" | "deleted" | "status" | "category" | "quality";
  templateId: string;
  connectionId: string;
  /** The template after the change; null once deleted. */
  template: TemplateResponse | null;
}

// The zod shapes and the rules' interfaces describe the same draft: a draft parsed here is one the rules read.
type Assignable<A extends B, B> = A;
export type _DraftMatchesRules = Assignable<TemplateDraft, import("./template-rules").TemplateDraft>;
