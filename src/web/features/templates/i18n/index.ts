import { formatMad } from "../../../i18n/format";
import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { templatesAr } from "./ar";
import { templatesEn } from "./en";
import { type TemplatesMessages, templatesFr } from "./fr";

export type { ProblemParams, TemplatesMessages } from "./fr";

/** The Templates page's strings, shipped with the page's lazy chunk (not in the first bundle). */
export const TEMPLATES_CATALOGUES: Record<Locale, TemplatesMessages> = {
  fr: templatesFr,
  en: templatesEn,
  ar: templatesAr,
};

/** `const { t, tt, fmt, mad } = useTemplatesI18n()`: main catalogue, this page's, and formatters. */
export function useTemplatesI18n() {
  const i18n = useI18n();
  return {
    ...i18n,
    tt: TEMPLATES_CATALOGUES[i18n.locale],
    mad: (amount: number) => formatMad(i18n.locale, amount),
  };
}
