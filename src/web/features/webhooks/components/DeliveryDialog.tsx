import type { WebhookDeliveryResponse } from "../../../../contracts/outbound-webhooks";
import { Dialog } from "../../../ui/Dialog";
import { ErrorAlert } from "../../../ui/ErrorAlert";
import { useWebhooksI18n } from "../i18n";
import { useDelivery } from "../queries";

/** The body as sent, pretty-printed when it is JSON (it always is; a raw fallback costs nothing). */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One delivery: the event id, the request body, and each attempt's answer (status, time, excerpt). */
export function DeliveryDialog({
  delivery,
  onClose,
}: {
  delivery: WebhookDeliveryResponse;
  onClose(): void;
}) {
  const { t, tw, fmt } = useWebhooksI18n();
  const detail = useDelivery(delivery.endpointId, delivery.id);
  const current = detail.data?.delivery ?? delivery;
  return (
    <Dialog
      title={`${tw.detail.title} · ${tw.events[current.eventType]}`}
      size="wide"
      onClose={onClose}
      footer={
        <button type="button" className="button" onClick={onClose}>
          {t.common.close}
        </button>
      }
    >
      <dl className="delivery-facts">
        <div>
          <dt>{tw.detail.eventId}</dt>
          <dd>
            <code dir="ltr">{current.eventId}</code>
          </dd>
        </div>
        <div>
          <dt>{tw.deliveryColumns.state}</dt>
          <dd>{tw.deliveryStates[current.state]}</dd>
        </div>
        <div>
          <dt>{tw.deliveryColumns.time}</dt>
          <dd>
            <time dateTime={current.createdAt}>{fmt.dateTime(current.createdAt)}</time>
          </dd>
        </div>
      </dl>
      <ErrorAlert error={detail.error} />
      {detail.data ? (
        <>
          <h3 className="delivery-heading">{tw.detail.request}</h3>
          <pre className="code-block" dir="ltr">
            {pretty(detail.data.requestBody)}
          </pre>
          <h3 className="delivery-heading">{tw.detail.attempts}</h3>
          {detail.data.attempts.length === 0 ? <p className="table__muted">{tw.detail.noAttempts}</p> : null}
          <ol className="attempt-list">
            {detail.data.attempts.map((attempt) => (
              <li key={attempt.attempt} className="attempt">
                <div className="attempt__head">
                  <strong>{tw.detail.attempt(attempt.attempt)}</strong>
                  <time dateTime={attempt.startedAt}>{fmt.dateTime(attempt.startedAt)}</time>
                </div>
                <dl className="delivery-facts">
                  <div>
                    <dt>{tw.detail.status}</dt>
                    <dd>
                      {attempt.responseStatus === null ? (
                        tw.noResponse
                      ) : (
                        <code
                          dir="ltr"
                          className={attempt.responseStatus >= 300 ? "attempt__status--bad" : undefined}
                        >
                          {attempt.responseStatus}
                        </code>
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt>{tw.detail.latency}</dt>
                    <dd className="numeric">{tw.detail.latencyMs(fmt.number(attempt.latencyMs))}</dd>
                  </div>
                  {attempt.error ? (
                    <div>
                      <dt>{tw.detail.error}</dt>
                      <dd>
                        <bdi dir="ltr">{attempt.error}</bdi>
                      </dd>
                    </div>
                  ) : null}
                </dl>
                <details className="attempt__headers">
                  <summary>{tw.detail.requestHeaders}</summary>
                  <pre className="code-block" dir="ltr">
                    {Object.entries(attempt.requestHeaders)
                      .map(([name, value]) => `${name}: ${value}`)
                      .join("\n")}
                  </pre>
                </details>
                {attempt.responseStatus !== null ? (
                  <>
                    <h4 className="delivery-heading">{tw.detail.response}</h4>
                    <pre className="code-block" dir="ltr">
                      {attempt.responseBody || tw.detail.emptyResponse}
                    </pre>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Dialog>
  );
}
