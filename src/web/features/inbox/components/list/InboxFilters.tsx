import type { ReactNode } from "react";
import type { ConversationFilter } from "../../api";
import { useInboxI18n } from "../../i18n";

export const FILTERS: readonly (ConversationFilter | null)[] = [
  null,
  "unread",
  "assigned_to_me",
  "awaiting_reply",
  "window_open",
  "window_closed",
  "opted_out",
];

/** Filter chips; one at a time (the server takes one filter), "Tous" clears it. */
export function InboxFilters(props: {
  value: ConversationFilter | null;
  onChange(value: ConversationFilter | null): void;
  /** More filters under the chips (the campaign's). */
  children?: ReactNode;
}) {
  const { t, ti } = useInboxI18n();
  return (
    <div className="list-pane__filters">
      <fieldset className="chips">
        <legend className="visually-hidden">{t.inbox.filtersLabel}</legend>
        {FILTERS.map((filter) => (
          <button
            key={filter ?? "all"}
            type="button"
            className="chip"
            aria-pressed={props.value === filter}
            onClick={() => props.onChange(filter)}
          >
            {ti.list.filters[filter ?? "all"]}
          </button>
        ))}
      </fieldset>
      {props.children}
    </div>
  );
}
