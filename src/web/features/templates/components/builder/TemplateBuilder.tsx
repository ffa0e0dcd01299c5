import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import {
  TEMPLATE_CATEGORIES,
  type TemplateCategory,
  type TemplateLanguage,
} from "../../../../../contracts/template-rules";
import { Link } from "../../../../app/Link";
import { Page } from "../../../../app/Page";
import { navigate } from "../../../../app/router";
import { isolateLtr } from "../../../../i18n/format";
import { Field } from "../../../../ui/Field";
import { Icon } from "../../../../ui/Icon";
import { ConnectionField, connectionLabel } from "../../../clients/components/ConnectionField";
import { TemplateBubble } from "../../../inbox/components/templates/TemplateBubble";
import type { TemplateResponse } from "../../api";
import { useTemplatesI18n } from "../../i18n";
import { contentShape, isBlank, STUDIO_LANGUAGES, sampleOf } from "../../model/draft";
import { useTemplatePrices } from "../../model/prices";
import { problemText } from "../../model/wording";
import { languageLabel, templateLabel } from "../../names";
import { useTemplate } from "../../queries";
import { TemplateNotLoaded } from "../TemplateDetail";
import { useTemplateAccess, useTitleFocusWhenLost } from "../useTemplateAccess";
import { ContentEditor, type MediaPick } from "./ContentEditor";
import {
  controlId,
  type FormProblem,
  type TemplateBuilderState,
  useTemplateBuilder,
} from "./useTemplateBuilder";

/** The builder, for a new template or an existing one (`templateId`), which it loads first. */
export default function TemplateBuilder({ templateId }: { templateId: string | null }) {
  if (!templateId) return <BuilderForm template={null} />;
  return <EditLoader id={templateId} />;
}

function EditLoader({ id }: { id: string }) {
  const query = useTemplate(id);
  if (query.data) return <BuilderForm template={query.data} />;
  return <TemplateNotLoaded pending={query.isPending} error={query.error} />;
}

/** Where a problem's field is: the closest control with an id, walking up its path. */
function focusProblem(builder: TemplateBuilderState, problem: FormProblem) {
  const language = /^lang:([a-zA-Z_]+)/u.exec(problem.at)?.[1] as TemplateLanguage | undefined;
  if (language && builder.languages.includes(language)) builder.setActive(language);
  requestAnimationFrame(() => {
    const parts = problem.at.split(".");
    while (parts.length > 0) {
      const element = document.getElementById(controlId(parts.join(".")));
      if (element) {
        element.focus();
        element.scrollIntoView({ block: "center" });
        return;
      }
      parts.pop();
    }
  });
}

