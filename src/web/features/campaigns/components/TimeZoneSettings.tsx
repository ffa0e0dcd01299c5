import { type FormEvent, useMemo, useState } from "react";
import { roleMay } from "../../../../contracts/roles";
import { DEFAULT_TIME_ZONE } from "../../../../contracts/time-zone";
import { describeError } from "../../../api/errors";
import { Field } from "../../../ui/Field";
import { useServerForm } from "../../../ui/useServerForm";
import { useRequiredSession } from "../../auth/queries";
import { useCampaignsI18n } from "../i18n";
import { useCampaignSettings, useUpdateCampaignSettings } from "../queries";

/** Every IANA zone the browser knows (the server checks the same way), the default first. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([DEFAULT_TIME_ZONE, current, ...known])];
}

/**
 * The client's time zone, in which campaigns are scheduled and their times shown, and whether
 * campaign chats nobody answered stay out of the inbox's "All". Owners and admins change them (they
 * apply to the whole team); the others see them.
 */
export function TimeZoneSettings() {
  const { t, tc, fmt } = useCampaignsI18n();
  const { user } = useRequiredSession();
  const mayChange = roleMay(user.role, "campaigns.settings");
  const settings = useCampaignSettings();
  const update = useUpdateCampaignSettings();
  const [zone, setZone] = useState("");
  const [hide, setHide] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const current = settings.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const zones = useMemo(() => timeZones(current), [current]);

  const form = useServerForm(settings.data, (data) => {
    setZone(data.timeZone);
    setHide(data.hideUnansweredCampaignChats);
  });

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const timeZone = zone.trim();
    if (!zones.includes(timeZone)) {
      setError(tc.settings.invalidTimeZone);
      return;
    }
    setError(null);
    update.mutate({ timeZone, hideUnansweredCampaignChats: hide }, { onSuccess: form.saved });
  }

  return (
    <section className="card section" aria-labelledby="campaign-settings-title">
      <h2 id="campaign-settings-title" className="section__title">
        {tc.settings.title}
      </h2>
      <p className="field__hint settings-hint">{tc.settings.hint}</p>
      {settings.isPending ? <div className="skeleton skeleton--line" aria-busy="true" /> : null}
      {settings.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(settings.error, t, fmt)}
        </p>
      ) : null}
      {settings.data && !mayChange ? (
        <dl className="settings-facts">
          <div>
            <dt>{tc.settings.timeZone}</dt>
            <dd>
              <bdi dir="ltr">{settings.data.timeZone}</bdi>
            </dd>
          </div>
          <div>
            <dt>{tc.settings.hideUnanswered}</dt>
            <dd>{settings.data.hideUnansweredCampaignChats ? tc.settings.yes : tc.settings.no}</dd>
          </div>
          <p className="field__hint">{tc.settings.readOnly}</p>
        </dl>
      ) : null}
      {settings.data && mayChange ? (
        <form className="form settings-form" onSubmit={save} onChange={form.edited} noValidate>
          <Field label={tc.settings.timeZone} hint={tc.settings.timeZoneHint} error={error}>
            <input
              className="input"
              dir="ltr"
              list="time-zone-options"
              autoComplete="off"
              spellCheck={false}
              value={zone}
              placeholder={DEFAULT_TIME_ZONE}
              onChange={(event) => setZone(event.target.value)}
            />
          </Field>
          <datalist id="time-zone-options">
            {zones.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <label className="checkbox">
            <input type="checkbox" checked={hide} onChange={(event) => setHide(event.target.checked)} />
            <span>
              {tc.settings.hideUnanswered}
              <span className="field__hint">{tc.settings.hideUnansweredHint}</span>
            </span>
          </label>
          <div className="settings-form__actions">
            <button type="submit" className="button button--primary" disabled={update.isPending}>
              {update.isPending ? t.common.saving : t.common.save}
            </button>
            <p role="status" className="settings-form__status">
              {update.isSuccess ? t.common.saved : ""}
            </p>
          </div>
          {update.isError ? (
            <p className="alert alert--danger" role="alert">
              {describeError(update.error, t, fmt)}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
