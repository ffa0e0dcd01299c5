import { CONVERSATION_VIEWS } from "../../../../../contracts/conversation-status";
import type { ConversationListParams, ConversationView } from "../../api";
import { useInboxI18n } from "../../i18n";
import { useStatusI18n } from "../../i18n/status";
import { useViewCounts } from "../../status-queries";
import "../status.css";

const VIEWS: readonly (ConversationView | null)[] = [null, ...CONVERSATION_VIEWS];

/**
 * The views, each with its exact count for the number and chip chosen (the server counts them);
 * "Tous" is every chat that is not archived.
 */
export function ViewTabs(props: {
  value: ConversationView | null;
  onChange(view: ConversationView | null): void;
  params: ConversationListParams;
}) {
  const ts = useStatusI18n();
  const { ifmt } = useInboxI18n();
  const { q: _q, ...countParams } = props.params;
  const counts = useViewCounts(countParams);
  return (
    <fieldset className="view-tabs">
      <legend className="visually-hidden">{ts.views.label}</legend>
      {VIEWS.map((view) => {
        const count = counts.data?.counts[view ?? "all"];
        return (
          <button
            key={view ?? "all"}
            type="button"
            className="view-tab"
            data-view={view ?? "all"}
            aria-pressed={props.value === view}
            // The count is in the name (while it loads, an ellipsis: never the chips' bare "Tous").
            aria-label={`${ts.views[view ?? "all"]}, ${count === undefined ? "…" : ts.views.count(count, ifmt.number(count))}`}
            onClick={() => props.onChange(view)}
          >
            {ts.views[view ?? "all"]}
            {count === undefined ? null : (
              <span className="view-tab__count" aria-hidden="true">
                {ifmt.number(count)}
              </span>
            )}
          </button>
        );
      })}
    </fieldset>
  );
}
