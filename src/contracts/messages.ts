import { z } from "zod";
import { MESSAGE_AUTOMATIONS } from "./automation";
import { CONTACT_LANGUAGES } from "./contact-language";
import { MESSAGE_ORIGINS, MESSAGE_STATUSES } from "./message-status";

/** A file attached to a message; `id` is ours (download at /api/media/:id), set once stored. */
export const MediaRef = z.object({
  id: z.string().nullable(),
  mimeType: z.string().nullable(),
  filename: z.string().nullable(),
  caption: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  status: z.enum(["pending", "stored", "failed"]),
  isVoice: z.boolean().optional(),
  isAnimated: z.boolean().optional(),
});
export type MediaRef = z.infer<typeof MediaRef>;

export const SharedContact = z.object({
  name: z.string(),
  phones: z.array(z.object({ phone: z.string(), waId: z.string().nullable(), type: z.string().nullable() })),
  emails: z.array(z.string()),
  organization: z.string().nullable(),
});

export const TemplateParameter = z.object({
  /** Set for NAMED templates (`{{first_name}}`); absent for positional ones (`{{1}}`). */
  name: z.string().max(100).optional(),
  text: z.string().max(1024),
});

/** What a recruiter fills in to send a template: values per component, checked against the template. */
export const TemplateSendInput = z.object({
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  headerText: z.array(TemplateParameter).max(1).optional(),
  /** Header image / video / document: an uploaded media id of ours, or an https link. */
  headerMedia: z
    .object({
      kind: z.enum(["image", "video", "document"]),
      mediaId: z.string().optional(),
      link: z.url().optional(),
      filename: z.string().optional(),
    })
    .optional(),
  body: z.array(TemplateParameter).max(60).optional(),
  buttons: z
    .array(
      z.object({
        index: z.number().int().min(0).max(9),
        subType: z.enum(["quick_reply", "url", "copy_code"]),
        value: z.string().max(2000),
      }),
    )
    .max(10)
    .optional(),
});
export type TemplateSendInput = z.infer<typeof TemplateSendInput>;

/** The typed content of a message, inbound or outbound; Meta's unknown types are kept raw. */
export const MessageContent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), body: z.string() }),
  z.object({ type: z.enum(["image", "video", "audio", "document", "sticker"]), media: MediaRef }),
  z.object({
    type: z.literal("location"),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().nullable(),
    address: z.string().nullable(),
    url: z.string().nullable(),
  }),
  z.object({ type: z.literal("contacts"), contacts: z.array(SharedContact) }),
  z.object({
    type: z.literal("interactive_reply"),
    kind: z.enum(["button_reply", "list_reply", "nfm_reply"]),
    replyId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
  }),
  z.object({ type: z.literal("button"), payload: z.string().nullable(), text: z.string() }),
  z.object({ type: z.literal("reaction"), targetWamid: z.string(), emoji: z.string().nullable() }),
  z.object({
    type: z.literal("template"),
    name: z.string(),
    language: z.string(),
    /** The text as the candidate sees it, variables filled in. */
    rendered: z.string(),
    params: TemplateSendInput,
  }),
  z.object({
    type: z.literal("interactive"),
    kind: z.enum(["button", "list", "cta_url"]),
    body: z.string(),
    /** Absent on questions stored before headers and footers could be sent. */
    header: z.string().nullable().optional(),
    footer: z.string().nullable().optional(),
    /** `cta_url`: the page the button opens (its label is the one option's title). */
    url: z.string().nullable().optional(),
    /** The buttons, or a list's rows across its sections, in order. */
    options: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().nullable() })),
    /** A list: the label of the button that opens it. */
    listButton: z.string().nullable(),
    /** A list's sections: each title and how many of `options`, in order, it holds. */
    sections: z.array(z.object({ title: z.string().nullable(), size: z.number().int() })),
  }),
  z.object({
    type: z.literal("system"),
    body: z.string(),
    kind: z.string().nullable(),
    newWaId: z.string().nullable(),
  }),
  z.object({ type: z.literal("unsupported"), reason: z.string() }),
  z.object({ type: z.literal("unknown"), metaType: z.string(), raw: z.unknown() }),
]);
export type MessageContent = z.infer<typeof MessageContent>;

