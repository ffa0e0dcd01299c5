import { z } from "zod";
import { CONTACT_LANGUAGES, LANGUAGE_SOURCES } from "./contact-language";
import { CONVERSATION_STATUSES, CONVERSATION_VIEWS, MAX_SNOOZE_DAYS } from "./conversation-status";

export const ContactResponse = z.object({
  id: z.uuid(),
  waId: z.string().nullable(),
  /** WhatsApp's business-scoped user id (BSUID): the key of a candidate who withholds their number. */
  bsuid: z.string().nullable(),
  /** The parent BSUID Meta gives managed enterprises (`CC.ENT.…`). */
  parentBsuid: z.string().nullable(),
  /** The WhatsApp username the candidate adopted, shown when their number is withheld. */
  username: z.string().nullable(),
  /** No phone: a username-only candidate, reached through their BSUID (not by authentication templates). */
  phone: z.string().nullable(),
  profileName: z.string().nullable(),
  name: z.string().nullable(),
  displayName: z.string(),
  externalCandidateId: z.string().nullable(),
  externalJobRef: z.string().nullable(),
  isOptedOut: z.boolean(),
  optedOutAt: z.string().nullable(),
  optOutSource: z.string().nullable(),
  optedInAt: z.string().nullable(),
  optInSource: z.string().nullable(),
  /** The language the candidate is written to in, when known. */
  language: z.enum(CONTACT_LANGUAGES).nullable(),
  /** Who set it: read from their messages, a recruiter, or LinkoJob's API (null when unknown). */
  languageSource: z.enum(LANGUAGE_SOURCES).nullable(),
});
export type ContactResponse = z.infer<typeof ContactResponse>;

export const ConversationResponse = z.object({
  id: z.uuid(),
  connectionId: z.uuid(),
  contact: ContactResponse,
  lastMessageAt: z.string().nullable(),
  lastMessagePreview: z.string().nullable(),
  lastMessageDirection: z.enum(["inbound", "outbound"]).nullable(),
  unreadCount: z.number().int(),
  isAwaitingReply: z.boolean(),
  /** End of the 24-hour window (null: the candidate never wrote); free text only before it. */
  windowExpiresAt: z.string().nullable(),
  isWindowOpen: z.boolean(),
  assigneeId: z.string().nullable(),
  /** The campaign that last wrote to the candidate in this chat, if any. */
  campaignId: z.string().nullable(),
  status: z.enum(CONVERSATION_STATUSES),
  /** While snoozed: when it reopens by itself (a candidate's message reopens it sooner). */
  snoozedUntil: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  isArchived: z.boolean(),
  /** Marked unread by a recruiter (a dot without a number); opening the chat clears it. */
  isMarkedUnread: z.boolean(),
  /**
   * The requesting user's own settings: pinned at the top of their list, muted (no notification or
   * sound for them). In answers to a user only; live events leave them out (they are per user).
   */
  isPinned: z.boolean().optional(),
  isMuted: z.boolean().optional(),
  /** The candidate's hiring stage here (one of the client's stages, `GET /api/hiring-stages`), if set. */
  stageId: z.uuid().nullable(),
  /** The team's labels on this chat (the client's labels, `GET /api/labels`), oldest first. */
  labelIds: z.array(z.uuid()),
  createdAt: z.string(),
});
export type ConversationResponse = z.infer<typeof ConversationResponse>;

/** The list's chips (`filter`, one at a time), each also a filter of the counts and of an audience. */
export const ConversationFilter = z.enum([
  "unread",
  "awaiting_reply",
  "window_open",
  "window_closed",
  "assigned_to_me",
  "opted_out",
]);
export type ConversationFilter = z.infer<typeof ConversationFilter>;

export const ConversationView = z.enum(CONVERSATION_VIEWS);

export const ConversationListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  filter: ConversationFilter.optional(),
  /** One of the views (combinable with `filter`, e.g. `view=mine&filter=unread`); none: every unarchived chat. */
  view: ConversationView.optional(),
  connectionId: z.uuid().optional(),
  /** LinkoJob's references: the conversations of a candidate, for one job if given. */
  externalCandidateId: z.string().min(1).max(120).optional(),
  externalJobRef: z.string().min(1).max(200).optional(),
  /** Only the chats of this campaign. */
  campaignId: z.uuid().optional(),
  /** Only the chats at this hiring stage (combinable with the view, the filter and `label`). */
  stage: z.uuid().optional(),
  /** Only the chats with this label. */
  label: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});

/**
 * The client's campaigns as the inbox names them (the campaign filter's choices, the chats' labels),
 * newest first, each with how many unarchived chats it last wrote to.
 */
export const ConversationCampaigns = z.object({
  campaigns: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      createdAt: z.string(),
      /** Its chats the list shows with `campaignId` (archived ones left out). */
      conversations: z.number().int(),
    }),
  ),
});
export type ConversationCampaigns = z.infer<typeof ConversationCampaigns>;

/**
 * The views' exact counts, for the same number, filter, stage and label as the list; and the
 * stages' and labels' counts within the list's view (each leaving out its own choice: every stage
 * is counted with the chosen label, every label with the chosen stage).
 */
