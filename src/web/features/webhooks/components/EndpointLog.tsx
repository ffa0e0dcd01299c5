import { useState } from "react";
import type { WebhookDeliveryResponse, WebhookDeliveryState } from "../../../../contracts/outbound-webhooks";
import { roleMay } from "../../../../contracts/roles";
import { Link } from "../../../app/Link";
import { Page } from "../../../app/Page";
import { href } from "../../../app/router";
import { ErrorAlert } from "../../../ui/ErrorAlert";
import { Icon } from "../../../ui/Icon";
import { useRequiredSession } from "../../auth/queries";
import { useWebhooksI18n } from "../i18n";
import { useDeliveries, useEndpointFollowsLog, useEndpoints, useReplay } from "../queries";
import { DeliveryDialog } from "./DeliveryDialog";
import { EndpointActions } from "./EndpointActions";
import { EndpointState } from "./EndpointState";

const FILTERS = ["all", "failed", "pending", "delivered"] as const;
type Filter = (typeof FILTERS)[number];

/** One endpoint: its state (live), actions, and delivery log with replay of one or every failure. */
export function EndpointLog({ endpointId }: { endpointId: string }) {
  const { t, tw, fmt } = useWebhooksI18n();
  const { user } = useRequiredSession();
  // The endpoint comes from the list, which the realtime handler keeps current.
  const endpoints = useEndpoints();
  const endpoint = endpoints.data?.find((item) => item.id === endpointId);
  const replay = useReplay(endpointId);
  const back = href({ name: "webhooks" });

  if (!roleMay(user.role, "webhooks.manage")) {
    return (
      <Page title={tw.log}>
        <p className="alert alert--warning">{tw.readOnly}</p>
      </Page>
    );
  }

  return (
    <Page
      title={tw.log}
      actions={
        endpoint ? (
          <button
            type="button"
            className="button button--primary"
            disabled={replay.isPending}
            onClick={() => replay.mutate(null)}
          >
            <Icon name="send" />
            {tw.replayFailed}
          </button>
        ) : null
      }
    >
      <Link to={back} className="webhook-back">
        <Icon name="back" size={16} />
        {tw.back}
      </Link>
      <ErrorAlert error={endpoints.error} />
      {endpoints.data && !endpoint ? (
        <p className="alert alert--warning" role="alert">
          {t.errors.codes.not_found}
        </p>
      ) : null}
      {endpoint ? (
        <>
          <section className="card section endpoint-summary" aria-label={tw.columns.url}>
            <div className="section__head">
              <h2 className="section__title endpoint-url">
                <bdi dir="ltr">{endpoint.url}</bdi>
              </h2>
              <EndpointActions endpoint={endpoint} afterDelete={back} />
            </div>
            {endpoint.description ? (
              <p className="section__intro">
                <bdi>{endpoint.description}</bdi>
              </p>
            ) : null}
            <EndpointState endpoint={endpoint} />
            <ul className="scope-list">
              {endpoint.eventTypes.map((type) => (
                <li key={type} className="tag" title={type}>
                  {tw.events[type]}
                </li>
              ))}
            </ul>
          </section>
          <p className="visually-hidden" role="status">
            {replay.data ? tw.replayed(replay.data.replayed, fmt.number(replay.data.replayed)) : ""}
          </p>
          {replay.data ? (
            <p className="alert alert--success">
              {tw.replayed(replay.data.replayed, fmt.number(replay.data.replayed))}
            </p>
          ) : null}
          <ErrorAlert error={replay.error} />
          <DeliveryLog endpointId={endpointId} />
        </>
      ) : null}
    </Page>
  );
}