export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageResponse = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  direction: z.enum(["inbound", "outbound"]),
  wamid: z.string().nullable(),
  type: z.string(),
  content: MessageContent,
  status: MessageStatus,
  /** Reply-to and forwarding as Meta reports them. */
  context: z
    .object({
      replyToWamid: z.string().nullable(),
      isForwarded: z.boolean(),
      isFrequentlyForwarded: z.boolean(),
    })
    .nullable(),
  referral: z.record(z.string(), z.unknown()).nullable(),
  /** Reactions on this message, latest per side. */
  reactions: z.array(z.object({ emoji: z.string(), direction: z.enum(["inbound", "outbound"]) })),
  error: z
    .object({
      code: z.number().nullable(),
      title: z.string().nullable(),
      details: z.string().nullable(),
      explanation: z.string(),
    })
    .nullable(),
  pricing: z
    .object({
      category: z.string().nullable(),
      type: z.string().nullable(),
      isBillable: z.boolean().nullable(),
    })
    .nullable(),
  senderUserId: z.string().nullable(),
  /** Sent by an inbox rule (the away reply), not by a teammate or an API key. */
  automation: z.enum(MESSAGE_AUTOMATIONS).nullable(),
  /** Sent from the WhatsApp Business app (an echo) or imported from its history; null otherwise. */
  origin: z.enum(MESSAGE_ORIGINS).nullable(),
  occurredAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type MessageResponse = z.infer<typeof MessageResponse>;

const InteractiveOptionInput = z.object({
  /** What the candidate's answer carries back (`option_1`, `option_2`… when not given). */
  id: z.string().max(256).optional(),
  title: z.string().max(200),
});

/**
 * Reply buttons (1 to 3), a list (one button label, up to 10 rows across its sections) or a button
 * that opens a web page (`cta_url`), sent in the 24-hour window, each with an optional header and
 * footer line. Meta's limits are checked by `validateInteractive` (contracts/interactive-rules.ts):
 * a refusal names each field at fault.
 */
/** A bold line above the text and a grey one below it, on every kind (Meta: 60 characters each). */
const InteractiveFrameInput = {
  header: z.string().max(500).optional(),
  footer: z.string().max(500).optional(),
};

export const InteractiveSendInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("button"),
    body: z.string().max(5000),
    buttons: z.array(InteractiveOptionInput).max(20),
    ...InteractiveFrameInput,
  }),
  z.object({
    type: z.literal("cta_url"),
    body: z.string().max(5000),
    /** The button's label; the candidate never sees the address itself. */
    displayText: z.string().max(200),
    url: z.string().max(5000),
    ...InteractiveFrameInput,
  }),
  z.object({
    type: z.literal("list"),
    body: z.string().max(5000),
    button: z.string().max(200),
    ...InteractiveFrameInput,
    sections: z
      .array(
        z.object({
          title: z.string().max(200).optional(),
          rows: z
            .array(InteractiveOptionInput.extend({ description: z.string().max(500).optional() }))
            .max(50),
        }),
      )
      .max(20),
  }),
]);
export type InteractiveSendInput = z.infer<typeof InteractiveSendInput>;

/** A place: coordinates, and optionally its name and address as the candidate sees them. */
export const LocationSendInput = z.object({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().max(2000).optional(),
  address: z.string().max(2000).optional(),
});
export type LocationSendInput = z.infer<typeof LocationSendInput>;

/** `POST /api/messages/send`: to a conversation, or to a candidate's phone on a connection. */
/**
 * A WhatsApp business-scoped user id (BSUID): two letters of country, a period, up to 128 letters
 * and digits (`US.13491208655302741918`); a parent BSUID has `ENT.` after the country.
 */
export const BSUID_PATTERN = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;
export const isBsuid = (value: string) => BSUID_PATTERN.test(value.trim());

