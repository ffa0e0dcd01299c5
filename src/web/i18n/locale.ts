import type { Locale } from "../../contracts/accounts";

export type { Locale };

/** Every UI locale, in the order the switcher lists them. */
export const LOCALES = ["fr", "en", "ar"] as const satisfies readonly Locale[];

/** Intl tags: `ar-MA` (not bare `ar`) gives Western digits and a 24 h clock, as Moroccan users expect. */
export const INTL_LOCALE: Record<Locale, string> = { fr: "fr-MA", en: "en-GB", ar: "ar-MA" };

/** Each language's own name, shown identically in every catalogue so people find theirs. */
export const LOCALE_NAMES: Record<Locale, string> = { fr: "Français", en: "English", ar: "العربية" };

const STORAGE_KEY = "linkojob.locale";

function isLocale(value: string | null | undefined): value is Locale {
  return value === "fr" || value === "en" || value === "ar";
}

/** The locale before login: the last one used on this device, else the browser's, else French. */
export function detectLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode, policies): the browser language still works.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return "fr";
}

/** Remembers the locale on this device so the login page after a logout speaks the same language. */
export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not critical: the account keeps the choice.
  }
}

/** Mirrors the whole document for Arabic; CSS logical properties do the rest. */
export function applyDocumentLocale(locale: Locale): void {
  const root = document.documentElement;
  root.lang = locale;
  root.dir = locale === "ar" ? "rtl" : "ltr";
}
