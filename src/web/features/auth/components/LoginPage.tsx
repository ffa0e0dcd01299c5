import { type FormEvent, useEffect, useRef, useState } from "react";
import { ErrorCode } from "../../../../contracts/constants";
import { describeError, failedWith } from "../../../api/errors";
import { LanguageSwitcher } from "../../../app/LanguageSwitcher";
import { useI18n } from "../../../i18n/I18nProvider";
import { Field } from "../../../ui/Field";
import { useLogin } from "../queries";
import { BrandMark } from "./BrandMark";
import { PasswordInput } from "./PasswordInput";
import "./login.css";

/** Email and password; on success the session query flips the app into the shell. */
export function LoginPage() {
  const { t, fmt } = useI18n();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  useEffect(() => {
    document.title = `${t.login.title} · ${t.app.name}`;
  }, [t]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setMissing(true);
      (email.trim() ? passwordRef : emailRef).current?.focus();
      return;
    }
    setMissing(false);
    login.mutate({ email: email.trim(), password }, { onError: () => passwordRef.current?.select() });
  }

  let error: string | null = missing ? t.login.missingFields : null;
  if (!error && login.error) {
    // A malformed address cannot belong to an account: say so the same way as a wrong password.
    error = failedWith(login.error, ErrorCode.validationFailed)
      ? t.errors.codes.invalid_credentials
      : describeError(login.error, t, fmt);
  }

  return (
    <div className="login">
      <div className="login__band" aria-hidden="true" />
      <header className="login__top">
        <span className="login__brand">
          <BrandMark />
          <span>{t.app.name}</span>
        </span>
        <LanguageSwitcher variant="page" />
      </header>
      <main className="login__main">
        <form className="login__card" onSubmit={submit} noValidate aria-labelledby="login-title">
          <h1 id="login-title" className="login__title">
            {t.login.title}
          </h1>
          <p className="login__subtitle">{t.login.subtitle}</p>
          <Field label={t.login.email}>
            <input
              ref={emailRef}
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              dir="ltr"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </Field>
          <Field label={t.login.password}>
            <PasswordInput ref={passwordRef} value={password} onChange={setPassword} />
          </Field>
          <div className="login__error" role="alert">
            {error ? <p className="alert alert--danger">{error}</p> : null}
          </div>
          <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
            {login.isPending ? t.login.submitting : t.login.submit}
          </button>
        </form>
        <p className="login__tagline">{t.login.tagline}</p>
      </main>
    </div>
  );
}
