import type { TemplateCategory, TemplateTranslationDraft } from "../../../contracts/template-rules";
import type { StarterKey } from "../../../contracts/templates";

/**
 * The recruiting starter pack: the templates a freshly connected number needs to reach candidates
 * outside the 24-hour window, written in French, Arabic and English. `{company}` is the client's
 * name, written into the text before submission (it is fixed text, not a variable). Variables are
 * NAMED so a campaign's CSV columns read as what they hold.
 *
 * Categories follow Meta's rules: a message about the candidate's own application (received,
 * interview, documents, a reminder, a follow-up on an unanswered request) is UTILITY; an offer the
 * candidate did not apply for is MARKETING. Meta may still recategorise (`template_category_update`).
 */
export interface Starter {
  key: StarterKey;
  name: string;
  category: Exclude<TemplateCategory, "AUTHENTICATION">;
  /** Meta's library template with the same purpose, used when it exists in every language asked. */
  library?: { name: string; languages: readonly string[] };
  translations: (company: string) => TemplateTranslationDraft[];
}

const none = { header: null, footer: null, buttons: [] as TemplateTranslationDraft["buttons"] };
const quickReplies = (...labels: string[]) => labels.map((text) => ({ type: "QUICK_REPLY" as const, text }));

export const STARTERS: readonly Starter[] = [
  {
    key: "job_opportunity",
    name: "job_opportunity",
    category: "MARKETING",
    translations: (company) => [
      {
        language: "fr",
        header: null,
        body: {
          text: `Bonjour {{first_name}}, ${company} recrute pour un poste de {{job_title}} à {{city}}. Votre profil nous intéresse : souhaitez-vous recevoir les détails de l'offre ?`,
          examples: { first_name: "Youssef", job_title: "technicien de maintenance", city: "Casablanca" },
        },
        footer: "Répondez STOP pour ne plus recevoir d'offres",
        buttons: quickReplies("Oui, ça m'intéresse", "Non merci"),
      },
      {
        language: "ar",
        header: null,
        body: {
          text: `مرحبا {{first_name}}، تبحث ${company} عن مرشحين لوظيفة {{job_title}} في {{city}}. ملفك يهمنا: هل ترغب في الاطلاع على تفاصيل العرض؟`,
          examples: { first_name: "يوسف", job_title: "تقني صيانة", city: "الدار البيضاء" },
        },
        footer: "أرسل STOP لإيقاف استلام عروض العمل",
        buttons: quickReplies("نعم، أنا مهتم", "لا، شكرا"),
      },
      {
        language: "en",
        header: null,
        body: {
          text: `Hello {{first_name}}, ${company} is hiring for a {{job_title}} position in {{city}}. Your profile caught our attention: would you like to receive the details of the offer?`,
          examples: { first_name: "Youssef", job_title: "maintenance technician", city: "Casablanca" },
        },
        footer: "Reply STOP to stop receiving job offers",
        buttons: quickReplies("Yes, I'm interested", "No, thanks"),
      },
    ],
  },
  {
    key: "application_received",
    name: "application_received",
    category: "UTILITY",
    translations: (company) => [
      {
        language: "fr",
        ...none,
        body: {
          text: `Bonjour {{first_name}}, nous avons bien reçu votre candidature au poste de {{job_title}} chez ${company}. Notre équipe l'étudie et reviendra vers vous dans les prochains jours.`,
          examples: { first_name: "Fatima", job_title: "comptable" },
        },
      },
      {
        language: "ar",
        ...none,
        body: {
          text: `مرحبا {{first_name}}، لقد توصلنا بطلب ترشحك لوظيفة {{job_title}} لدى ${company}. يقوم فريقنا بدراسته وسنعود إليك خلال الأيام القادمة.`,
          examples: { first_name: "فاطمة", job_title: "محاسبة" },
        },
      },
      {
        language: "en",
        ...none,
        body: {
          text: `Hello {{first_name}}, we have received your application for the {{job_title}} position at ${company}. Our team is reviewing it and will get back to you in the coming days.`,
          examples: { first_name: "Fatima", job_title: "accountant" },
        },
      },
    ],
  },
  {
    key: "interview_invitation",
    name: "interview_invitation",
    category: "UTILITY",
    translations: (company) => [
      {
        language: "fr",
        header: null,
        body: {
          text: `Bonjour {{first_name}}, suite à votre candidature au poste de {{job_title}}, ${company} vous invite à un entretien le {{date}} à {{time}}. Merci de confirmer votre présence ou de demander un autre créneau.`,
          examples: {
            first_name: "Karim",
            job_title: "commercial terrain",
            date: "mardi 12 mars",
            time: "10h00",
          },
        },
        footer: null,
        buttons: quickReplies("Je confirme", "Changer de créneau"),
      },
      {
        language: "ar",
        header: null,
        body: {
          text: `مرحبا {{first_name}}، بخصوص ترشحك لوظيفة {{job_title}}، يسر ${company} دعوتك إلى مقابلة يوم {{date}} على الساعة {{time}}. المرجو تأكيد حضورك أو طلب موعد آخر.`,
          examples: {
            first_name: "كريم",
            job_title: "مندوب مبيعات",
            date: "الثلاثاء 12 مارس",
            time: "10:00",
          },
        },
        footer: null,
        buttons: quickReplies("أؤكد الحضور", "تغيير الموعد"),
      },
      {
        language: "en",
        header: null,
        body: {
          text: `Hello {{first_name}}, following your application for the {{job_title}} position, ${company} invites you to an interview on {{date}} at {{time}}. Please confirm your attendance or ask for another time.`,
          examples: {
            first_name: "Karim",
            job_title: "field sales representative",
            date: "Tuesday, March 12",
            time: "10:00 AM",
          },
        },
        footer: null,
        buttons: quickReplies("Confirm", "Reschedule"),
      },
    ],
  },
  {
    key: "documents_request",
    name: "documents_request",
    category: "UTILITY",
    translations: (company) => [
      {
        language: "fr",
        ...none,
        body: {
          text: `Bonjour {{first_name}}, pour poursuivre votre candidature au poste de {{job_title}} chez ${company}, merci de nous envoyer en réponse à ce message les documents suivants : {{documents}}. Merci d'avance.`,
          examples: {
            first_name: "Salma",
            job_title: "assistante RH",
            documents: "CV à jour et copie de la CIN",
          },
        },
      },
      {
        language: "ar",
        ...none,
        body: {
          text: `مرحبا {{first_name}}، لمتابعة ترشحك لوظيفة {{job_title}} لدى ${company}، المرجو أن ترسل لنا ردا على هذه الرسالة الوثائق التالية: {{documents}}. شكرا مسبقا.`,
          examples: {
            first_name: "سلمى",
            job_title: "مساعدة موارد بشرية",
            documents: "سيرة ذاتية محينة ونسخة من البطاقة الوطنية",
          },
        },
      },
      {
        language: "en",
        ...none,
        body: {
          text: `Hello {{first_name}}, to move forward with your application for the {{job_title}} position at ${company}, please send us the following documents in reply to this message: {{documents}}. Thank you in advance.`,
          examples: {
            first_name: "Salma",
            job_title: "HR assistant",
            documents: "an updated CV and a copy of your ID card",
          },
        },
      },
    ],
  },
  {
    key: "application_follow_up",
    name: "application_follow_up",
    category: "UTILITY",
    translations: (company) => [
      {
        language: "fr",
        header: null,
        body: {
          text: `Bonjour {{first_name}}, nous revenons vers vous au sujet de votre candidature au poste de {{job_title}} chez ${company}, restée sans réponse. Êtes-vous toujours intéressé(e) par ce poste ?`,
          examples: { first_name: "Mehdi", job_title: "magasinier" },
        },
        footer: null,
        buttons: quickReplies("Oui, toujours", "Plus intéressé(e)"),
      },
      {
        language: "ar",
        header: null,
        body: {
          text: `مرحبا {{first_name}}، نعود إليك بخصوص ترشحك لوظيفة {{job_title}} لدى ${company}، والذي لم نتلق ردك بشأنه بعد. هل ما زلت مهتما بهذه الوظيفة؟`,
          examples: { first_name: "مهدي", job_title: "أمين مخزن" },
        },
        footer: null,
        buttons: quickReplies("نعم، ما زلت مهتما", "لم أعد مهتما"),
      },
      {
        language: "en",
        header: null,
        body: {
          text: `Hello {{first_name}}, we are following up on your application for the {{job_title}} position at ${company}, as we have not heard back from you. Are you still interested in this position?`,
          examples: { first_name: "Mehdi", job_title: "warehouse clerk" },
        },
        footer: null,
        buttons: quickReplies("Yes, still interested", "No longer interested"),
      },
    ],
  },
  {
    key: "interview_reminder",
    name: "interview_reminder",
    category: "UTILITY",
    library: { name: "appointment_reminder", languages: ["fr", "ar", "en_US"] },
    translations: (company) => [
      {
        language: "fr",
        ...none,
        body: {
          text: `Bonjour {{first_name}}, nous vous rappelons votre entretien avec ${company} pour le poste de {{job_title}} le {{date}} à {{time}}, à l'adresse suivante : {{place}}. En cas d'empêchement, répondez à ce message.`,
          examples: {
            first_name: "Nadia",
            job_title: "infirmière",
            date: "jeudi 14 mars",
            time: "14h30",
            place: "12 rue Ibn Batouta, Casablanca",
          },
        },
      },
      {
        language: "ar",
        ...none,
        body: {
          text: `مرحبا {{first_name}}، نذكرك بموعد مقابلتك مع ${company} لوظيفة {{job_title}} يوم {{date}} على الساعة {{time}} في العنوان التالي: {{place}}. إذا تعذر عليك الحضور، المرجو الرد على هذه الرسالة.`,
          examples: {
            first_name: "نادية",
            job_title: "ممرضة",
            date: "الخميس 14 مارس",
            time: "14:30",
            place: "12 زنقة ابن بطوطة، الدار البيضاء",
          },
        },
      },
      {
        language: "en",
        ...none,
        body: {
          text: `Hello {{first_name}}, this is a reminder of your interview with ${company} for the {{job_title}} position on {{date}} at {{time}}, at the following address: {{place}}. If you cannot attend, please reply to this message.`,
          examples: {
            first_name: "Nadia",
            job_title: "nurse",
            date: "Thursday, March 14",
            time: "2:30 PM",
            place: "12 Ibn Batouta Street, Casablanca",
          },
        },
      },
    ],
  },
];

export function starterOf(key: StarterKey): Starter {
  const starter = STARTERS.find((s) => s.key === key);
  if (!starter) throw new Error(`no starter ${key}`);
  return starter;
}
