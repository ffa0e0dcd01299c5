import type { WebhookEndpointResponse } from "../../../../contracts/outbound-webhooks";
import { useWebhooksI18n } from "../i18n";

/** Active, failing since when, or disabled (by a user, or by the service after days of failures). */
export function EndpointState({ endpoint }: { endpoint: WebhookEndpointResponse }) {
  const { tw, fmt } = useWebhooksI18n();
  const disabledOn = endpoint.disabledAt ? ` ${tw.states.disabledOn(fmt.dateTime(endpoint.disabledAt))}` : "";
  return (
    <div className="endpoint-state">
      {endpoint.isEnabled ? (
        endpoint.failingSince ? (
          <span className="tag tag--danger">{tw.states.failing(fmt.dateTime(endpoint.failingSince))}</span>
        ) : (
          <span className="tag tag--success">{tw.states.active}</span>
        )
      ) : endpoint.disabledReason === "failing" ? (
        <span className="tag tag--danger">
          {tw.states.disabledFailing}
          {disabledOn}
        </span>
      ) : (
        <span className="tag tag--muted">
          {tw.states.disabledManual}
          {disabledOn}
        </span>
      )}
      {endpoint.previousSecretExpiresAt ? (
        <span className="table__sub">{tw.rotating(fmt.dateTime(endpoint.previousSecretExpiresAt))}</span>
      ) : null}
    </div>
  );
}
