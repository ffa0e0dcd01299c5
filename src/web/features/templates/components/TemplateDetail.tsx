import { useId, useMemo, useState } from "react";
import { templateEditRefusal } from "../../../../contracts/template-rules";
import { ApiError } from "../../../api/client";
import { describeError } from "../../../api/errors";
import { Link } from "../../../app/Link";
import { Page } from "../../../app/Page";
import { navigate } from "../../../app/router";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { EmptyState } from "../../../ui/EmptyState";
import { Icon } from "../../../ui/Icon";
import { TemplateBubble } from "../../inbox/components/templates/TemplateBubble";
import { inboxFormatOf } from "../../inbox/model/dates";
import { templateShape } from "../../inbox/model/templates";
import type { TemplateResponse } from "../api";
import { type TemplatesMessages, useTemplatesI18n } from "../i18n";
import { contentShape, sampleOf } from "../model/draft";
import { editRefusalWords, pauseWords, rejectionWords } from "../model/wording";
import { languageLabel, templateLabel } from "../names";
import { useAllTemplates, useDeleteTemplate, useTemplate } from "../queries";
import { StatusBadge } from "./StatusBadge";
import { TemplateHistory } from "./TemplateHistory";
import { useTemplateAccess, useTitleFocusWhenLost } from "./useTemplateAccess";

/** Why the edit button is disabled, in words; null when Meta would take an edit now. */
function editBlock(
  template: TemplateResponse,
  tt: TemplatesMessages,
  date: (iso: string) => string,
): string | null {
  const refusal = template.content
    ? templateEditRefusal(template, template.approvedEdits, new Date())
    : "unreadable";
  return refusal ? editRefusalWords(refusal, template, tt, date) : null;
}

/**
 * One template in one language: its WhatsApp preview, status with Meta's reason and what to change,
 * its history, its other languages, and edit/delete (disabled with the reason when Meta forbids).
 * `template:updated` keeps it live.
 */
export function TemplateDetail({ id }: { id: string }) {
  const { locale } = useTemplatesI18n();
  const query = useTemplate(id);
  const template = query.data;
  if (!template) return <TemplateNotLoaded pending={query.isPending} error={query.error} />;
  return <Loaded template={template} title={templateLabel(template.name, locale)} />;
}

/** A template's page before its data: a skeleton while it loads, else why it can't be shown. */
export function TemplateNotLoaded(props: { pending: boolean; error: unknown }) {
  const { tt } = useTemplatesI18n();
  const missing = props.error instanceof ApiError && props.error.status === 404;
  return (
    <Page title={tt.title}>
      <BackLink />
      {props.pending ? (
        <section className="card section" aria-busy="true">
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--line skeleton--short" />
        </section>
      ) : (
        <section className="card">
          <EmptyState icon="template" title={missing ? tt.detail.notFound : tt.loadError} />
        </section>
      )}
    </Page>
  );
}

function BackLink() {
  const { tt } = useTemplatesI18n();
  return (
    <Link to="/templates" className="template-detail__back">
      <Icon name="back" size={18} />
      {tt.detail.back}
    </Link>
  );
}