function DeliveryLog({ endpointId }: { endpointId: string }) {
  const { tw } = useWebhooksI18n();
  const [filter, setFilter] = useState<Filter>("all");
  const deliveries = useDeliveries(endpointId, filter === "all" ? null : (filter as WebhookDeliveryState));
  const replay = useReplay(endpointId);
  const [open, setOpen] = useState<WebhookDeliveryResponse | null>(null);
  const list = deliveries.data?.pages.flatMap((page) => page.deliveries) ?? [];
  useEndpointFollowsLog(list.map((delivery) => `${delivery.id}:${delivery.state}`).join());

  return (
    <section className="card section" aria-labelledby="webhook-log-title">
      <div className="section__head">
        <h2 id="webhook-log-title" className="section__title">
          {tw.log}
        </h2>
        <div className="webhook-log__tools">
          <label className="webhook-log__filter">
            <span>{tw.filter}</span>
            <select className="select" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
              {FILTERS.map((item) => (
                <option key={item} value={item}>
                  {tw.filters[item]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button--small"
            disabled={deliveries.isFetching}
            onClick={() => deliveries.refetch()}
          >
            {tw.refresh}
          </button>
        </div>
      </div>
      <ErrorAlert error={deliveries.error} />
      <ErrorAlert error={replay.error} />
      {deliveries.data && list.length === 0 ? <p className="table__muted">{tw.noDeliveries}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{tw.deliveryColumns.event}</th>
                <th scope="col">{tw.deliveryColumns.state}</th>
                <th scope="col">{tw.deliveryColumns.attempts}</th>
                <th scope="col">{tw.deliveryColumns.response}</th>
                <th scope="col">{tw.deliveryColumns.latency}</th>
                <th scope="col">{tw.deliveryColumns.time}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{tw.deliveryColumns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((delivery) => (
                <DeliveryRow
                  key={delivery.id}
                  delivery={delivery}
                  replaying={replay.isPending && replay.variables === delivery.id}
                  onOpen={() => setOpen(delivery)}
                  onReplay={() => replay.mutate(delivery.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {deliveries.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={deliveries.isFetchingNextPage}
          onClick={() => deliveries.fetchNextPage()}
        >
          {tw.more}
        </button>
      ) : null}
      {open ? <DeliveryDialog delivery={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function DeliveryRow(props: {
  delivery: WebhookDeliveryResponse;
  replaying: boolean;
  onOpen(): void;
  onReplay(): void;
}) {
  const { tw, fmt } = useWebhooksI18n();
  const { delivery } = props;
  const stateClass = { pending: "tag", delivered: "tag tag--success", failed: "tag tag--danger" }[
    delivery.state
  ];
  const time = fmt.dateTime(delivery.createdAt);
  return (
    <tr className={delivery.state === "failed" ? "delivery-row delivery-row--failed" : "delivery-row"}>
      <td>
        {tw.events[delivery.eventType]}
        <div className="table__sub">
          <code dir="ltr">{delivery.eventType}</code>
        </div>
      </td>
      <td>
        <span className={stateClass}>{tw.deliveryStates[delivery.state]}</span>
        {delivery.nextAttemptAt ? (
          <div className="table__sub">{tw.nextAttempt(fmt.dateTime(delivery.nextAttemptAt))}</div>
        ) : null}
      </td>
      <td className="numeric">{fmt.number(delivery.attempts)}</td>
      <td>
        {delivery.lastStatus !== null ? (
          <code dir="ltr">HTTP {delivery.lastStatus}</code>
        ) : delivery.lastError ? (
          <bdi dir="ltr" className="table__muted">
            {delivery.lastError}
          </bdi>
        ) : (
          <span className="table__muted">{delivery.attempts > 0 ? tw.noResponse : "—"}</span>
        )}
      </td>
      <td className="numeric">
        {delivery.lastLatencyMs === null ? (
          <span className="table__muted">—</span>
        ) : (
          tw.detail.latencyMs(fmt.number(delivery.lastLatencyMs))
        )}
      </td>
      <td className="table__muted">
        <time dateTime={delivery.createdAt}>{time}</time>
      </td>
      <td className="table__actions">
        <button
          type="button"
          className="button button--small"
          aria-label={tw.detailsOf(tw.events[delivery.eventType], time)}
          onClick={props.onOpen}
        >
          {tw.details}
        </button>
        {delivery.state === "delivered" ? null : (
          <button
            type="button"
            className="button button--small"
            disabled={props.replaying}
            onClick={props.onReplay}
          >
            {tw.replay}
          </button>
        )}
      </td>
    </tr>
  );
}