function BuilderForm({ template }: { template: TemplateResponse | null }) {
  const { tt, locale, mad, fmt } = useTemplatesI18n();
  const access = useTemplateAccess();
  const builder = useTemplateBuilder(template, access.active[0]?.id ?? null);
  useTitleFocusWhenLost();
  const [media, setMedia] = useState<Partial<Record<TemplateLanguage, MediaPick | null>>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  const id = useId();
  const named = builder.parameterFormat === "NAMED";
  const approved = template?.status === "APPROVED";

  const errorAt = (at: string, below = false) => {
    const found = builder.problems.filter(
      (problem) => problem.at === at || (below && problem.at.startsWith(`${at}.`)),
    );
    return found.length > 0 ? found.map((problem) => problemText(problem, tt, named)).join(" ") : null;
  };
  const problemsIn = (language: TemplateLanguage) =>
    builder.problems.filter((problem) => problem.at.startsWith(`lang:${language}.`)).length;
  const summary = builder.showAll ? builder.problems : [];

  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  async function onSubmit() {
    const done = await builder.submit();
    if (!done) setAttempt((count) => count + 1);
  }

  const title = template ? tt.builder.editTitle(templateLabel(template.name, locale)) : tt.builder.newTitle;
  const activeContent = builder.contentOf(builder.active);
  const shape = contentShape(activeContent, builder.parameterFormat, tt.builder.copyCodeLabel);
  const activeMedia = media[builder.active];
  const price = useTemplatePrices(TEMPLATE_CATEGORIES)[builder.category];
  const cost = tt.cost[builder.category];
  const connection = access.active.find((item) => item.id === builder.connectionId);

  return (
    <Page title={title}>
      <Link
        to={template ? `/templates/${encodeURIComponent(template.id)}` : "/templates"}
        className="template-detail__back"
      >
        <Icon name="back" size={18} />
        {template ? templateLabel(template.name, locale) : tt.detail.back}
      </Link>
      <p className="section__intro">{tt.builder.intro}</p>
      {access.canManage ? null : <p className="alert alert--warning">{tt.builder.readOnly}</p>}
      {!access.isLoading && access.active.length === 0 && !template ? (
        <p className="alert alert--warning">{tt.builder.noConnection}</p>
      ) : null}

      <form
        className="builder"
        noValidate
        aria-labelledby={`${id}-title`}
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        <span id={`${id}-title`} hidden>
          {title}
        </span>
        <div className="builder__form">
          {summary.length > 0 || builder.error || builder.failures.length > 0 ? (
            <div className="builder__summary" role="alert" tabIndex={-1} ref={summaryRef}>
              {builder.error ? <p className="builder__summary-title">{builder.error}</p> : null}
              {summary.length > 0 ? (
                <>
                  <p className="builder__summary-title">
                    {tt.builder.summaryTitle(summary.length, fmt.number(summary.length))}
                  </p>
                  <ul>
                    {summary.map((problem) => {
                      const language = /^lang:([a-zA-Z_]+)/u.exec(problem.at)?.[1];
                      const text = problemText(problem, tt, named);
                      return (
                        <li key={`${problem.at}|${problem.code}|${problem.message}`}>
                          <a
                            href={`#${controlId(problem.at)}`}
                            onClick={(event) => {
                              event.preventDefault();
                              focusProblem(builder, problem);
                            }}
                          >
                            {language ? tt.builder.inLanguage(languageLabel(language), text) : text}
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </>
              ) : null}
              {builder.failures.length > 0 ? (
                <>
                  <p className="builder__summary-title">{tt.builder.partlyRefused}</p>
                  <ul>
                    {builder.failures.map((failure) => (
                      <li key={failure.language}>
                        {tt.metaRefused(
                          languageLabel(failure.language),
                          (failure.rule ? tt.metaRules[failure.rule] : null) ?? failure.message,
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}

          <section className="card section builder__settings">
            {!template && access.active.length > 1 ? (
              <ConnectionField
                label={tt.builder.number}
                connections={access.active}
                value={builder.connectionId ?? ""}
                onChange={builder.setConnectionId}
              />
            ) : connection ? (
              <p className="builder__number">
                {tt.builder.number} · <bdi dir="ltr">{connectionLabel(connection)}</bdi>
              </p>
            ) : null}

            <Field
              id={controlId("name")}
              label={tt.builder.name}
              hint={template ? tt.builder.nameLocked : tt.builder.nameHint}
              error={errorAt("name")}
            >
              <input
                className="input"
                dir="ltr"
                autoComplete="off"
                spellCheck={false}
                readOnly={builder.editing}
                value={builder.name}
                onChange={(event) => builder.setName(event.target.value)}
              />
            </Field>

            <CategoryPicker builder={builder} locked={approved} error={errorAt("category")} />

            <fieldset className="builder__languages" id={controlId("translations")} tabIndex={-1}>
              <legend>{tt.builder.languages}</legend>
              {template ? null : <p className="field__hint">{tt.builder.languagesHint}</p>}
              <div className="builder__checks">
                {STUDIO_LANGUAGES.map((language) => (
                  <label key={language} className="checkbox">
                    <input
                      type="checkbox"
                      disabled={builder.editing}
                      checked={builder.languages.includes(language)}
                      onChange={(event) => builder.setLanguageOn(language, event.target.checked)}
                    />
                    <bdi>{languageLabel(language)}</bdi>
                  </label>
                ))}
              </div>
              {errorAt("translations") ? <p className="field__error">{errorAt("translations")}</p> : null}
            </fieldset>

            <fieldset className="builder__format">
              <legend>{tt.builder.variables}</legend>
              <div className="builder__checks">
                {(["NAMED", "POSITIONAL"] as const).map((format) => (
                  <label key={format} className="checkbox">
                    <input
                      type="radio"
                      name={`${id}-format`}
                      disabled={builder.editing}
                      checked={builder.parameterFormat === format}
                      onChange={() => builder.setParameterFormat(format)}
                    />
                    <span dir="auto">{format === "NAMED" ? tt.builder.named : tt.builder.positional}</span>
                  </label>
                ))}
              </div>
              <p className="field__hint">{tt.builder.variablesHint}</p>
            </fieldset>
          </section>

          {builder.languages.length > 0 ? (
            <section className="card section builder__content">
              <LanguageTabs builder={builder} problemsIn={problemsIn} />
              <div
                role="tabpanel"
                id={`${id}-panel`}
                aria-labelledby={`tab-${builder.active}`}
                className="builder__panel"
                lang={builder.active}
              >
                {isBlank(activeContent) &&
                builder.languages.some(
                  (other) => other !== builder.active && !isBlank(builder.contentOf(other)),
                ) ? (
                  <div className="builder__start-from">
                    <p className="field__hint">{tt.builder.emptyTab}</p>
                    {builder.languages
                      .filter((other) => other !== builder.active && !isBlank(builder.contentOf(other)))
                      .map((other) => (
                        <button
                          key={other}
                          type="button"
                          className="button button--small"
                          onClick={() => builder.copyContent(other, builder.active)}
                        >
                          {tt.builder.fromLanguage(languageLabel(other))}
                        </button>
                      ))}
                  </div>
                ) : null}
                <ContentEditor
                  key={builder.active}
                  builder={builder}
                  language={builder.active}
                  errorAt={errorAt}
                  media={activeMedia ?? null}
                  onMedia={(pick) => setMedia((current) => ({ ...current, [builder.active]: pick }))}
                />
              </div>
            </section>
          ) : null}

          <div className="builder__footer">
            <button
              type="button"
              className="button"
              onClick={() =>
                navigate(template ? `/templates/${encodeURIComponent(template.id)}` : "/templates")
              }
            >
              {tt.builder.cancel}
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={builder.pending || !access.canManage || !builder.connectionId}
            >
              {builder.pending ? tt.builder.submitting : template ? tt.builder.submitEdit : tt.builder.submit}
            </button>
          </div>
        </div>

        <aside className="builder__aside" aria-labelledby={`${id}-preview`}>
          <section className="card section builder__preview">
            <h2 className="section__title" id={`${id}-preview`}>
              {tt.builder.previewTitle} · <bdi>{languageLabel(builder.active)}</bdi>
            </h2>
            <p className="field__hint">{tt.builder.previewHint}</p>
            <TemplateBubble
              shape={shape}
              valueOf={(part, name) => sampleOf(activeContent, part, name)}
              dir={builder.active === "ar" ? "rtl" : "ltr"}
              mediaPreview={activeMedia?.url ? <img src={activeMedia.url} alt="" /> : undefined}
            />
          </section>
          <section className="card section builder__cost" aria-labelledby={`${id}-cost`}>
            <h2 className="section__title" id={`${id}-cost`}>
              {tt.builder.costTitle} · {tt.categories[builder.category]}
            </h2>
            {cost && price !== undefined ? (
              <p className="builder__cost-line" data-cost={builder.category}>
                {cost(isolateLtr(mad(price)))}
              </p>
            ) : null}
            <p className="field__hint">{tt.costNote}</p>
          </section>
        </aside>
      </form>
    </Page>
  );
}

/** A tab per language, each with its count of problems; arrows move between them. */
function LanguageTabs({
  builder,
  problemsIn,
}: {
  builder: TemplateBuilderState;
  problemsIn(language: TemplateLanguage): number;
}) {
  const { tt, fmt } = useTemplatesI18n();
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = builder.languages.indexOf(builder.active);
    const rtl = document.documentElement.dir === "rtl";
    const step = event.key === "ArrowRight" ? (rtl ? -1 : 1) : event.key === "ArrowLeft" ? (rtl ? 1 : -1) : 0;
    let next: TemplateLanguage | undefined;
    if (step !== 0)
      next = builder.languages[(index + step + builder.languages.length) % builder.languages.length];
    if (event.key === "Home") next = builder.languages[0];
    if (event.key === "End") next = builder.languages.at(-1);
    if (!next) return;
    event.preventDefault();
    builder.setActive(next);
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  }
  return (
    <div className="language-tabs" role="tablist" aria-label={tt.builder.contentTabs} onKeyDown={onKeyDown}>
      {builder.languages.map((language) => {
        const count = problemsIn(language);
        const selected = language === builder.active;
        return (
          <button
            key={language}
            id={`tab-${language}`}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className="language-tabs__tab"
            onClick={() => builder.setActive(language)}
          >
            <bdi>{languageLabel(language)}</bdi>
            {count > 0 ? (
              <span className="language-tabs__count">
                <span aria-hidden="true">{fmt.number(count)}</span>
                <span className="visually-hidden">{tt.builder.problemsInTab(count, fmt.number(count))}</span>
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}

/** Marketing, utility or authentication: what each may contain and what one send costs. */
function CategoryPicker({
  builder,
  locked,
  error,
}: {
  builder: TemplateBuilderState;
  locked: boolean;
  error: string | null;
}) {
  const { tt, mad } = useTemplatesI18n();
  const id = useId();
  const prices = useTemplatePrices(TEMPLATE_CATEGORIES);
  return (
    <fieldset
      className="category-picker"
      id={controlId("category")}
      tabIndex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{tt.builder.category}</legend>
      {locked ? <p className="field__hint">{tt.builder.categoryLocked}</p> : null}
      <div className="category-picker__options">
        {TEMPLATE_CATEGORIES.map((category: TemplateCategory) => {
          const unsupported = category === "AUTHENTICATION";
          const price = prices[category];
          return (
            <label
              key={category}
              className="category-option"
              data-checked={builder.category === category || undefined}
              data-disabled={unsupported || locked || undefined}
            >
              <input
                type="radio"
                name={`${id}-category`}
                value={category}
                checked={builder.category === category}
                disabled={unsupported || (locked && builder.category !== category)}
                aria-labelledby={`${id}-${category}-name`}
                aria-describedby={`${id}-${category}`}
                onChange={() => builder.setCategory(category)}
              />
              <span className="category-option__text">
                <span className="category-option__name" id={`${id}-${category}-name`}>
                  {tt.categories[category]}
                </span>
                <span className="category-option__hint" id={`${id}-${category}`}>
                  {tt.categoryHints[category]}{" "}
                  {unsupported ? (
                    <strong>{tt.builder.unsupported}</strong>
                  ) : price !== undefined ? (
                    <span className="category-option__price">
                      {tt.cost[category]?.(isolateLtr(mad(price)))}
                    </span>
                  ) : null}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
