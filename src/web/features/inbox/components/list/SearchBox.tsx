import { forwardRef } from "react";
import { Icon } from "../../../../ui/Icon";
import { useInboxI18n } from "../../i18n";

/**
 * Search by name, number or message. The typed text takes its own direction (`dir="auto"`), but an
 * empty `dir="auto"` field resolves to LTR, so the placeholder (UI text) keeps the UI's direction.
 */
export const SearchBox = forwardRef<HTMLInputElement, { value: string; onChange(value: string): void }>(
  function SearchBox({ value, onChange }, ref) {
    const { t } = useInboxI18n();
    return (
      <label className="search">
        <span className="search__icon">
          <Icon name="search" size={18} />
        </span>
        <span className="visually-hidden">{t.inbox.search}</span>
        <input
          ref={ref}
          className="search__input"
          type="search"
          dir={value ? "auto" : undefined}
          placeholder={t.inbox.search}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape" && value) {
              event.preventDefault();
              onChange("");
            }
          }}
        />
      </label>
    );
  },
);