export const ConversationCountsQuery = z.object({
  filter: ConversationFilter.optional(),
  connectionId: z.uuid().optional(),
  /** Only the chats of this campaign, as the list with `campaignId`. */
  campaignId: z.uuid().optional(),
  view: ConversationView.optional(),
  stage: z.uuid().optional(),
  label: z.uuid().optional(),
});
export const ConversationCounts = z.object({
  counts: z.object({
    /** Every chat the list shows without a view: all but the archived ones. */
    all: z.number().int(),
    ...(Object.fromEntries(CONVERSATION_VIEWS.map((view) => [view, z.number().int()])) as Record<
      (typeof CONVERSATION_VIEWS)[number],
      z.ZodNumber
    >),
  }),
  /** Chats of the list's view at each stage, by stage id (a stage without chats is left out). */
  stages: z.record(z.string(), z.number().int()),
  /** Chats of the list's view with each label, by label id (a label without chats is left out). */
  labels: z.record(z.string(), z.number().int()),
});
export type ConversationCounts = z.infer<typeof ConversationCounts>;

const SNOOZE_LIMIT_MS = MAX_SNOOZE_DAYS * 86_400_000;

/**
 * A status change. Snoozing needs the time it ends (in the future, within a year); the other
 * statuses take none.
 */
export const ChangeStatusBody = z.discriminatedUnion("status", [
  z.object({ status: z.enum(["open", "waiting", "resolved"]) }).strict(),
  z
    .object({
      status: z.literal("snoozed"),
      snoozedUntil: z.iso
        .datetime({ offset: true })
        .refine((value) => Date.parse(value) > Date.now(), "must be in the future")
        .refine((value) => Date.parse(value) <= Date.now() + SNOOZE_LIMIT_MS, "must be within a year"),
    })
    .strict(),
]);
export type ChangeStatusBody = z.infer<typeof ChangeStatusBody>;

export const ArchiveBody = z.object({ isArchived: z.boolean() }).strict();

/** The requesting user's own pin and mute; at least one of them. */
export const PreferencesBody = z
  .object({ isPinned: z.boolean().optional(), isMuted: z.boolean().optional() })
  .strict()
  .refine((body) => body.isPinned !== undefined || body.isMuted !== undefined, "isPinned or isMuted");

export const PreferencesResponse = z.object({
  conversationId: z.uuid(),
  isPinned: z.boolean(),
  isMuted: z.boolean(),
});
export type PreferencesResponse = z.infer<typeof PreferencesResponse>;

export const ConversationPage = z.object({
  conversations: z.array(ConversationResponse),
  nextCursor: z.string().nullable(),
});
export type ConversationPage = z.infer<typeof ConversationPage>;

export const NoteResponse = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  authorId: z.string().nullable(),
  body: z.string(),
  /** Colleagues the note @mentions: each is told (in the app, and by a browser notification). */
  mentionedUserIds: z.array(z.uuid()),
  createdAt: z.string(),
});
export type NoteResponse = z.infer<typeof NoteResponse>;
/** At most this many colleagues in one note. */
export const MAX_NOTE_MENTIONS = 20;
export const CreateNoteBody = z.object({
  body: z.string().trim().min(1).max(5000),
  /** The ids of the colleagues mentioned (the body names them as `@Name`). */
  mentionedUserIds: z.array(z.uuid()).max(MAX_NOTE_MENTIONS).optional(),
});
/** A note that mentions the user, with the chat it is in. */
export const MentionResponse = z.object({
  note: NoteResponse,
  candidateName: z.string(),
  isNew: z.boolean(),
});
export const MentionListResponse = z.object({
  mentions: z.array(MentionResponse),
  /** Mentions since the user last looked at the list. */
  newCount: z.number().int(),
});
export type MentionListResponse = z.infer<typeof MentionListResponse>;
export const AssignBody = z.object({ assigneeId: z.uuid().nullable() });
export const UpdateContactBody = z.object({
  name: z.string().trim().max(120).nullable().optional(),
  externalCandidateId: z.string().max(120).nullable().optional(),
  externalJobRef: z.string().max(200).nullable().optional(),
  /**
   * The candidate's language, chosen (kept over what their messages suggest); null: unknown again,
   * so their next clear message sets it. An API key neither replaces nor clears a recruiter's choice.
   */
  language: z.enum(CONTACT_LANGUAGES).nullable().optional(),
  /** Record consent (opt-in) with its source, or an opt-out asked for outside WhatsApp. */
  consent: z
    .object({ state: z.enum(["opted_in", "opted_out"]), source: z.string().trim().min(1).max(120) })
    .optional(),
});

/** A candidate's consent as recorded: opted in, opted out, or nothing recorded. */
export const ConsentState = z.enum(["opted_in", "opted_out", "none"]);

export const ContactListQuery = z.object({
  /** Part of the name (or WhatsApp profile name), or of the phone number. */
  q: z.string().trim().min(1).max(100).optional(),
  externalCandidateId: z.string().min(1).max(120).optional(),
  consent: ConsentState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;

export const ContactPage = z.object({
  contacts: z.array(ContactResponse),
  nextCursor: z.string().nullable(),
});
