import type { ConnectionSummary } from "../../../../contracts/connections";
import { useT } from "../../../i18n/I18nProvider";
import { qualityKey } from "../quality";

/** The health card of one number: state, verified name, quality and messaging limit. */
export function ConnectionCard({ connection }: { connection: ConnectionSummary }) {
  const t = useT();
  const quality = qualityKey(connection.qualityRating);
  return (
    <article className="card connection">
      <header className="connection__head">
        <bdi className="connection__number" dir="ltr">
          {connection.displayPhoneNumber ?? t.connections.unknown}
        </bdi>
        <span className={`tag connection__state connection__state--${connection.state}`}>
          <span className={`status-dot status-dot--${connection.state}`} aria-hidden="true" />
          {t.connections.states[connection.state]}
        </span>
      </header>
      <dl className="connection__facts">
        <div>
          <dt>{t.connections.verifiedName}</dt>
          <dd>
            <bdi>{connection.verifiedName ?? t.connections.unknown}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t.connections.quality}</dt>
          <dd>
            {quality ? t.connections.qualities[quality] : (connection.qualityRating ?? t.connections.unknown)}
          </dd>
        </div>
        <div>
          <dt>{t.connections.limit}</dt>
          <dd>
            <bdi dir="ltr">{connection.messagingLimitTier ?? t.connections.unknown}</bdi>
          </dd>
        </div>
      </dl>
    </article>
  );
}
