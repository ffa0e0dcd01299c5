import type { AutomationMessages } from "./fr";

export const automationAr: AutomationMessages = {
  title: "قواعد صندوق الوارد",
  hint: "من يتلقى المحادثات الجديدة، والرد المرسل عندما يكون الفريق غائبًا.",
  readOnly: "يغيّر هذه القواعد المالكون والمسؤولون فقط.",
  assignment: "إسناد المحادثات الجديدة",
  assignmentHint:
    "عندما يكتب مرشح لأول مرة في محادثة بلا مسؤول. يحدد كل عضو ما إذا كان متاحًا من قائمة حسابه.",
  modes: {
    off: "معطّل (إسناد يدوي)",
    round_robin: "بالتناوب بين أعضاء الفريق المتاحين",
    last_writer: "إلى آخر مُوظِّف كتب إلى المرشح (وإلا فبالتناوب)",
  },
  businessHours: "ساعات العمل",
  businessHoursHint: "حسب المنطقة الزمنية للحساب:",
  weekdays: {
    monday: "الاثنين",
    tuesday: "الثلاثاء",
    wednesday: "الأربعاء",
    thursday: "الخميس",
    friday: "الجمعة",
    saturday: "السبت",
    sunday: "الأحد",
  },
  open: (day: string) => `${day}: مفتوح`,
  opens: (day: string) => `${day}: الافتتاح`,
  closes: (day: string) => `${day}: الإغلاق`,
  closed: "مغلق",
  invalidHours: (day: string) => `${day}: يجب أن يأتي الإغلاق بعد الافتتاح.`,
  awayReply: "رد الغياب",
  awayEnabled: "الرد تلقائيًا خارج ساعات العمل",
  awayEnabledHint: "بلغة المرشح، مرة واحدة على الأكثر كل 12 ساعة لكل محادثة، وأبدًا لمرشح ألغى اشتراكه.",
  messageIn: { fr: "الرسالة بالفرنسية", en: "الرسالة بالإنجليزية", ar: "الرسالة بالعربية" },
  messageRequired: "اكتب الرسالة بلغة واحدة على الأقل.",
};
