import { type FormEvent, useId, useState } from "react";
import { describeError } from "../../../api/errors";
import { Field } from "../../../ui/Field";
import { useConnectionsI18n } from "../i18n";
import { useRetryConnection } from "../queries";

/**
 * Registration stopped because the number already has a two-step verification PIN: asks for it,
 * says what it is and where Meta shows it, and resumes onboarding with it.
 */
export function PinForm({ connectionId }: { connectionId: string }) {
  const { t, tc, fmt } = useConnectionsI18n();
  const retry = useRetryConnection();
  const titleId = useId();
  const [pin, setPin] = useState("");
  const [invalid, setInvalid] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!/^\d{6}$/.test(pin)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    retry.mutate({ id: connectionId, pin });
  }

  return (
    <form className="pin-form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <h3 id={titleId} className="pin-form__title">
        {tc.pin.title}
      </h3>
      <p>{tc.pin.body}</p>
      <p className="pin-form__where">{tc.pin.where}</p>
      <div className="pin-form__row">
        <Field label={tc.pin.label} hint={tc.pin.hint} error={invalid ? tc.pin.invalid : null}>
          <input
            className="input pin-form__input num"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            dir="ltr"
            maxLength={6}
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 6))}
          />
        </Field>
        <button type="submit" className="button button--primary" disabled={retry.isPending}>
          {retry.isPending ? tc.actions.retrying : tc.pin.submit}
        </button>
      </div>
      {retry.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(retry.error, t, fmt)}
        </p>
      ) : null}
    </form>
  );
}
