import { useState } from "react";
import type { WebhookEndpointResponse } from "../../../../contracts/outbound-webhooks";
import { describeError } from "../../../api/errors";
import { navigate } from "../../../app/router";
import { isolateLtr } from "../../../i18n/format";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { useWebhooksI18n } from "../i18n";
import { useDeleteEndpoint, useUpdateEndpoint } from "../queries";
import { EndpointFormDialog } from "./EndpointFormDialog";
import { RotateSecretDialog } from "./RotateSecretDialog";

/** Change, disable or enable, change the secret, delete: the same buttons in the list and on the log. */
export function EndpointActions(props: { endpoint: WebhookEndpointResponse; afterDelete?: string }) {
  const { endpoint } = props;
  const { t, tw, fmt } = useWebhooksI18n();
  const update = useUpdateEndpoint();
  const remove = useDeleteEndpoint();
  const [editing, setEditing] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [removing, setRemoving] = useState(false);
  const url = isolateLtr(endpoint.url);
  const target = (
    <span className="visually-hidden">
      {" "}
      <bdi dir="ltr">{endpoint.url}</bdi>
    </span>
  );

  return (
    <div className="endpoint-actions">
      <button type="button" className="button button--small" onClick={() => setEditing(true)}>
        {tw.edit.action}
        {target}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={update.isPending}
        onClick={() => update.mutate({ id: endpoint.id, body: { isEnabled: !endpoint.isEnabled } })}
      >
        {endpoint.isEnabled ? tw.disable : tw.enable}
        {target}
      </button>
      <button type="button" className="button button--small" onClick={() => setRotating(true)}>
        {tw.rotate.action}
        {target}
      </button>
      <button type="button" className="button button--small" onClick={() => setRemoving(true)}>
        {tw.remove}
        {target}
      </button>
      {update.isError ? (
        <p className="field__error" role="alert">
          {describeError(update.error, t, fmt)}
        </p>
      ) : null}
      {editing ? <EndpointFormDialog endpoint={endpoint} onClose={() => setEditing(false)} /> : null}
      {rotating ? <RotateSecretDialog endpoint={endpoint} onClose={() => setRotating(false)} /> : null}
      {removing ? (
        <ConfirmDialog
          title={tw.removeTitle(url)}
          body={tw.removeBody}
          confirmLabel={tw.remove}
          pending={remove.isPending}
          error={remove.isError ? describeError(remove.error, t, fmt) : null}
          onConfirm={() =>
            remove.mutate(endpoint.id, {
              onSuccess: () => {
                setRemoving(false);
                if (props.afterDelete) navigate(props.afterDelete);
              },
            })
          }
          onClose={() => {
            remove.reset();
            setRemoving(false);
          }}
        />
      ) : null}
    </div>
  );
}
