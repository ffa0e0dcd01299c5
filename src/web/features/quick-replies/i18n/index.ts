import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { quickRepliesAr } from "./ar";
import { quickRepliesEn } from "./en";
import { type QuickRepliesMessages, quickRepliesFr } from "./fr";

export type { QuickRepliesMessages };

/** The quick replies' strings: the composer uses them, so they ship with the inbox. */
export const QUICK_REPLIES_CATALOGUES: Record<Locale, QuickRepliesMessages> = {
  fr: quickRepliesFr,
  en: quickRepliesEn,
  ar: quickRepliesAr,
};

/** `const { t, tq } = useQuickRepliesI18n()`: the main catalogue and the quick replies' own. */
export function useQuickRepliesI18n() {
  const i18n = useI18n();
  return { ...i18n, tq: QUICK_REPLIES_CATALOGUES[i18n.locale] };
}
