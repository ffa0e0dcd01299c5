import { type FormEvent, useState } from "react";
import { describeError } from "../../../api/errors";
import { Page } from "../../../app/Page";
import { useI18n } from "../../../i18n/I18nProvider";
import { LOCALE_NAMES, LOCALES } from "../../../i18n/locale";
import { Field } from "../../../ui/Field";
import { useRequiredSession, useUpdateMe } from "../../auth/queries";
import { AutomationSettings } from "../../automation/components/AutomationSettings";
import { TimeZoneSettings } from "../../campaigns/components/TimeZoneSettings";
import { RetentionSettings } from "../../data-rights/RetentionSettings";
import { NotificationSettings } from "../../inbox/components/NotificationSettings";
import { PipelineSettings } from "../../pipeline/components/PipelineSettings";
import { QuickRepliesSettings } from "../../quick-replies/components/QuickRepliesSettings";
import "./settings.css";

/** The user's own name and interface language (saved on the account, so it follows them). */
export default function SettingsPage() {
  const { t, fmt, locale, setLocale } = useI18n();
  const { user } = useRequiredSession();
  const update = useUpdateMe();
  const [name, setName] = useState(user.name);
  const [nameError, setNameError] = useState<string | null>(null);

  function saveName(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(t.settings.nameRequired);
      return;
    }
    setNameError(null);
    update.mutate({ name: trimmed });
  }

  return (
    <Page title={t.settings.title}>
      <section className="card section" aria-labelledby="profile-title">
        <h2 id="profile-title" className="section__title">
          {t.settings.profile}
        </h2>
        <form className="form settings-form" onSubmit={saveName} noValidate>
          <Field label={t.settings.name} error={nameError}>
            <input
              className="input"
              dir="auto"
              value={name}
              autoComplete="name"
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <dl className="settings-facts">
            <div>
              <dt>{t.settings.email}</dt>
              <dd>
                <bdi dir="ltr">{user.email}</bdi>
              </dd>
            </div>
            <div>
              <dt>{t.settings.role}</dt>
              <dd>{t.roles[user.role]}</dd>
            </div>
          </dl>
          <div className="settings-form__actions">
            <button type="submit" className="button button--primary" disabled={update.isPending}>
              {update.isPending ? t.common.saving : t.common.save}
            </button>
            <p role="status" className="settings-form__status">
              {update.isSuccess && update.variables?.name ? t.common.saved : ""}
            </p>
          </div>
          {update.isError ? (
            <p className="alert alert--danger" role="alert">
              {describeError(update.error, t, fmt)}
            </p>
          ) : null}
        </form>
      </section>

      <section className="card section" aria-labelledby="language-title">
        <fieldset>
          <legend id="language-title" className="section__title">
            {t.settings.language}
          </legend>
          <p className="field__hint settings-hint">{t.settings.languageHint}</p>
          <div className="language-options">
            {LOCALES.map((code) => (
              <label key={code} className="language-option" lang={code}>
                <input
                  type="radio"
                  name="locale"
                  value={code}
                  checked={locale === code}
                  onChange={() => setLocale(code)}
                />
                <span>{LOCALE_NAMES[code]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </section>

      <NotificationSettings />

      <QuickRepliesSettings />
      <TimeZoneSettings />
      <AutomationSettings />
      <PipelineSettings />
      <RetentionSettings />
    </Page>
  );
}
