import { type FormEvent, useState } from "react";
import {
  ASSIGNMENT_MODES,
  type AssignmentMode,
  AWAY_LANGUAGES,
  AWAY_MESSAGE_MAX_LENGTH,
  type AwayMessages,
  type BusinessHours,
  WEEKDAYS,
} from "../../../../contracts/automation";
import { roleMay } from "../../../../contracts/roles";
import { describeError } from "../../../api/errors";
import { useServerForm } from "../../../ui/useServerForm";
import { useRequiredSession } from "../../auth/queries";
import { useAutomationI18n } from "../i18n";
import { useAutomationSettings, useUpdateAutomationSettings } from "../queries";
import "./automation.css";

/** A day's closing as the time input shows it: midnight ("24:00") is 00:00. */
const closeShown = (close: string) => (close === "24:00" ? "00:00" : close);
const closeSaved = (close: string) => (close === "00:00" ? "24:00" : close);
const DEFAULT_DAY = { open: "09:00", close: "18:00" };

/**
 * The client's inbox rules: who gets a candidate's new conversation, the business hours (in the
 * client's time zone) and the away reply in French, English and Arabic. Owners and admins change
 * them; the others see them.
 */
export function AutomationSettings() {
  const { t, ta, fmt } = useAutomationI18n();
  const { user } = useRequiredSession();
  const mayChange = roleMay(user.role, "automation.manage");
  const settings = useAutomationSettings();
  const update = useUpdateAutomationSettings();
  const [mode, setMode] = useState<AssignmentMode>("off");
  const [awayEnabled, setAwayEnabled] = useState(false);
  const [hours, setHours] = useState<BusinessHours | null>(null);
  const [messages, setMessages] = useState<AwayMessages>({ fr: "", en: "", ar: "" });
  const [error, setError] = useState<string | null>(null);

  const form = useServerForm(settings.data, (data) => {
    setMode(data.assignmentMode);
    setAwayEnabled(data.awayReplyEnabled);
    setHours(data.businessHours);
    setMessages(data.awayMessages);
  });

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!hours) return;
    const saved = Object.fromEntries(
      WEEKDAYS.map((day) => {
        const opening = hours[day];
        return [day, opening && { open: opening.open, close: closeSaved(opening.close) }];
      }),
    ) as BusinessHours;
    const wrong = WEEKDAYS.find((day) => {
      const opening = saved[day];
      return opening && !(opening.open < opening.close);
    });
    if (wrong) {
      setError(ta.invalidHours(ta.weekdays[wrong]));
      return;
    }
    if (awayEnabled && AWAY_LANGUAGES.every((language) => !messages[language].trim())) {
      setError(ta.messageRequired);
      return;
    }
    setError(null);
    update.mutate(
      { assignmentMode: mode, awayReplyEnabled: awayEnabled, businessHours: saved, awayMessages: messages },
      { onSuccess: form.saved },
    );
  }

  const setDay = (day: (typeof WEEKDAYS)[number], opening: BusinessHours[typeof day]) =>
    setHours((current) => current && { ...current, [day]: opening });

  return (
    <section className="card section" aria-labelledby="automation-title">
      <h2 id="automation-title" className="section__title">
        {ta.title}
      </h2>
      <p className="field__hint settings-hint">{ta.hint}</p>
      {settings.isPending ? <div className="skeleton skeleton--line" aria-busy="true" /> : null}
      {settings.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(settings.error, t, fmt)}
        </p>
      ) : null}
      {settings.data && hours ? (
        <form
          className="form settings-form automation-form"
          onSubmit={save}
          onChange={form.edited}
          noValidate
        >
          {mayChange ? null : <p className="field__hint">{ta.readOnly}</p>}
          <fieldset className="automation-form__group" disabled={!mayChange}>
            <legend className="field__label">{ta.assignment}</legend>
            <p className="field__hint">{ta.assignmentHint}</p>
            {ASSIGNMENT_MODES.map((value) => (
              <label key={value} className="checkbox">
                <input
                  type="radio"
                  name="assignment-mode"
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                />
                <span>{ta.modes[value]}</span>
              </label>
            ))}
          </fieldset>

          <fieldset className="automation-form__group" disabled={!mayChange}>
            <legend className="field__label">{ta.businessHours}</legend>
            <p className="field__hint">
              {ta.businessHoursHint} <bdi dir="ltr">{settings.data.timeZone}</bdi>
            </p>
            <div className="automation-hours">
              {WEEKDAYS.map((day) => {
                const opening = hours[day];
                const name = ta.weekdays[day];
                return (
                  <div key={day} className="automation-hours__day">
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        aria-label={ta.open(name)}
                        checked={opening !== null}
                        onChange={(event) => setDay(day, event.target.checked ? DEFAULT_DAY : null)}
                      />
                      <span aria-hidden="true">{name}</span>
                    </label>
                    {opening ? (
                      <span className="automation-hours__times" dir="ltr">
                        <input
                          className="input"
                          type="time"
                          aria-label={ta.opens(name)}
                          value={opening.open}
                          onChange={(event) => setDay(day, { ...opening, open: event.target.value })}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          className="input"
                          type="time"
                          aria-label={ta.closes(name)}
                          value={closeShown(opening.close)}
                          onChange={(event) => setDay(day, { ...opening, close: event.target.value })}
                        />
                      </span>
                    ) : (
                      <span className="field__hint">{ta.closed}</span>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>

          <fieldset className="automation-form__group" disabled={!mayChange}>
            <legend className="field__label">{ta.awayReply}</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={awayEnabled}
                onChange={(event) => setAwayEnabled(event.target.checked)}
              />
              <span>
                {ta.awayEnabled}
                <span className="field__hint">{ta.awayEnabledHint}</span>
              </span>
            </label>
            {AWAY_LANGUAGES.map((language) => (
              <label key={language} className="field">
                <span className="field__label">{ta.messageIn[language]}</span>
                <textarea
                  className="input automation-form__message"
                  lang={language}
                  dir={language === "ar" ? "rtl" : "ltr"}
                  rows={3}
                  maxLength={AWAY_MESSAGE_MAX_LENGTH}
                  value={messages[language]}
                  onChange={(event) => setMessages({ ...messages, [language]: event.target.value })}
                />
              </label>
            ))}
          </fieldset>

          {error ? (
            <p className="alert alert--danger" role="alert">
              {error}
            </p>
          ) : null}
          {mayChange ? (
            <div className="settings-form__actions">
              <button type="submit" className="button button--primary" disabled={update.isPending}>
                {update.isPending ? t.common.saving : t.common.save}
              </button>
              <p role="status" className="settings-form__status">
                {update.isSuccess ? t.common.saved : ""}
              </p>
            </div>
          ) : null}
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
