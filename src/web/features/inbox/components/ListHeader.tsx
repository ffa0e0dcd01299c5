import type { ConnectionSummary } from "../../../../contracts/connections";
import { Link } from "../../../app/Link";
import { useT } from "../../../i18n/I18nProvider";
import { Icon } from "../../../ui/Icon";
import { useRequiredSession } from "../../auth/queries";
import { useCurrentClient, visibleConnections } from "../../clients/queries";

/** The client's name over its WhatsApp number (or the way to connect one), and "new conversation". */
export function ListHeader() {
  const t = useT();
  const { client } = useRequiredSession();
  const details = useCurrentClient();
  const connections = details.data ? visibleConnections(details.data.connections) : null;

  return (
    <header className="pane-header list-header">
      <div className="list-header__identity">
        <bdi className="list-header__client">{client.name}</bdi>
        <div className="list-header__number">
          {connections === null ? (
            <span className="skeleton skeleton--line skeleton--number" aria-hidden="true" />
          ) : connections.length === 0 ? (
            <Link to="/connections" className="list-header__connect">
              {t.inbox.connectCta}
            </Link>
          ) : (
            <NumberLine connections={connections} />
          )}
        </div>
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={t.inbox.newConversation}
        title={`${t.inbox.newConversation} · ${t.common.comingSoon}`}
        disabled
      >
        <Icon name="newChat" />
      </button>
    </header>
  );
}

/** The first connected number; the switcher between several arrives with the conversations API. */
function NumberLine({ connections }: { connections: ConnectionSummary[] }) {
  const t = useT();
  const [first, ...others] = connections;
  if (!first) return null;
  const number = first.displayPhoneNumber ?? first.verifiedName ?? t.connections.unknown;
  return (
    <span className="list-header__numbers">
      <span className="visually-hidden">{t.inbox.numberLabel} </span>
      <span className={`status-dot status-dot--${first.state}`} aria-hidden="true" />
      <bdi dir="ltr">{number}</bdi>
      {first.state === "active" ? null : <span> · {t.connections.states[first.state]}</span>}
      {others.length > 0 ? <span className="list-header__more"> +{others.length}</span> : null}
    </span>
  );
}
