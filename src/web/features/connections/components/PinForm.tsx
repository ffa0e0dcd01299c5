import { type FormEvent, useId, useState } from "react";
import { describeError } from "../../../api/errors";
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
  const inputId = `${titleId}-pin`;
  const hintId = `${titleId}-hint`;
  const errorId = `${titleId}-error`;
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
      <label className="field__label" htmlFor={inputId}>
        {tc.pin.label}
      </label>
      <div className="pin-form__row">
        <input
          id={inputId}
          className="input pin-form__input num"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          dir="ltr"
          maxLength={6}
          value={pin}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
          onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 6))}
        />
        <button type="submit" className="button button--primary" disabled={retry.isPending}>
          {retry.isPending ? tc.actions.retrying : tc.pin.submit}
        </button>
      </div>
      {invalid ? (
        <p id={errorId} className="field__error">
          {tc.pin.invalid}
        </p>
      ) : null}
      <p id={hintId} className="field__hint pin-form__hint">
        {tc.pin.hint}
      </p>
      {retry.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(retry.error, t, fmt)}
        </p>
      ) : null}
    </form>
  );
}
