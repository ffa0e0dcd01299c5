import { z } from "zod";
import { QUICK_REPLY_VARIABLE_NAMES, unknownVariables } from "./quick-reply-variables";

export const QUICK_REPLY_LANGUAGES = ["fr", "ar", "en"] as const;
export const QuickReplyLanguage = z.enum(QUICK_REPLY_LANGUAGES);
export type QuickReplyLanguage = z.infer<typeof QuickReplyLanguage>;

/** Shared replies are the client's (managed by owners and admins); personal ones, one recruiter's. */
export const QuickReplyScope = z.enum(["shared", "personal"]);
export type QuickReplyScope = z.infer<typeof QuickReplyScope>;

export const QUICK_REPLY_LIMITS = { shortcut: 32, title: 80, body: 4096 } as const;

/** What follows `/`: lowercase letters (any script), digits, `-` and `_`, no space. */
const Shortcut = z
  .string()
  .trim()
  .min(1, "Give a shortcut")
  .max(QUICK_REPLY_LIMITS.shortcut)
  .transform((value) => value.replace(/^\//, "").toLowerCase())
  .refine((value) => /^[\p{L}\p{N}_-]+$/u.test(value), {
    message: "A shortcut is one word: letters, digits, - or _ (no space)",
  });

const Body = z
  .string()
  .max(QUICK_REPLY_LIMITS.body)
  .refine((value) => value.trim() !== "", { message: "The text of the reply is empty" })
  .refine((value) => unknownVariables(value).length === 0, {
    message: `Unknown variable: use only ${QUICK_REPLY_VARIABLE_NAMES.map((n) => `{{${n}}}`).join(", ")}`,
  });

export const CreateQuickReplyBody = z.object({
  scope: QuickReplyScope,
  shortcut: Shortcut,
  title: z.string().trim().min(1, "Give a title").max(QUICK_REPLY_LIMITS.title),
  language: QuickReplyLanguage,
  body: Body,
});
export type CreateQuickReplyBody = z.infer<typeof CreateQuickReplyBody>;

export const UpdateQuickReplyBody = CreateQuickReplyBody.omit({ scope: true })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to change" });
export type UpdateQuickReplyBody = z.infer<typeof UpdateQuickReplyBody>;

export const QuickReplyResponse = z.object({
  id: z.uuid(),
  scope: QuickReplyScope,
  shortcut: z.string(),
  title: z.string(),
  language: QuickReplyLanguage,
  body: z.string(),
  /** Whether the caller may change or delete it (owners and admins for shared ones; its owner for personal ones). */
  canEdit: z.boolean(),
  updatedAt: z.string(),
});
export type QuickReplyResponse = z.infer<typeof QuickReplyResponse>;

export const QuickReplyListResponse = z.object({
  quickReplies: z.array(QuickReplyResponse),
  /** Whether the caller may create shared replies. */
  canManageShared: z.boolean(),
});
export type QuickReplyListResponse = z.infer<typeof QuickReplyListResponse>;
