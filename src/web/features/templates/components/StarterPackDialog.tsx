import { useId, useState } from "react";
import type { TemplateLanguage } from "../../../../contracts/template-rules";
import type { StarterKey } from "../../../../contracts/templates";
import { describeError } from "../../../api/errors";
import { Dialog } from "../../../ui/Dialog";
import { Field } from "../../../ui/Field";
import { useSettled } from "../../../ui/useSettled";
import { TemplateBubble } from "../../inbox/components/templates/TemplateBubble";
import type { CreateTemplatesResponse, StarterTemplate } from "../api";
import { useTemplatesI18n } from "../i18n";
import { contentShape, STUDIO_LANGUAGES, sampleOf } from "../model/draft";
import { languageLabel, templateLabel } from "../names";
import { useStarterPack, useSubmitStarter } from "../queries";
import { useTemplateAccess } from "./useTemplateAccess";

/** A submitted starter's outcome: done, or the languages Meta refused and why. */
type Outcome = { kind: "done"; result: CreateTemplatesResponse } | { kind: "failed"; message: string };

/**
 * The recruiting starter pack: six templates written for recruiting, the company's name in their
 * texts. The recruiter checks the name, picks the languages, and submits each in one click.
 */
export default function StarterPackDialog(props: { connectionId: string; onClose(): void }) {
  const { t, tt, fmt } = useTemplatesI18n();
  const access = useTemplateAccess();
  const [connectionId, setConnectionId] = useState(props.connectionId);
  const [company, setCompany] = useState(access.clientName);
  const [languages, setLanguages] = useState<TemplateLanguage[]>(["fr", "ar"]);
  const [outcomes, setOutcomes] = useState<Partial<Record<StarterKey, Outcome>>>({});
  // Texts with the new company name are asked for once the typing pauses.
  const settledCompany = useSettled(company, 400);
  const starters = useStarterPack(connectionId, settledCompany);
  const submit = useSubmitStarter();
  const [busy, setBusy] = useState<StarterKey | "all" | null>(null);
  const id = useId();

  /** The chosen languages this starter doesn't have yet on the number. */
  const missing = (starter: StarterTemplate) =>
    languages.filter((language) => !starter.existing.some((existing) => existing.language === language));

  async function submitOne(starter: StarterTemplate): Promise<void> {
    const wanted = missing(starter);
    if (wanted.length === 0) return;
    try {
      const result = await submit.mutateAsync({
        connectionId,
        key: starter.key,
        languages: wanted,
        ...(company.trim() ? { companyName: company.trim() } : {}),
      });
      setOutcomes((current) => ({ ...current, [starter.key]: { kind: "done", result } }));
    } catch (error) {
      setOutcomes((current) => ({
        ...current,
        [starter.key]: { kind: "failed", message: describeError(error, t, fmt) },
      }));
    }
  }

  async function run(target: StarterKey | "all") {
    setBusy(target);
    try {
      for (const starter of starters.data ?? []) {
        if (target === "all" || target === starter.key) await submitOne(starter);
      }
    } finally {
      setBusy(null);
    }
  }

  const toggle = (language: TemplateLanguage, on: boolean) =>
    setLanguages((current) =>
      on
        ? STUDIO_LANGUAGES.filter((item) => item === language || current.includes(item))
        : current.filter((item) => item !== language),
    );

  return (
    <Dialog
      title={tt.starter.title}
      onClose={props.onClose}
      size="wide"
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {tt.starter.close}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy !== null || languages.length === 0 || !starters.data}
            onClick={() => run("all")}
          >
            {busy === "all" ? tt.starter.submitting : tt.starter.submitAll}
          </button>
        </>
      }
    >
      <p className="section__intro">{tt.starter.intro}</p>
      <div className="starter__settings">
        {access.active.length > 1 ? (
          <Field label={tt.starter.number}>
            <select
              className="select"
              value={connectionId}
              onChange={(event) => setConnectionId(event.target.value)}
            >
              {access.active.map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {connection.displayPhoneNumber ?? connection.verifiedName ?? connection.id}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field label={tt.starter.company} hint={tt.starter.companyHint}>
          <input
            className="input"
            dir="auto"
            maxLength={60}
            value={company}
            onChange={(event) => setCompany(event.target.value)}
          />
        </Field>
        <fieldset
          className="starter__languages"
          aria-describedby={languages.length === 0 ? `${id}-none` : undefined}
        >
          <legend className="field__label">{tt.starter.languages}</legend>
          {STUDIO_LANGUAGES.map((language) => (
            <label key={language} className="checkbox">
              <input
                type="checkbox"
                checked={languages.includes(language)}
                onChange={(event) => toggle(language, event.target.checked)}
              />
              <bdi>{languageLabel(language)}</bdi>
            </label>
          ))}
          {languages.length === 0 ? (
            <p className="field__error" id={`${id}-none`}>
              {tt.starter.chooseLanguage}
            </p>
          ) : null}
        </fieldset>
      </div>

      {starters.isPending ? <p className="section__intro">{tt.starter.loading}</p> : null}
      {starters.isError ? (
        <p className="alert alert--danger" role="alert">
          {tt.starter.loadError}
        </p>
      ) : null}
      <ul className="starter__list" aria-busy={starters.isFetching}>
        {(starters.data ?? []).map((starter) => (
          <StarterItem
            key={starter.key}
            starter={starter}
            languages={languages}
            missing={missing(starter)}
            outcome={outcomes[starter.key]}
            busy={busy !== null}
            sending={
              busy === starter.key ||
              (busy === "all" && missing(starter).length > 0 && !outcomes[starter.key])
            }
            onSubmit={() => run(starter.key)}
          />
        ))}
      </ul>
    </Dialog>
  );
}

function StarterItem(props: {
  starter: StarterTemplate;
  languages: TemplateLanguage[];
  missing: TemplateLanguage[];
  outcome: Outcome | undefined;
  busy: boolean;
  sending: boolean;
  onSubmit(): void;
}) {
  const { tt, locale } = useTemplatesI18n();
  const { starter, outcome } = props;
  const name = templateLabel(starter.name, locale);
  const titleId = useId();
  const shown = starter.translations.filter((translation) => props.languages.includes(translation.language));
  return (
    <li className="starter" aria-labelledby={titleId}>
      <div className="starter__head">
        <h3 className="starter__name" id={titleId}>
          {name}
        </h3>
        <span className={`tag${starter.category === "MARKETING" ? " tag--warning" : " tag--muted"}`}>
          {tt.categories[starter.category] ?? starter.category}
        </span>
        {starter.fromLibrary ? <span className="starter__library">{tt.starter.fromLibrary}</span> : null}
        <button
          type="button"
          className="button button--primary button--small starter__submit"
          disabled={props.busy || props.missing.length === 0}
          aria-describedby={`${titleId}-state`}
          onClick={props.onSubmit}
        >
          {props.sending ? tt.starter.submitting : tt.starter.submit}
          <span className="visually-hidden"> · {name}</span>
        </button>
      </div>
      <div className="starter__state" id={`${titleId}-state`} aria-live="polite">
        {starter.existing.map((existing) => (
          <span key={existing.language} className="tag tag--muted">
            <bdi>{languageLabel(existing.language)}</bdi> ·{" "}
            {tt.starter.exists(tt.statuses[existing.status] ?? existing.status)}
          </span>
        ))}
        {outcome?.kind === "done" && outcome.result.templates.length > 0 ? (
          <span className="tag tag--success">{tt.starter.submittedOne}</span>
        ) : null}
        {outcome?.kind === "done"
          ? outcome.result.failures.map((failure) => (
              <span key={failure.language} className="field__error">
                {tt.metaRefused(
                  languageLabel(failure.language),
                  (failure.rule ? tt.metaRules[failure.rule] : null) ?? failure.message,
                )}
              </span>
            ))
          : null}
        {outcome?.kind === "failed" ? <span className="field__error">{outcome.message}</span> : null}
      </div>
      {shown.length > 0 ? (
        <details className="starter__preview">
          <summary>{tt.starter.preview(name)}</summary>
          <div className="starter__bubbles">
            {shown.map((translation) => (
              <div key={translation.language} className="starter__bubble" lang={translation.language}>
                <p className="starter__bubble-language">
                  <bdi>{languageLabel(translation.language)}</bdi>
                </p>
                <TemplateBubble
                  shape={contentShape(translation, starter.parameterFormat, tt.builder.copyCodeLabel)}
                  valueOf={(part, variable) => sampleOf(translation, part, variable)}
                  dir={translation.language === "ar" ? "rtl" : "ltr"}
                />
              </div>
            ))}
          </div>
        </details>
      ) : null}
    </li>
  );
}
