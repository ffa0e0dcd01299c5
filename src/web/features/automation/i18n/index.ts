import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { automationAr } from "./ar";
import { automationEn } from "./en";
import { type AutomationMessages, automationFr } from "./fr";

export type { AutomationMessages };

export const AUTOMATION_CATALOGUES: Record<Locale, AutomationMessages> = {
  fr: automationFr,
  en: automationEn,
  ar: automationAr,
};

/** `const { t, ta } = useAutomationI18n()`: the main catalogue and the inbox rules' own. */
export function useAutomationI18n() {
  const i18n = useI18n();
  return { ...i18n, ta: AUTOMATION_CATALOGUES[i18n.locale] };
}
