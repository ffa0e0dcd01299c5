import { useState } from "react";
import { roleMay } from "../../../../contracts/roles";
import { Link } from "../../../app/Link";
import { Page } from "../../../app/Page";
import { href } from "../../../app/router";
import { ErrorAlert } from "../../../ui/ErrorAlert";
import { Icon } from "../../../ui/Icon";
import { useRequiredSession } from "../../auth/queries";
import { useWebhooksI18n } from "../i18n";
import { useEndpoints } from "../queries";
import { EndpointActions } from "./EndpointActions";
import { EndpointFormDialog } from "./EndpointFormDialog";
import { EndpointState } from "./EndpointState";

/** Every endpoint with its state; add one (secret shown once), and each one's actions. */
export function EndpointsView() {
  const { tw } = useWebhooksI18n();
  const { user } = useRequiredSession();
  const manage = roleMay(user.role, "webhooks.manage");
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title={tw.title}
      actions={
        manage ? (
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            <Icon name="plus" />
            {tw.add}
          </button>
        ) : null
      }
    >
      {manage ? <EndpointList /> : <p className="alert alert--warning">{tw.readOnly}</p>}
      {creating ? <EndpointFormDialog onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}

function EndpointList() {
  const { t, tw, fmt } = useWebhooksI18n();
  const endpoints = useEndpoints();
  const list = endpoints.data ?? [];
  return (
    <section className="card section" aria-labelledby="webhook-endpoints-title">
      <div className="section__head">
        <h2 id="webhook-endpoints-title" className="section__title">
          {tw.title}
        </h2>
      </div>
      <p className="section__intro">{tw.intro}</p>
      <ErrorAlert error={endpoints.error} />
      {endpoints.data && list.length === 0 ? <p className="table__muted">{tw.empty}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{tw.columns.url}</th>
                <th scope="col">{tw.columns.events}</th>
                <th scope="col">{tw.columns.state}</th>
                <th scope="col">{tw.columns.lastSuccess}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{tw.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((endpoint) => (
                <tr key={endpoint.id} className={endpoint.isEnabled ? undefined : "user-row--disabled"}>
                  <td className="endpoint-url">
                    <Link to={href({ name: "webhook", endpointId: endpoint.id })}>
                      <bdi dir="ltr">{endpoint.url}</bdi>
                    </Link>
                    {endpoint.description ? (
                      <div className="table__sub">
                        <bdi>{endpoint.description}</bdi>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <span title={endpoint.eventTypes.map((type) => tw.events[type]).join(", ")}>
                      {tw.eventsCount(endpoint.eventTypes.length, fmt.number(endpoint.eventTypes.length))}
                    </span>
                  </td>
                  <td>
                    <EndpointState endpoint={endpoint} />
                  </td>
                  <td className="table__muted">
                    {endpoint.lastSuccessAt ? (
                      <time dateTime={endpoint.lastSuccessAt}>{fmt.dateTime(endpoint.lastSuccessAt)}</time>
                    ) : (
                      t.common.never
                    )}
                  </td>
                  <td className="table__actions">
                    <EndpointActions endpoint={endpoint} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
