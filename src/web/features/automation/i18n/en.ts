import type { AutomationMessages } from "./fr";

export const automationEn: AutomationMessages = {
  title: "Inbox rules",
  hint: "Who gets new conversations, and the reply sent while the team is away.",
  readOnly: "Only owners and admins change these rules.",
  assignment: "Assigning new conversations",
  assignmentHint:
    "When a candidate writes for the first time in a conversation nobody has. Everyone says whether they are available from their account menu.",
  modes: {
    off: "Off (assigned by hand)",
    round_robin: "In turn among the available teammates",
    last_writer: "To the recruiter who last wrote to the candidate (else in turn)",
  },
  businessHours: "Business hours",
  businessHoursHint: "In the account's time zone:",
  weekdays: {
    monday: "Monday",
    tuesday: "Tuesday",
    wednesday: "Wednesday",
    thursday: "Thursday",
    friday: "Friday",
    saturday: "Saturday",
    sunday: "Sunday",
  },
  open: (day: string) => `${day}: open`,
  opens: (day: string) => `${day}: opens`,
  closes: (day: string) => `${day}: closes`,
  closed: "Closed",
  invalidHours: (day: string) => `${day}: closing must come after opening.`,
  awayReply: "Away reply",
  awayEnabled: "Reply automatically outside business hours",
  awayEnabledHint:
    "In the candidate's language, at most once every 12 hours per conversation, never to a candidate who opted out.",
  messageIn: { fr: "Message in French", en: "Message in English", ar: "Message in Arabic" },
  messageRequired: "Write the message in at least one language.",
};
