import { type FormEvent, useState } from "react";
import {
  CreateWebhookEndpointBody,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "../../../../contracts/outbound-webhooks";
import { Dialog } from "../../../ui/Dialog";
import { ErrorAlert } from "../../../ui/ErrorAlert";
import { Field } from "../../../ui/Field";
import { FormDialogFooter } from "../../../ui/FormDialogFooter";
import { SecretReveal } from "../../../ui/SecretReveal";
import { useWebhooksI18n } from "../i18n";
import { useCreateEndpoint } from "../queries";

/** URL, description and events, then the signing secret, once (the dialog cannot be dismissed then). */
export function CreateEndpointDialog({ onClose }: { onClose(): void }) {
  const { tw } = useWebhooksI18n();
  const create = useCreateEndpoint();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [eventTypes, setEventTypes] = useState<WebhookEventType[]>([]);
  const [errors, setErrors] = useState<{ url?: string; description?: string; eventTypes?: string }>({});

  if (create.data) {
    return (
      <SecretReveal
        secret={create.data.secret}
        name={create.data.endpoint.url}
        labels={tw.secret}
        onDone={onClose}
      />
    );
  }

  function toggle(type: WebhookEventType, checked: boolean) {
    setEventTypes((current) => (checked ? [...current, type] : current.filter((item) => item !== type)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = CreateWebhookEndpointBody.safeParse({ url: url.trim(), description, eventTypes });
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      setErrors({
        url: fields.has("url") ? tw.form.urlInvalid : undefined,
        description: fields.has("description") ? tw.form.descriptionHint : undefined,
        eventTypes: fields.has("eventTypes") ? tw.form.eventsRequired : undefined,
      });
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  return (
    <Dialog
      title={tw.form.title}
      onClose={onClose}
      footer={
        <FormDialogFooter
          formId="create-webhook-endpoint"
          submitLabel={tw.form.submit}
          isPending={create.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="create-webhook-endpoint" className="form" onSubmit={submit} noValidate>
        <Field label={tw.form.url} hint={tw.form.urlHint} error={errors.url}>
          <input
            className="input"
            type="url"
            dir="ltr"
            value={url}
            placeholder="https://"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setUrl(e.target.value)}
          />
        </Field>
        <Field label={tw.form.description} hint={tw.form.descriptionHint} error={errors.description}>
          <input
            className="input"
            dir="auto"
            value={description}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setDescription(e.target.value)}
          />
        </Field>
        <fieldset aria-describedby={errors.eventTypes ? "webhook-events-error" : undefined}>
          <legend>{tw.form.events}</legend>
          <div className="scope-options">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="checkbox"
                  checked={eventTypes.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                />
                <span>
                  {tw.events[type]}
                  <code className="scope-options__id" dir="ltr">
                    {type}
                  </code>
                </span>
              </label>
            ))}
          </div>
          {errors.eventTypes ? (
            <p id="webhook-events-error" className="field__error">
              {errors.eventTypes}
            </p>
          ) : null}
        </fieldset>
        <ErrorAlert error={create.error} />
      </form>
    </Dialog>
  );
}