function Loaded({ template, title }: { template: TemplateResponse; title: string }) {
  const { t, tt, fmt } = useTemplatesI18n();
  useTitleFocusWhenLost();
  const access = useTemplateAccess();
  const all = useAllTemplates();
  const remove = useDeleteTemplate();
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  const deleted = template.status === "DELETED" || template.status === "PENDING_DELETION";
  const siblings = (all.data ?? []).filter(
    (item) =>
      item.connectionId === template.connectionId && item.name === template.name && item.id !== template.id,
  );
  const editWhyNot = access.canManage ? editBlock(template, tt, fmt.date) : tt.detail.readOnly;
  const deleteWhyNot = !access.canManage
    ? tt.detail.readOnly
    : template.status === "DISABLED"
      ? tt.detail.deleteDisabled
      : null;
  const language = languageLabel(template.language);

  return (
    <Page title={title}>
      <BackLink />
      {deleted ? (
        <p className="alert alert--warning" role="status">
          {tt.detail.deleted}
        </p>
      ) : null}
      <div className="template-detail">
        <div className="template-detail__main">
          <section className="card section" aria-labelledby={`${reasonId}-facts`}>
            <h2 className="visually-hidden" id={`${reasonId}-facts`}>
              {tt.detail.status}
            </h2>
            <dl className="template-facts">
              <div>
                <dt>{tt.detail.status}</dt>
                <dd>
                  <StatusBadge status={template.status} />
                </dd>
              </div>
              <div>
                <dt>{tt.detail.metaName}</dt>
                <dd>
                  <bdi dir="ltr" className="code">
                    {template.name}
                  </bdi>
                </dd>
              </div>
              <div>
                <dt>{tt.detail.language}</dt>
                <dd>
                  <bdi>{language}</bdi>
                </dd>
              </div>
              <div>
                <dt>{tt.detail.category}</dt>
                <dd>{tt.categories[template.category] ?? template.category}</dd>
              </div>
              <div>
                <dt>{tt.detail.quality}</dt>
                <dd>{tt.quality[template.qualityScore ?? "UNKNOWN"] ?? template.qualityScore}</dd>
              </div>
              <div>
                <dt>{tt.detail.number}</dt>
                <dd>
                  <bdi dir="ltr">{access.numberOf(template.connectionId)}</bdi>
                </dd>
              </div>
              <div>
                <dt>{tt.detail.changed}</dt>
                <dd>
                  <time dateTime={template.lastChangedAt}>{fmt.dateTime(template.lastChangedAt)}</time>
                </dd>
              </div>
            </dl>
            <StatusExplanation template={template} />
            {deleted ? null : (
              <div className="template-detail__actions">
                <ActionLink
                  to={`/templates/${encodeURIComponent(template.id)}/edit`}
                  label={template.status === "REJECTED" ? tt.rejection.fix : tt.detail.edit}
                  icon="template"
                  whyNot={editWhyNot}
                  primary={template.status === "REJECTED"}
                />
                <button
                  type="button"
                  className="button"
                  aria-disabled={deleteWhyNot ? true : undefined}
                  aria-describedby={deleteWhyNot ? `${reasonId}-delete` : undefined}
                  onClick={() => {
                    if (!deleteWhyNot) setConfirming(true);
                  }}
                >
                  {tt.detail.delete}
                </button>
                {deleteWhyNot && deleteWhyNot !== editWhyNot ? (
                  <p className="template-detail__why" id={`${reasonId}-delete`}>
                    {deleteWhyNot}
                  </p>
                ) : null}
              </div>
            )}
          </section>

          <section className="card section" aria-labelledby={`${reasonId}-history`}>
            <h2 className="section__title" id={`${reasonId}-history`}>
              {tt.detail.history}
            </h2>
            <TemplateHistory template={template} />
          </section>
        </div>

        <div className="template-detail__side">
          <section className="card section" aria-labelledby={`${reasonId}-preview`}>
            <h2 className="section__title" id={`${reasonId}-preview`}>
              {tt.detail.preview}
            </h2>
            <p className="section__intro">{tt.detail.previewHint}</p>
            <Preview template={template} />
          </section>
          {siblings.length > 0 ? (
            <section className="card section" aria-labelledby={`${reasonId}-languages`}>
              <h2 className="section__title" id={`${reasonId}-languages`}>
                {tt.detail.translations}
              </h2>
              <ul className="template-siblings">
                {siblings.map((sibling) => (
                  <li key={sibling.id}>
                    <Link to={`/templates/${encodeURIComponent(sibling.id)}`}>
                      <bdi>{languageLabel(sibling.language)}</bdi>
                    </Link>
                    <StatusBadge status={sibling.status} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>

      {confirming ? (
        <ConfirmDialog
          title={tt.detail.deleteTitle}
          body={`${tt.detail.deleteBody(title, language)}${template.status === "APPROVED" ? ` ${tt.detail.deleteApproved}` : ""}`}
          confirmLabel={tt.detail.deleteConfirm}
          pending={remove.isPending}
          error={remove.error ? describeError(remove.error, t, fmt) : null}
          onClose={() => setConfirming(false)}
          onConfirm={() =>
            remove.mutate(template, {
              onSuccess: () => {
                setConfirming(false);
                navigate("/templates");
              },
            })
          }
        />
      ) : null}
    </Page>
  );
}

/** A link styled as a button, or, when not allowed, a disabled button with the reason beside it. */
function ActionLink(props: {
  to: string;
  label: string;
  icon: "template";
  whyNot: string | null;
  primary?: boolean;
}) {
  const id = useId();
  const className = props.primary ? "button button--primary" : "button";
  if (!props.whyNot) {
    return (
      <Link to={props.to} className={className}>
        <Icon name={props.icon} size={18} />
        {props.label}
      </Link>
    );
  }
  return (
    <>
      <button type="button" className={className} aria-disabled="true" aria-describedby={id}>
        <Icon name={props.icon} size={18} />
        {props.label}
      </button>
      <p className="template-detail__why" id={id}>
        {props.whyNot}
      </p>
    </>
  );
}

/** What the status means for the recruiter: Meta's reason in words and what to change, or the wait. */
function StatusExplanation({ template }: { template: TemplateResponse }) {
  const { tt } = useTemplatesI18n();
  const { status, statusReason } = template;
  // Meta's own words come with the last entry that set this status.
  const metaWords = [...template.history]
    .reverse()
    .find((entry) => entry.status === status && entry.detail)?.detail;
  if (status === "REJECTED") {
    const words = rejectionWords(statusReason ?? template.rejectionReason, tt);
    return (
      <div className="template-explanation template-explanation--rejected" role="note">
        <p className="template-explanation__title">
          <Icon name="alert" size={18} />
          {tt.rejection.title} · {words.reason}
        </p>
        <p>{words.advice}</p>
        {metaWords ? (
          <p className="template-explanation__meta" dir="auto">
            {tt.rejection.metaSays(metaWords)}
          </p>
        ) : null}
      </div>
    );
  }
  if (status === "PAUSED" || status === "DISABLED" || statusReason === "RATE_LIMITING_PAUSE") {
    const words = pauseWords(status, statusReason, tt);
    return (
      <div
        className={`template-explanation template-explanation--${status === "DISABLED" ? "disabled" : "paused"}`}
        role="note"
      >
        <p className="template-explanation__title">
          <Icon name="warning" size={18} />
          {words.title}
        </p>
        <p>{words.body}</p>
        <p>{words.advice}</p>
      </div>
    );
  }
  if (status === "PENDING" || status === "IN_APPEAL") {
    return (
      <div className="template-explanation template-explanation--pending" role="note">
        <p className="template-explanation__title">
          <Icon name="hourglass" size={18} />
          {tt.statuses[status]}
        </p>
        <p>{tt.pending}</p>
      </div>
    );
  }
  return null;
}

/** The template as the candidate will read it, with its sample values; Arabic laid out right to left. */
function Preview({ template }: { template: TemplateResponse }) {
  const { tt, locale } = useTemplatesI18n();
  const time = useMemo(
    () => inboxFormatOf(locale).time(template.lastChangedAt),
    [locale, template.lastChangedAt],
  );
  const view = useMemo(() => {
    if (template.content) {
      const content = template.content;
      return {
        shape: contentShape(content, template.parameterFormat, tt.builder.copyCodeLabel),
        valueOf: (part: "header" | "body", name: string) => sampleOf(content, part, name),
      };
    }
    const shape = templateShape(template);
    return {
      shape,
      valueOf: (part: "header" | "body", name: string) =>
        shape.fields.find((field) => field.key === `${part}.${name}`)?.example ?? "",
    };
  }, [template, tt]);
  if (!view.shape.body && !view.shape.headerText)
    return <p className="section__intro">{tt.detail.unreadable}</p>;
  return (
    <TemplateBubble
      shape={view.shape}
      valueOf={view.valueOf}
      dir={template.language.startsWith("ar") ? "rtl" : "ltr"}
      time={time}
    />
  );
}
