import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { inboxFormatOf } from "../model/dates";
import { inboxAr } from "./ar";
import { inboxEn } from "./en";
import { type InboxMessages, inboxFr } from "./fr";

export type { InboxMessages };

/** The inbox's strings: the inbox is the landing page, so they ship in the first bundle. */
export const INBOX_CATALOGUES: Record<Locale, InboxMessages> = { fr: inboxFr, en: inboxEn, ar: inboxAr };

/** `const { t, ti, fmt, ifmt } = useInboxI18n()`: main catalogue, the inbox's, and formatters. */
export function useInboxI18n() {
  const i18n = useI18n();
  return { ...i18n, ti: INBOX_CATALOGUES[i18n.locale], ifmt: inboxFormatOf(i18n.locale) };
}
