import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";
import { connectionsAr } from "./ar";
import { connectionsEn } from "./en";
import { type ConnectionsMessages, connectionsFr } from "./fr";

export type { ConnectionsMessages };

/**
 * The Connections page's strings, shipped with the page's lazy chunk so the first bundle does not
 * carry them; the shell's few connection words (state names) stay in the main catalogues.
 */
export const CONNECTIONS_CATALOGUES: Record<Locale, ConnectionsMessages> = {
  fr: connectionsFr,
  en: connectionsEn,
  ar: connectionsAr,
};

/** `const { t, tc, fmt } = useConnectionsI18n()`: main catalogue, this page's, and formatters. */
export function useConnectionsI18n() {
  const i18n = useI18n();
  return { ...i18n, tc: CONNECTIONS_CATALOGUES[i18n.locale] };
}
