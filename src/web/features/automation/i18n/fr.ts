import type { AssignmentMode, AwayLanguage, Weekday } from "../../../../contracts/automation";

// The inbox rules' strings (Settings). Same rules as the main catalogue: U+00A0 before ":",
// U+202F before "; ? !".
const NBSP = "\u00a0";

export const automationFr = {
  title: "Règles de la boîte de réception",
  hint: "Qui reçoit les nouvelles conversations, et la réponse envoyée quand l’équipe est absente.",
  readOnly: "Seuls les propriétaires et les administrateurs modifient ces règles.",
  assignment: "Attribution des nouvelles conversations",
  assignmentHint:
    "Quand un candidat écrit pour la première fois dans une conversation sans responsable. Chacun se dit disponible ou non depuis son menu de compte.",
  modes: {
    off: "Désactivée (attribution à la main)",
    round_robin: "À tour de rôle entre les membres disponibles",
    last_writer: "Au recruteur qui a écrit en dernier au candidat (sinon à tour de rôle)",
  } satisfies Record<AssignmentMode, string>,
  businessHours: "Heures d’ouverture",
  businessHoursHint: `Dans le fuseau horaire du compte${NBSP}:`,
  weekdays: {
    monday: "Lundi",
    tuesday: "Mardi",
    wednesday: "Mercredi",
    thursday: "Jeudi",
    friday: "Vendredi",
    saturday: "Samedi",
    sunday: "Dimanche",
  } satisfies Record<Weekday, string>,
  open: (day: string) => `${day}${NBSP}: ouvert`,
  opens: (day: string) => `${day}${NBSP}: ouverture`,
  closes: (day: string) => `${day}${NBSP}: fermeture`,
  closed: "Fermé",
  invalidHours: (day: string) => `${day}${NBSP}: la fermeture doit venir après l’ouverture.`,
  awayReply: "Réponse d’absence",
  awayEnabled: "Répondre automatiquement en dehors des heures d’ouverture",
  awayEnabledHint:
    "Dans la langue du candidat, au plus une fois toutes les 12 heures par conversation, jamais à un candidat désinscrit.",
  messageIn: {
    fr: "Message en français",
    en: "Message en anglais",
    ar: "Message en arabe",
  } satisfies Record<AwayLanguage, string>,
  messageRequired: "Écrivez le message dans au moins une langue.",
};

export type AutomationMessages = typeof automationFr;
