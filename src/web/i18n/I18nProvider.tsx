import { createContext, type ReactNode, useContext, useLayoutEffect, useMemo } from "react";
import { CATALOGUES } from "./catalogues";
import { createFormatters, type Formatters } from "./format";
import type { Messages } from "./fr";
import { applyDocumentLocale, type Locale } from "./locale";

interface I18nValue {
  locale: Locale;
  t: Messages;
  fmt: Formatters;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Provides the catalogue and formatters for `locale`, and keeps `<html lang dir>` in step with it. */
export function I18nProvider(props: {
  locale: Locale;
  onLocaleChange(locale: Locale): void;
  children: ReactNode;
}) {
  const { locale, onLocaleChange } = props;
  // Layout effect: the document flips direction before paint, so Arabic never flashes left-to-right.
  useLayoutEffect(() => applyDocumentLocale(locale), [locale]);
  const value = useMemo<I18nValue>(
    () => ({ locale, t: CATALOGUES[locale], fmt: createFormatters(locale), setLocale: onLocaleChange }),
    [locale, onLocaleChange],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

/** The whole i18n context: locale, catalogue, formatters and the switcher. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

/** The current catalogue: `const t = useT(); t.login.submit`. */
export function useT(): Messages {
  return useI18n().t;
}
