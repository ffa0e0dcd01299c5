import { Link } from "../../../app/Link";
import { Page } from "../../../app/Page";
import { useT } from "../../../i18n/I18nProvider";
import { EmptyState } from "../../../ui/EmptyState";
import { useCurrentClient, visibleConnections } from "../../clients/queries";

/** What the templates page will hold, until template sync from Meta lands. */
export default function TemplatesPage() {
  const t = useT();
  const client = useCurrentClient();
  const connected = client.data ? visibleConnections(client.data.connections).length > 0 : true;
  return (
    <Page title={t.templates.title}>
      <section className="card">
        <EmptyState
          icon="template"
          title={t.templates.emptyTitle}
          action={
            connected ? null : (
              <Link to="/connections" className="button button--primary">
                {t.inbox.connectCta}
              </Link>
            )
          }
        >
          <p>{t.templates.emptyBody}</p>
          <p>{t.templates.emptyWhy}</p>
          {connected ? null : <p>{t.templates.needsConnection}</p>}
        </EmptyState>
      </section>
    </Page>
  );
}
