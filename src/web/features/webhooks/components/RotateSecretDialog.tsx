import { type FormEvent, useState } from "react";
import type { WebhookEndpointResponse } from "../../../../contracts/outbound-webhooks";
import { isolateLtr } from "../../../i18n/format";
import { Dialog } from "../../../ui/Dialog";
import { ErrorAlert } from "../../../ui/ErrorAlert";
import { Field } from "../../../ui/Field";
import { FormDialogFooter } from "../../../ui/FormDialogFooter";
import { SecretReveal } from "../../../ui/SecretReveal";
import { useWebhooksI18n } from "../i18n";
import { useRotateSecret } from "../queries";

const MAX_OVERLAP_HOURS = 168;

/** How long the old secret keeps signing, then the new secret, once. */
export function RotateSecretDialog({
  endpoint,
  onClose,
}: {
  endpoint: WebhookEndpointResponse;
  onClose(): void;
}) {
  const { tw } = useWebhooksI18n();
  const rotate = useRotateSecret();
  const [hours, setHours] = useState("24");
  const [error, setError] = useState<string | null>(null);

  if (rotate.data) {
    return (
      <SecretReveal secret={rotate.data.secret} name={endpoint.url} labels={tw.secret} onDone={onClose} />
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const overlapHours = Number(hours);
    if (!/^\d{1,3}$/.test(hours.trim()) || overlapHours > MAX_OVERLAP_HOURS) {
      setError(tw.rotate.overlapInvalid);
      return;
    }
    setError(null);
    rotate.mutate({ id: endpoint.id, overlapHours });
  }

  return (
    <Dialog
      title={tw.rotate.title(isolateLtr(endpoint.url))}
      onClose={onClose}
      footer={
        <FormDialogFooter
          formId="rotate-webhook-secret"
          submitLabel={tw.rotate.submit}
          isPending={rotate.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="rotate-webhook-secret" className="form" onSubmit={submit} noValidate>
        <p>{tw.rotate.body}</p>
        <Field label={tw.rotate.overlap} hint={tw.rotate.overlapHint} error={error}>
          <input
            className="input webhook-hours"
            inputMode="numeric"
            dir="ltr"
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        </Field>
        <ErrorAlert error={rotate.error} />
      </form>
    </Dialog>
  );
}
