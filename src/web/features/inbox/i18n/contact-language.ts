import type { ContactLanguage, LanguageSource } from "../../../../contracts/contact-language";
import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";

// The candidate's language in the details panel: loaded with the panel, not with the inbox.

const fr = {
  label: "Langue du candidat",
  unknown: "Inconnue",
  names: { fr: "Français", en: "Anglais", ar: "Arabe" } as Record<ContactLanguage, string>,
  sources: {
    detected: "Déduite de ses messages",
    recruiter: "Choisie par l’équipe",
    integration: "Donnée par LinkoJob",
  } as Record<LanguageSource, string>,
  unknownHint: "Déduite de son prochain message clair.",
};
export type ContactLanguageMessages = typeof fr;

const en: ContactLanguageMessages = {
  label: "Candidate’s language",
  unknown: "Unknown",
  names: { fr: "French", en: "English", ar: "Arabic" },
  sources: {
    detected: "Read from their messages",
    recruiter: "Chosen by the team",
    integration: "Set by LinkoJob",
  },
  unknownHint: "Read from their next clear message.",
};

const ar: ContactLanguageMessages = {
  label: "لغة المرشح",
  unknown: "غير معروفة",
  names: { fr: "الفرنسية", en: "الإنجليزية", ar: "العربية" },
  sources: {
    detected: "مستنتجة من رسائله",
    recruiter: "اختارها الفريق",
    integration: "حددتها LinkoJob",
  },
  unknownHint: "ستُستنتج من رسالته الواضحة التالية.",
};

export const CONTACT_LANGUAGE_CATALOGUES: Record<Locale, ContactLanguageMessages> = { fr, en, ar };

/** `const { tl } = useContactLanguageI18n()`: the language field's words, with the main catalogue's tools. */
export function useContactLanguageI18n() {
  const i18n = useI18n();
  return { ...i18n, tl: CONTACT_LANGUAGE_CATALOGUES[i18n.locale] };
}
