import { lazy, Suspense, useState, useSyncExternalStore } from "react";
import type { ConnectionSummary } from "../../../../../contracts/connections";
import { Link } from "../../../../app/Link";
import { Icon } from "../../../../ui/Icon";
import { useRequiredSession } from "../../../auth/queries";
import { useInboxI18n } from "../../i18n";
import { askPermission, notificationPermission, type PermissionState } from "../../notifications";

const NewConversationDialog = lazy(() => import("../templates/NewConversationDialog"));

/** The client's name over its number(s) (a switcher when several), notifications and "new conversation". */
export function ListHeader(props: {
  connections: ConversationSummaryList;
  connectionId: string | null;
  onConnectionChange(id: string | null): void;
}) {
  const { t, ti } = useInboxI18n();
  const { client } = useRequiredSession();
  const { connections } = props;
  const [composing, setComposing] = useState(false);
  const active = connections?.filter((connection) => connection.state === "active") ?? [];

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
          ) : connections.length === 1 ? (
            <NumberLine connection={connections[0] as ConnectionSummary} />
          ) : (
            <label className="number-switcher">
              <span className="visually-hidden">{ti.list.numberSwitcher}</span>
              <select
                className="number-switcher__select"
                value={props.connectionId ?? ""}
                onChange={(event) => props.onConnectionChange(event.target.value || null)}
              >
                <option value="">{ti.list.allNumbers}</option>
                {connections.map((connection) => (
                  <option key={connection.id} value={connection.id}>
                    {connection.displayPhoneNumber ?? connection.verifiedName ?? connection.id}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </div>
      <div className="list-header__actions">
        <NotificationButton />
        <button
          type="button"
          className="icon-button"
          aria-label={t.inbox.newConversation}
          title={t.inbox.newConversation}
          disabled={active.length === 0}
          onClick={() => setComposing(true)}
        >
          <Icon name="newChat" />
        </button>
      </div>
      {composing ? (
        <Suspense fallback={null}>
          <NewConversationDialog connections={active} onClose={() => setComposing(false)} />
        </Suspense>
      ) : null}
    </header>
  );
}

type ConversationSummaryList = ConnectionSummary[] | null;

function NumberLine({ connection }: { connection: ConnectionSummary }) {
  const { t } = useInboxI18n();
  const number = connection.displayPhoneNumber ?? connection.verifiedName ?? t.connections.unknown;
  return (
    <span className="list-header__numbers">
      <span className="visually-hidden">{t.inbox.numberLabel} </span>
      <span className={`status-dot status-dot--${connection.state}`} aria-hidden="true" />
      <bdi dir="ltr">{number}</bdi>
      {connection.state === "active" ? null : <span> · {t.connections.states[connection.state]}</span>}
    </span>
  );
}

const permissionListeners = new Set<() => void>();
let permission: PermissionState = notificationPermission();

/** A bell offered while the browser has not been asked yet; asking happens only on this click. */
function NotificationButton() {
  const { ti } = useInboxI18n();
  const state = useSyncExternalStore(
    (listener) => {
      permissionListeners.add(listener);
      return () => permissionListeners.delete(listener);
    },
    () => permission,
  );
  if (state !== "default") return null;
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={ti.notifications.enable}
      title={`${ti.notifications.enable} · ${ti.notifications.enableHint}`}
      onClick={async () => {
        permission = await askPermission();
        for (const listener of permissionListeners) listener();
      }}
    >
      <Icon name="bell" />
    </button>
  );
}
