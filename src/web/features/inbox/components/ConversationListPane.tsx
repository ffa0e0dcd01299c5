import { Link } from "../../../app/Link";
import { useI18n } from "../../../i18n/I18nProvider";
import { EmptyState } from "../../../ui/EmptyState";
import { useCurrentClient, visibleConnections } from "../../clients/queries";
import { InboxFilters } from "./InboxFilters";
import { ListHeader } from "./ListHeader";
import { SearchBox } from "./SearchBox";

/**
 * The conversation column. Until the conversations API exists, search, views and filters are shown
 * disabled (so the layout is final) and the list explains what will fill it.
 */
export function ConversationListPane() {
  const { t } = useI18n();
  const client = useCurrentClient();
  const connected = client.data ? visibleConnections(client.data.connections).length > 0 : null;

  return (
    <nav className="list-pane" aria-label={t.inbox.listLabel}>
      <ListHeader />
      <div className="list-pane__search">
        <SearchBox />
      </div>
      <InboxFilters />
      <div className="list-pane__body">
        {connected === null ? (
          <ListSkeleton />
        ) : connected ? (
          <EmptyState icon="chat" title={t.inbox.emptyListTitle} titleId="inbox-empty-title">
            <p>{t.inbox.emptyListBody}</p>
          </EmptyState>
        ) : (
          <EmptyState
            icon="phone"
            title={t.inbox.emptyConnectTitle}
            titleId="inbox-empty-title"
            action={
              <Link to="/connections" className="button button--primary">
                {t.inbox.connectCta}
              </Link>
            }
          >
            <p>{t.inbox.emptyConnectBody}</p>
          </EmptyState>
        )}
      </div>
    </nav>
  );
}

/** Rows in the final 72 px geometry, so nothing moves when data arrives. */
function ListSkeleton() {
  return (
    <ul className="skeleton-list" aria-hidden="true">
      {[0, 1, 2, 3, 4].map((row) => (
        <li key={row} className="skeleton-row">
          <span className="skeleton skeleton--avatar" />
          <span className="skeleton-row__lines">
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
          </span>
        </li>
      ))}
    </ul>
  );
}
