import { z } from "zod";
import { CONTACT_LANGUAGES, type ContactLanguage } from "./contact-language";
import { detectLanguage } from "./language-detection";

// A client's inbox rules: who gets a new conversation, and the away reply sent outside business
// hours. The schemas and the pure rules (is this instant within the hours, which language is this
// message in) are shared by the server and the dashboard.

/** Who a new conversation goes to: nobody (the default), each available teammate in turn, or the one who last wrote to the candidate. */
export const ASSIGNMENT_MODES = ["off", "round_robin", "last_writer"] as const;
export const AssignmentMode = z.enum(ASSIGNMENT_MODES);
export type AssignmentMode = z.infer<typeof AssignmentMode>;

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const AWAY_LANGUAGES = CONTACT_LANGUAGES;
export type AwayLanguage = ContactLanguage;

/** At most one away reply per conversation in this time. */
export const AWAY_REPLY_INTERVAL_MS = 12 * 60 * 60 * 1000;

/** The longest away message (WhatsApp takes 4,096 characters of text). */
export const AWAY_MESSAGE_MAX_LENGTH = 1000;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 00:00 to 23:59");

/** One day's opening, wall-clock in the client's time zone; `close` after `open` (24:00: midnight). */
export const OpeningHours = z
  .object({ open: clock, close: z.union([clock, z.literal("24:00")]) })
  .refine((day) => day.open < day.close, { message: "close must come after open" });
export type OpeningHours = z.infer<typeof OpeningHours>;

/** Each weekday's opening, or null when closed all day. */
export const BusinessHours = z.object(
  Object.fromEntries(WEEKDAYS.map((day) => [day, OpeningHours.nullable()])) as Record<
    Weekday,
    z.ZodNullable<typeof OpeningHours>
  >,
);
export type BusinessHours = z.infer<typeof BusinessHours>;

export const AwayMessages = z.object(
  Object.fromEntries(
    AWAY_LANGUAGES.map((language) => [language, z.string().trim().max(AWAY_MESSAGE_MAX_LENGTH)]),
  ) as Record<AwayLanguage, z.ZodString>,
);
export type AwayMessages = z.infer<typeof AwayMessages>;

/** Monday to Friday, 09:00 to 18:00; the weekend closed. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  monday: { open: "09:00", close: "18:00" },
  tuesday: { open: "09:00", close: "18:00" },
  wednesday: { open: "09:00", close: "18:00" },
  thursday: { open: "09:00", close: "18:00" },
  friday: { open: "09:00", close: "18:00" },
  saturday: null,
  sunday: null,
};

export const AutomationSettings = z.object({
  assignmentMode: AssignmentMode,
  awayReplyEnabled: z.boolean(),
  businessHours: BusinessHours,
  awayMessages: AwayMessages,
  /** The client's time zone (set in the campaign settings), in which the hours are read. */
  timeZone: z.string(),
});
export type AutomationSettings = z.infer<typeof AutomationSettings>;

export const UpdateAutomationSettingsBody = z
  .object({
    assignmentMode: AssignmentMode.optional(),
    awayReplyEnabled: z.boolean().optional(),
    businessHours: BusinessHours.optional(),
    awayMessages: AwayMessages.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message:
      "nothing to change: give at least one of assignmentMode, awayReplyEnabled, businessHours, awayMessages",
  });
export type UpdateAutomationSettingsBody = z.infer<typeof UpdateAutomationSettingsBody>;

const WEEKDAY_OF_SHORT: Record<string, Weekday> = {
  Mon: "monday",
  Tue: "tuesday",
  Wed: "wednesday",
  Thu: "thursday",
  Fri: "friday",
  Sat: "saturday",
  Sun: "sunday",
};

/** Whether an instant falls within the opening of its weekday, read in the time zone. */
export function isWithinBusinessHours(hours: BusinessHours, timeZone: string, instant: Date): boolean {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  const day = hours[WEEKDAY_OF_SHORT[get("weekday")] ?? "monday"];
  if (!day) return false;
  const now = `${get("hour").padStart(2, "0")}:${get("minute").padStart(2, "0")}`;
  return now >= day.open && now < day.close;
}

/**
 * The language of the away reply to a candidate's message: the candidate's own (stored on the
 * contact), else the one their message is clearly written in, else French (Moroccan candidates'
 * default, Darija in Latin letters included).
 */
export function awayReplyLanguage(
  contactLanguage: ContactLanguage | null,
  text: string | null | undefined,
): AwayLanguage {
  return contactLanguage ?? detectLanguage(text) ?? "fr";
}

/** The away message in the language wanted, else in the first other language it is written in. */
export function awayMessageIn(messages: AwayMessages, language: AwayLanguage): string | null {
  const order = [language, ...AWAY_LANGUAGES.filter((other) => other !== language)];
  for (const candidate of order) if (messages[candidate].trim()) return messages[candidate].trim();
  return null;
}

/** What sent a message on the team's behalf, when no person or key did. */
export const MESSAGE_AUTOMATIONS = ["away_reply"] as const;
export type MessageAutomation = (typeof MESSAGE_AUTOMATIONS)[number];

/** The away message until the client writes its own. */
export const DEFAULT_AWAY_MESSAGES: AwayMessages = {
  fr: "Bonjour, merci pour votre message. Notre équipe est absente pour le moment : nous vous répondrons dès notre retour.",
  en: "Hello, thank you for your message. Our team is away at the moment: we will answer as soon as we are back.",
  ar: "مرحبًا، شكرًا على رسالتك. فريقنا غير متاح حاليًا، وسنرد عليك فور عودتنا.",
};
