import { type FormEvent, useState } from "react";
import { type ApiKeyScope, CreateApiKeyBody } from "../../../../contracts/accounts";
import { describeError } from "../../../api/errors";
import { useI18n } from "../../../i18n/I18nProvider";
import { Dialog } from "../../../ui/Dialog";
import { Field } from "../../../ui/Field";
import { FormDialogFooter } from "../../../ui/FormDialogFooter";
import { SecretReveal } from "../../../ui/SecretReveal";
import { useCreateApiKey } from "../queries";

const SCOPES = CreateApiKeyBody.shape.scopes.element.options;

/** Name and scopes, then the secret, once: the dialog cannot be dismissed by accident at that point. */
export function CreateApiKeyDialog({ onClose }: { onClose(): void }) {
  const { t, fmt } = useI18n();
  const create = useCreateApiKey();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});

  if (create.data) {
    return (
      <SecretReveal
        secret={create.data.secret}
        name={create.data.apiKey.name}
        labels={t.apiKeys.secret}
        onDone={onClose}
      />
    );
  }

  function toggle(scope: ApiKeyScope, checked: boolean) {
    setScopes((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = CreateApiKeyBody.safeParse({ name, scopes });
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      setErrors({
        name: fields.has("name") ? t.apiKeys.form.nameRequired : undefined,
        scopes: fields.has("scopes") ? t.apiKeys.form.scopesRequired : undefined,
      });
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  return (
    <Dialog
      title={t.apiKeys.form.title}
      onClose={onClose}
      footer={
        <FormDialogFooter
          formId="create-api-key"
          submitLabel={t.apiKeys.form.submit}
          isPending={create.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="create-api-key" className="form" onSubmit={submit} noValidate>
        <Field label={t.apiKeys.form.name} error={errors.name}>
          <input
            className="input"
            dir="auto"
            value={name}
            placeholder={t.apiKeys.form.namePlaceholder}
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <fieldset aria-describedby={errors.scopes ? "scopes-error" : undefined}>
          <legend>{t.apiKeys.form.scopes}</legend>
          <div className="scope-options">
            {SCOPES.map((scope) => (
              <label key={scope} className="checkbox">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />
                <span>
                  {t.apiKeys.scopes[scope]}
                  <code className="scope-options__id" dir="ltr">
                    {scope}
                  </code>
                </span>
              </label>
            ))}
          </div>
          {errors.scopes ? (
            <p id="scopes-error" className="field__error">
              {errors.scopes}
            </p>
          ) : null}
        </fieldset>
        {create.isError ? (
          <p className="alert alert--danger" role="alert">
            {describeError(create.error, t, fmt)}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
