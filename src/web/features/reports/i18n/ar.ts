import { plural } from "../../../i18n/plural";
import type { ReportsMessages } from "./fr";

export const reportsAr: ReportsMessages = {
  title: "التقارير",
  intro:
    "كم ينتظر المترشحون ردًّا من أحد أفراد الفريق، وكم يستغرق حلّ المحادثة، والمحادثات المعالَجة، أسبوعًا بأسبوع.",
  period: "الفترة",
  weeks: (n, f) =>
    plural("ar-MA", n, {
      zero: `آخر ${f} أسبوع`,
      one: "الأسبوع الأخير",
      two: "آخر أسبوعين",
      few: `آخر ${f} أسابيع`,
      many: `آخر ${f} أسبوعًا`,
      other: `آخر ${f} أسبوع`,
    }),
  ownOnly: "أرقامك الخاصة: لا يرى المُوظِّفون أرقام زملائهم.",
  range: (from, to) => `من ${from} إلى ${to}`,
  handled: "المحادثات المعالَجة",
  firstResponse: "الرد الأول (الوسيط)",
  resolution: "الحلّ (الوسيط)",
  p90: (duration) => `90٪ في أقل من ${duration}`,
  responses: (n, f) =>
    plural("ar-MA", n, {
      zero: `${f} انتظار مقيس`,
      one: `انتظار واحد مقيس`,
      two: `انتظاران مقيسان`,
      few: `${f} انتظارات مقيسة`,
      many: `${f} انتظارًا مقيسًا`,
      other: `${f} انتظار مقيس`,
    }),
  resolutions: (n, f) =>
    plural("ar-MA", n, {
      zero: `${f} محادثة محلولة`,
      one: "محادثة واحدة محلولة",
      two: "محادثتان محلولتان",
      few: `${f} محادثات محلولة`,
      many: `${f} محادثة محلولة`,
      other: `${f} محادثة محلولة`,
    }),
  chartTitle: "الرد الأول، أسبوعًا بأسبوع",
  chartMedian: "الوسيط",
  chartP90: "المئين التسعون",
  chartSummary: (week, median, p90, handled) =>
    `أسبوع ${week}: الوسيط ${median}، المئين التسعون ${p90}، ${handled} محادثة معالَجة`,
  week: "أسبوع",
  recruitersTitle: "حسب المُوظِّف",
  columns: {
    recruiter: "المُوظِّف",
    handled: "المحادثات المعالَجة",
    responses: "الردود",
    firstResponseMedian: "الرد الأول، الوسيط",
    firstResponseP90: "الرد الأول، المئين التسعون",
    resolutions: "الحلول",
    resolutionMedian: "الحلّ، الوسيط",
    resolutionP90: "الحلّ، المئين التسعون",
  },
  emptyTitle: "لا أرقام بعد في هذه الفترة",
  emptyBody:
    "تظهر بمجرد أن يردّ أحد أفراد الفريق على مترشح أو يحلّ محادثة. الردود التلقائية والحملات والإرسال عبر API لا تُحتسب ردودًا.",
  definitions:
    "يبدأ الانتظار بأول رسالة من المترشح منذ آخر ردّ للفريق، وينتهي بالرد التالي من شخص (ويُحتسب في أسبوع الرد). ويُقاس الحلّ من فتح المحادثة (أو إعادة فتحها) إلى تحويلها إلى «محلولة».",
  retry: "إعادة المحاولة",
};
