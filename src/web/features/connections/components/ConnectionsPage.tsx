import { describeError } from "../../../api/errors";
import { Page } from "../../../app/Page";
import { useI18n } from "../../../i18n/I18nProvider";
import { EmptyState } from "../../../ui/EmptyState";
import { useCurrentClient, visibleConnections } from "../../clients/queries";
import { ConnectionCard } from "./ConnectionCard";
import "./connections.css";

/** The client's WhatsApp numbers, or the steps a first connection will go through. */
export default function ConnectionsPage() {
  const { t, fmt } = useI18n();
  const client = useCurrentClient();
  const connections = client.data ? visibleConnections(client.data.connections) : [];

  return (
    <Page title={t.connections.title}>
      {client.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(client.error, t, fmt)}
        </p>
      ) : null}
      {client.data && connections.length > 0 ? (
        <section className="connections" aria-label={t.connections.title}>
          <p className="section__intro">{t.connections.intro}</p>
          {connections.map((connection) => (
            <ConnectionCard key={connection.id} connection={connection} />
          ))}
        </section>
      ) : null}
      {client.data && connections.length === 0 ? (
        <section className="card">
          <EmptyState
            icon="phone"
            title={t.connections.emptyTitle}
            action={
              <div className="connect-cta">
                <button
                  type="button"
                  className="button button--primary"
                  disabled
                  aria-describedby="connect-soon"
                >
                  {t.connections.connect}
                </button>
                <p id="connect-soon" className="field__hint">
                  {t.connections.connectSoon}
                </p>
              </div>
            }
          >
            <p>{t.connections.emptyBody}</p>
            <ol className="steps">
              {t.connections.steps.map((step, index) => (
                <li key={step} className="steps__item">
                  <span className="steps__number num" aria-hidden="true">
                    {fmt.number(index + 1)}
                  </span>
                  {step}
                </li>
              ))}
            </ol>
          </EmptyState>
        </section>
      ) : null}
    </Page>
  );
}
