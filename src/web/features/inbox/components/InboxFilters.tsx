import { useT } from "../../../i18n/I18nProvider";

const TABS = ["mine", "unassigned", "all"] as const;
const CHIPS = ["unread", "awaiting", "windowOpen", "windowClosed", "optedOut"] as const;

/** Views (Les miens · Non assignés · Tous) and filter chips; disabled until conversations exist. */
export function InboxFilters() {
  const t = useT();
  return (
    <div className="list-pane__filters">
      <fieldset className="views" disabled>
        <legend className="visually-hidden">{t.inbox.viewsLabel}</legend>
        {TABS.map((tab) => (
          <button key={tab} type="button" className="views__tab" aria-pressed={tab === "all"}>
            {t.inbox.tabs[tab]}
          </button>
        ))}
      </fieldset>
      <fieldset className="chips" disabled>
        <legend className="visually-hidden">{t.inbox.filtersLabel}</legend>
        {CHIPS.map((chip) => (
          <button key={chip} type="button" className="chip" aria-pressed={false}>
            {t.inbox.chips[chip]}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
