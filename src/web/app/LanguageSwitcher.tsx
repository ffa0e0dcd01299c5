import { useI18n } from "../i18n/I18nProvider";
import { LOCALE_NAMES, LOCALES } from "../i18n/locale";
import { Icon } from "../ui/Icon";
import { Popover } from "../ui/Popover";

/** Lists each language in its own name and script; the rail variant is icon-only. */
export function LanguageSwitcher({ variant }: { variant: "rail" | "page" }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <Popover
      label={t.language.label}
      placement={variant === "rail" ? "rail" : "below"}
      buttonClassName={variant === "rail" ? "rail__button" : "button button--ghost"}
      button={
        <>
          <Icon name="globe" />
          {variant === "page" ? <span lang={locale}>{LOCALE_NAMES[locale]}</span> : null}
        </>
      }
    >
      {(close) => (
        <ul className="menu" aria-label={t.language.label}>
          {LOCALES.map((code) => (
            <li key={code}>
              <button
                type="button"
                className="menu__item"
                data-popover-item
                lang={code}
                aria-pressed={code === locale}
                onClick={() => {
                  setLocale(code);
                  close();
                }}
              >
                <span className="menu__check">
                  {code === locale ? <Icon name="check" size={16} /> : null}
                </span>
                {LOCALE_NAMES[code]}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Popover>
  );
}
