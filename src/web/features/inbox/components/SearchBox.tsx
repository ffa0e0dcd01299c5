import { useState } from "react";
import { useT } from "../../../i18n/I18nProvider";
import { Icon } from "../../../ui/Icon";

/**
 * Search by name, number or message. The typed text takes its own direction (`dir="auto"`), but an
 * empty `dir="auto"` field resolves to LTR, so the placeholder (UI text) keeps the UI's direction.
 * Disabled until the conversations API exists.
 */
export function SearchBox() {
  const t = useT();
  const [query, setQuery] = useState("");
  return (
    <label className="search">
      <span className="search__icon">
        <Icon name="search" size={18} />
      </span>
      <span className="visually-hidden">{t.inbox.search}</span>
      <input
        className="search__input"
        type="search"
        dir={query ? "auto" : undefined}
        placeholder={t.inbox.search}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        disabled
        aria-describedby="inbox-empty-title"
      />
    </label>
  );
}
