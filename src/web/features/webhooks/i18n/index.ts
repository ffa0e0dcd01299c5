import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { webhooksAr } from "./ar";
import { webhooksEn } from "./en";
import { type WebhooksMessages, webhooksFr } from "./fr";

export type { WebhooksMessages };

/** The Webhooks page's strings, shipped with the page's lazy chunk (not in the first bundle). */
export const WEBHOOKS_CATALOGUES: Record<Locale, WebhooksMessages> = {
  fr: webhooksFr,
  en: webhooksEn,
  ar: webhooksAr,
};

/** `const { t, tw, fmt } = useWebhooksI18n()`: the main catalogue, this page's, and formatters. */
export function useWebhooksI18n() {
  const i18n = useI18n();
  return { ...i18n, tw: WEBHOOKS_CATALOGUES[i18n.locale] };
}