export const SendMessageBody = z
  .object({
    conversationId: z.uuid().optional(),
    connectionId: z.uuid().optional(),
    /**
     * A phone as recruiters type it: 0638167216, +212 638-167216, 00212638167216... A
     * business-scoped user id given here is read as `recipient`.
     */
    to: z.string().min(3).max(140).optional(),
    /**
     * The candidate's business-scoped user id (BSUID, `MA.1349…`, as in `contact.bsuid`): reaches a
     * candidate who shares only a username, through Meta's `recipient` field. With `connectionId`.
     */
    recipient: z
      .string()
      .regex(BSUID_PATTERN, "a business-scoped user id such as MA.13491208655302741918")
      .optional(),
    /** A candidate already known (`contact.id`): on `connectionId`, else in their latest conversation. */
    contactId: z.uuid().optional(),
    contactName: z.string().trim().max(120).optional(),
    /** LinkoJob's own references, to find the conversation again without our ids. */
    externalCandidateId: z.string().max(120).optional(),
    externalJobRef: z.string().max(200).optional(),
    // Described for the OpenAPI document too: integrators read it there.
    contactLanguage: z
      .enum(CONTACT_LANGUAGES)
      .optional()
      .describe(
        "The candidate's language, when known: kept on the contact as PATCH /api/contacts/:id does, over a language read from their messages; an API key's never replaces one a recruiter chose",
      ),
    replyToMessageId: z.uuid().optional(),
    text: z.string().min(1).max(4096).optional(),
    template: TemplateSendInput.optional(),
    media: z
      .object({
        kind: z.enum(["image", "video", "audio", "document", "sticker"]),
        mediaId: z.uuid(),
        caption: z.string().max(1024).optional(),
      })
      .optional(),
    reaction: z.object({ messageId: z.uuid(), emoji: z.string().max(16) }).optional(),
    interactive: InteractiveSendInput.optional(),
    location: LocationSendInput.optional(),
  })
  .refine(
    (b) => [b.text, b.template, b.media, b.reaction, b.interactive, b.location].filter(Boolean).length === 1,
    {
      message: "give exactly one of text, template, media, reaction, interactive or location",
      path: ["text"],
    },
  )
  .refine(
    (b) =>
      Boolean(b.conversationId) ||
      (Boolean(b.connectionId) && (Boolean(b.to) || Boolean(b.recipient))) ||
      (Boolean(b.contactId) && !b.to && !b.recipient) ||
      (Boolean(b.externalCandidateId) && !b.to && !b.recipient),
    {
      message:
        "give conversationId, or connectionId and to (a phone) or recipient (a business-scoped user id), or contactId, or externalCandidateId (LinkoJob's candidate id)",
      path: ["conversationId"],
    },
  );
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const MessagePage = z.object({
  messages: z.array(MessageResponse),
  nextCursor: z.string().nullable(),
});
export type MessagePage = z.infer<typeof MessagePage>;

/** The inbox search in messages: two characters or more, accents, case and Arabic harakat aside. */
export const MessageSearchQuery = z.object({
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});
export type MessageSearchQuery = z.infer<typeof MessageSearchQuery>;

/** A piece of a result's text; the pieces that matched the search are marked. */
export const SnippetPart = z.object({ text: z.string(), isMatch: z.boolean() });

export const MessageSearchHit = z.object({
  messageId: z.uuid(),
  conversationId: z.uuid(),
  direction: z.enum(["inbound", "outbound"]),
  type: z.string(),
  occurredAt: z.string(),
  contact: z.object({ id: z.uuid(), displayName: z.string(), phone: z.string().nullable() }),
  /** Around the first match (text or file name), cut at words, the matches marked. */
  snippet: z.array(SnippetPart),
});
export type MessageSearchHit = z.infer<typeof MessageSearchHit>;

export const MessageSearchPage = z.object({
  results: z.array(MessageSearchHit),
  nextCursor: z.string().nullable(),
});
export type MessageSearchPage = z.infer<typeof MessageSearchPage>;

/** "Find in chat": one conversation's messages matching, newest first (at most `limit`). */
export const ChatFindQuery = z.object({
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const ChatFindResponse = z.object({
  matches: z.array(z.object({ messageId: z.uuid(), occurredAt: z.string() })),
  /** False when more messages match than were listed. */
  isComplete: z.boolean(),
});
export type ChatFindResponse = z.infer<typeof ChatFindResponse>;

/** A chat's photos and videos around one of them, for the lightbox (`limit` on each side). */
export const ChatMediaQuery = z.object({
  around: z.uuid(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const ChatMediaPage = z.object({
  /** Oldest first: the ones before `around`, `around` itself, the ones after. */
  items: z.array(MessageResponse),
  /** The first item's place among all the chat's photos and videos, from 1 (for "3 / 12"). */
  firstPosition: z.number().int(),
  total: z.number().int(),
});
export type ChatMediaPage = z.infer<typeof ChatMediaPage>;
