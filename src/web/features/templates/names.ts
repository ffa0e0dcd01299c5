import type { Locale } from "../../i18n/locale";

// How a template and its variables are named to a recruiter: never `job_opportunity`, `en_US` or
// `Variable {{2}}`. Small and free of catalogues, so the inbox's picker and the campaigns page use
// it without loading the Templates page.

/** The recruiting starter pack's templates (and the sandbox's own), by the name Meta knows them under. */
const STARTER_NAMES: Record<string, Record<Locale, string>> = {
  job_opportunity: { fr: "Offre d’emploi", en: "Job opportunity", ar: "فرصة عمل" },
  application_received: { fr: "Candidature reçue", en: "Application received", ar: "تم استلام الترشح" },
  interview_invitation: {
    fr: "Invitation à un entretien",
    en: "Interview invitation",
    ar: "دعوة إلى مقابلة",
  },
  interview_schedule: { fr: "Créneau d’entretien", en: "Interview schedule", ar: "موعد المقابلة" },
  documents_request: { fr: "Demande de documents", en: "Documents request", ar: "طلب وثائق" },
  follow_up: { fr: "Relance", en: "Follow-up", ar: "متابعة" },
  application_follow_up: { fr: "Relance", en: "Follow-up", ar: "متابعة" },
  interview_reminder: { fr: "Rappel d’entretien", en: "Interview reminder", ar: "تذكير بالمقابلة" },
};

/** `job_fair_invitation` → `Job fair invitation`: Meta's name read as words. */
export function humanise(name: string): string {
  const words = name.replace(/[_\s]+/gu, " ").trim();
  return words ? words.charAt(0).toLocaleUpperCase() + words.slice(1) : name;
}

/** The name a recruiter reads: the starter pack's own in the interface's language, else humanised. */
export function templateLabel(name: string, locale: Locale): string {
  return STARTER_NAMES[name]?.[locale] ?? humanise(name);
}

/** Whether a name is one of the starter pack's. */
export function isStarterName(name: string): boolean {
  return name in STARTER_NAMES;
}

const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A template's language in its own words, as WhatsApp's language pickers show it: `fr` →
 * `Français`, `ar` → `العربية`, `en_US` → `English`. Unknown codes are shown as they are.
 */
export function languageLabel(code: string): string {
  const base = code.split(/[_-]/u)[0]?.toLowerCase() ?? code;
  try {
    let names = displayNames.get(base);
    if (!names) {
      names = new Intl.DisplayNames([base], { type: "language" });
      displayNames.set(base, names);
    }
    const name = names.of(base);
    if (!name || name === base) return code;
    return name.charAt(0).toLocaleUpperCase(base) + name.slice(1);
  } catch {
    return code;
  }
}

/** Variable names recruiters use, read as field labels. */
const VARIABLE_NAMES: Record<string, Record<Locale, string>> = {
  first_name: { fr: "Prénom", en: "First name", ar: "الاسم الشخصي" },
  firstname: { fr: "Prénom", en: "First name", ar: "الاسم الشخصي" },
  prenom: { fr: "Prénom", en: "First name", ar: "الاسم الشخصي" },
  candidate_name: { fr: "Nom du candidat", en: "Candidate’s name", ar: "اسم المرشح" },
  last_name: { fr: "Nom", en: "Last name", ar: "الاسم العائلي" },
  name: { fr: "Nom", en: "Name", ar: "الاسم" },
  job_title: { fr: "Poste", en: "Job title", ar: "المنصب" },
  position: { fr: "Poste", en: "Position", ar: "المنصب" },
  company_name: { fr: "Entreprise", en: "Company", ar: "الشركة" },
  company: { fr: "Entreprise", en: "Company", ar: "الشركة" },
  city: { fr: "Ville", en: "City", ar: "المدينة" },
  location: { fr: "Lieu", en: "Place", ar: "المكان" },
  address: { fr: "Adresse", en: "Address", ar: "العنوان" },
  date: { fr: "Date", en: "Date", ar: "التاريخ" },
  time: { fr: "Heure", en: "Time", ar: "الساعة" },
  interview_date: { fr: "Date de l’entretien", en: "Interview date", ar: "تاريخ المقابلة" },
  interview_time: { fr: "Heure de l’entretien", en: "Interview time", ar: "ساعة المقابلة" },
  documents: { fr: "Documents", en: "Documents", ar: "الوثائق" },
  deadline: { fr: "Date limite", en: "Deadline", ar: "آخر أجل" },
  recruiter_name: { fr: "Recruteur", en: "Recruiter", ar: "المسؤول عن التوظيف" },
  job_id: { fr: "Référence de l’offre", en: "Job reference", ar: "مرجع العرض" },
  code: { fr: "Code", en: "Code", ar: "الرمز" },
};

/** The words a named variable stands for (`first_name` → `Prénom`); null for a number or an unknown name. */
export function variableWords(name: string, locale: Locale): string | null {
  if (/^\d+$/u.test(name)) return null;
  return VARIABLE_NAMES[name]?.[locale] ?? humanise(name);
}

/** The first-name words, for a positional variable that follows a greeting (`Bonjour {{1}}`). */
export function firstNameWords(locale: Locale): string {
  return VARIABLE_NAMES.first_name?.[locale] ?? "Prénom";
}
