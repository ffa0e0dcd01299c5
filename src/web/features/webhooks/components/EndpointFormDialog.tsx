import { type FormEvent, useState } from "react";
import {
  CreateWebhookEndpointBody,
  type UpdateWebhookEndpointBody,
  WEBHOOK_EVENT_TYPES,
  type WebhookEndpointResponse,
  type WebhookEventType,
} from "../../../../contracts/outbound-webhooks";
import { isolateLtr } from "../../../i18n/format";
import { Dialog } from "../../../ui/Dialog";
import { ErrorAlert } from "../../../ui/ErrorAlert";
import { Field } from "../../../ui/Field";
import { FormDialogFooter } from "../../../ui/FormDialogFooter";
import { SecretReveal } from "../../../ui/SecretReveal";
import { useWebhooksI18n } from "../i18n";
import { useCreateEndpoint, useUpdateEndpoint } from "../queries";

const sameEvents = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((type) => b.includes(type));

/**
 * URL, description and events: a new endpoint (then its signing secret, once: the dialog cannot be
 * dismissed then), or an existing one's, prefilled, with whether it receives events. The server
 * checks a changed URL with the same address rules as a new one; the secret stays.
 */
export function EndpointFormDialog({
  endpoint,
  onClose,
}: {
  /** The endpoint to change; none to add one. */
  endpoint?: WebhookEndpointResponse;
  onClose(): void;
}) {
  const { tw } = useWebhooksI18n();
  const create = useCreateEndpoint();
  const update = useUpdateEndpoint();
  const mutation = endpoint ? update : create;
  const [url, setUrl] = useState(endpoint?.url ?? "");
  const [description, setDescription] = useState(endpoint?.description ?? "");
  const [eventTypes, setEventTypes] = useState<WebhookEventType[]>(endpoint?.eventTypes ?? []);
  const [isEnabled, setIsEnabled] = useState(endpoint?.isEnabled ?? true);
  const [errors, setErrors] = useState<{ url?: string; description?: string; eventTypes?: string }>({});
  const formId = endpoint ? "edit-webhook-endpoint" : "create-webhook-endpoint";

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
    // One set of rules for a new endpoint and a changed one.
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
    if (!endpoint) {
      create.mutate(parsed.data);
      return;
    }
    // Only what changed: an unchanged URL is not checked again, an unchanged state not audited.
    const body: UpdateWebhookEndpointBody = {
      ...(parsed.data.url !== endpoint.url ? { url: parsed.data.url } : {}),
      ...(parsed.data.description !== endpoint.description ? { description: parsed.data.description } : {}),
      ...(!sameEvents(parsed.data.eventTypes, endpoint.eventTypes)
        ? { eventTypes: parsed.data.eventTypes }
        : {}),
      ...(isEnabled !== endpoint.isEnabled ? { isEnabled } : {}),
    };
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate({ id: endpoint.id, body }, { onSuccess: onClose });
  }

  return (
    <Dialog
      title={endpoint ? tw.edit.title(isolateLtr(endpoint.url)) : tw.form.title}
      onClose={onClose}
      footer={
        <FormDialogFooter
          formId={formId}
          submitLabel={endpoint ? tw.edit.submit : tw.form.submit}
          isPending={mutation.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
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
        <fieldset aria-describedby={errors.eventTypes ? `${formId}-events-error` : undefined}>
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
            <p id={`${formId}-events-error`} className="field__error">
              {errors.eventTypes}
            </p>
          ) : null}
        </fieldset>
        {endpoint ? (
          <label className="checkbox">
            <input type="checkbox" checked={isEnabled} onChange={(e) => setIsEnabled(e.target.checked)} />
            <span>{tw.edit.enabled}</span>
          </label>
        ) : null}
        <ErrorAlert error={mutation.error} />
      </form>
    </Dialog>
  );
}
