import { formatMad, isolateLtr } from "../../../i18n/format";
import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { costsAr } from "./ar";
import { costsEn } from "./en";
import { type CostsMessages, costsFr } from "./fr";

export type { CostsMessages };

/** The Costs page's strings, shipped with the page's lazy chunk (not in the first bundle). */
export const COSTS_CATALOGUES: Record<Locale, CostsMessages> = { fr: costsFr, en: costsEn, ar: costsAr };

/** `const { t, tc, fmt, mad } = useCostsI18n()`: main catalogue, this page's, and formatters (amounts isolated left to right). */
export function useCostsI18n() {
  const i18n = useI18n();
  return {
    ...i18n,
    tc: COSTS_CATALOGUES[i18n.locale],
    mad: (amount: number) => isolateLtr(formatMad(i18n.locale, amount)),
  };
}
