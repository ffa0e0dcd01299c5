import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { plural } from "../../../i18n/plural";

// The conversation status strings (views, header actions, row markers). Same rules as the main
// catalogue: U+00A0 before ":", U+202F before "; ? !", curly apostrophes.
const NBSP = "\u00a0";

const statusFr = {
  views: {
    label: "Vues",
    all: "Tous",
    mine: "Les miens",
    unassigned: "Non assignés",
    open: "Ouverts",
    snoozed: "Reportés",
    resolved: "Résolus",
    archived: "Archivés",
    count: (count: number, formatted: string) =>
      plural("fr-MA", count, { one: `${formatted} conversation`, other: `${formatted} conversations` }),
  },
  status: {
    open: "Ouverte",
    waiting: "En attente du candidat",
    resolved: "Résolue",
    snoozedUntil: (time: string) => `Reportée jusqu’à ${time}`,
    archived: "Archivée",
  },
  actions: {
    resolve: "Résoudre",
    reopen: "Rouvrir",
    snooze: "Reporter",
    snoozeTitle: "Reporter jusqu’à…",
    inOneHour: "Dans 1\u00a0h",
    tonight: "Ce soir",
    tomorrow: "Demain matin",
    nextWeek: "Lundi matin",
    custom: "Choisir une date et une heure",
    customLabel: "Reporter jusqu’au",
    confirmSnooze: "Reporter",
    waiting: "En attente du candidat",
    more: "Plus d’actions",
    markUnread: "Marquer comme non lue",
    pin: "Épingler",
    unpin: "Désépingler",
    mute: "Mettre en sourdine",
    unmute: "Réactiver les notifications",
    archive: "Archiver",
    unarchive: "Désarchiver",
    notYours: `Assignée à un collègue${NBSP}: seul un administrateur peut changer son statut.`,
    failed: "L’action n’a pas abouti. Réessayez.",
    pinLimit: `Trop de conversations épinglées${NBSP}: désépinglez-en une d’abord.`,
    pastTime: "Choisissez un moment à venir.",
  },
  row: {
    pinned: "Épinglée",
    muted: "En sourdine",
    markedUnread: "Marquée comme non lue",
  },
};

export type StatusMessages = typeof statusFr;

const statusEn: StatusMessages = {
  views: {
    label: "Views",
    all: "All",
    mine: "Mine",
    unassigned: "Unassigned",
    open: "Open",
    snoozed: "Snoozed",
    resolved: "Resolved",
    archived: "Archived",
    count: (count: number, formatted: string) =>
      plural("en-GB", count, { one: `${formatted} conversation`, other: `${formatted} conversations` }),
  },
  status: {
    open: "Open",
    waiting: "Waiting for the candidate",
    resolved: "Resolved",
    snoozedUntil: (time: string) => `Snoozed until ${time}`,
    archived: "Archived",
  },
  actions: {
    resolve: "Resolve",
    reopen: "Reopen",
    snooze: "Snooze",
    snoozeTitle: "Snooze until…",
    inOneHour: "In 1 hour",
    tonight: "This evening",
    tomorrow: "Tomorrow morning",
    nextWeek: "Monday morning",
    custom: "Pick a date and time",
    customLabel: "Snooze until",
    confirmSnooze: "Snooze",
    waiting: "Waiting for the candidate",
    more: "More actions",
    markUnread: "Mark as unread",
    pin: "Pin",
    unpin: "Unpin",
    mute: "Mute",
    unmute: "Unmute",
    archive: "Archive",
    unarchive: "Unarchive",
    notYours: "Assigned to a colleague: only an admin can change its status.",
    failed: "That did not work. Try again.",
    pinLimit: "Too many pinned conversations: unpin one first.",
    pastTime: "Choose a time in the future.",
  },
  row: {
    pinned: "Pinned",
    muted: "Muted",
    markedUnread: "Marked as unread",
  },
};

const statusAr: StatusMessages = {
  views: {
    label: "طرق العرض",
    all: "الكل",
    mine: "محادثاتي",
    unassigned: "غير مسندة",
    open: "مفتوحة",
    snoozed: "مؤجلة",
    resolved: "محلولة",
    archived: "مؤرشفة",
    count: (count: number, formatted: string) =>
      plural("ar-MA", count, {
        zero: "لا محادثات",
        one: "محادثة واحدة",
        two: "محادثتان",
        few: `${formatted} محادثات`,
        many: `${formatted} محادثة`,
        other: `${formatted} محادثة`,
      }),
  },
  status: {
    open: "مفتوحة",
    waiting: "في انتظار رد المرشح",
    resolved: "محلولة",
    snoozedUntil: (time: string) => `مؤجلة حتى ${time}`,
    archived: "مؤرشفة",
  },
  actions: {
    resolve: "تم الحل",
    reopen: "إعادة الفتح",
    snooze: "تأجيل",
    snoozeTitle: "تأجيل حتى…",
    inOneHour: "بعد ساعة",
    tonight: "هذا المساء",
    tomorrow: "صباح الغد",
    nextWeek: "صباح الاثنين",
    custom: "اختيار تاريخ ووقت",
    customLabel: "تأجيل حتى",
    confirmSnooze: "تأجيل",
    waiting: "في انتظار رد المرشح",
    more: "إجراءات أخرى",
    markUnread: "تمييز كغير مقروءة",
    pin: "تثبيت",
    unpin: "إلغاء التثبيت",
    mute: "كتم الإشعارات",
    unmute: "إلغاء كتم الإشعارات",
    archive: "أرشفة",
    unarchive: "إلغاء الأرشفة",
    notYours: "مسندة إلى زميل: وحده المسؤول يمكنه تغيير حالتها.",
    failed: "تعذّر تنفيذ الإجراء. حاول مرة أخرى.",
    pinLimit: "عدد المحادثات المثبتة كبير: ألغِ تثبيت إحداها أولًا.",
    pastTime: "اختر وقتًا في المستقبل.",
  },
  row: {
    pinned: "مثبتة",
    muted: "مكتومة",
    markedUnread: "مميزة كغير مقروءة",
  },
};

export const STATUS_CATALOGUES: Record<Locale, StatusMessages> = { fr: statusFr, en: statusEn, ar: statusAr };

/** The status strings in the UI's language. */
export function useStatusI18n(): StatusMessages {
  return STATUS_CATALOGUES[useI18n().locale];
}
