import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { formatDuration } from "../duration";
import { reportsAr } from "./ar";
import { reportsEn } from "./en";
import { type ReportsMessages, reportsFr } from "./fr";

export type { ReportsMessages };

/** The Reports page's strings, shipped with the page's lazy chunk (not in the first bundle). */
export const REPORTS_CATALOGUES: Record<Locale, ReportsMessages> = {
  fr: reportsFr,
  en: reportsEn,
  ar: reportsAr,
};

/** `const { t, tr, fmt, duration } = useReportsI18n()`: main catalogue, this page's, formatters. */
export function useReportsI18n() {
  const i18n = useI18n();
  return {
    ...i18n,
    tr: REPORTS_CATALOGUES[i18n.locale],
    duration: (seconds: number | null) => formatDuration(i18n.locale, seconds),
  };
}
