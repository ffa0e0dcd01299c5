import { useId } from "react";
import { templateAvailability } from "../../../../../contracts/template-rules";
import { Link } from "../../../../app/Link";
import { languageLabel, templateLabel } from "../../../templates/names";
import { useSyncTemplates } from "../../../templates/queries";
import { useInboxI18n } from "../../i18n";
import { isSelectable, type TemplateFormState } from "./useTemplateForm";

/**
 * Search, language filter and the templates by the names recruiters read; the ones Meta doesn't let
 * be sent (pending, rejected, paused, disabled) are shown disabled with why, and a link leads to the
 * studio when none fits.
 */
export function TemplateList({
  form,
  connectionId,
}: {
  form: TemplateFormState;
  connectionId: string | null;
}) {
  const { t, ti, locale } = useInboxI18n();
  const sync = useSyncTemplates(connectionId);
  const listId = useId();
  return (
    <div className="template-list">
      <div className="template-list__filters">
        <label className="visually-hidden" htmlFor={`${listId}-search`}>
          {ti.templates.search}
        </label>
        <input
          id={`${listId}-search`}
          className="input"
          type="search"
          dir="auto"
          placeholder={ti.templates.search}
          value={form.search}
          onChange={(event) => form.setSearch(event.target.value)}
        />
        <label className="visually-hidden" htmlFor={`${listId}-language`}>
          {ti.templates.language}
        </label>
        <select
          id={`${listId}-language`}
          className="select"
          value={form.language}
          onChange={(event) => form.setLanguage(event.target.value)}
        >
          <option value="">{ti.templates.allLanguages}</option>
          {form.languages.map((language) => (
            <option key={language} value={language}>
              {languageLabel(language)}
            </option>
          ))}
        </select>
      </div>
      {form.templates.isError ? (
        <p className="alert alert--danger" role="alert">
          {ti.templates.loadError}
        </p>
      ) : null}
      {form.templates.isSuccess && form.shown.length === 0 ? (
        <p className="template-list__empty">{ti.templates.empty}</p>
      ) : null}
      <ul className="template-list__items" aria-label={ti.templates.title}>
        {form.shown.map((template) => {
          const selectable = isSelectable(template, form.isOptedOut);
          const current = form.selected?.id === template.id;
          const availability = templateAvailability(template.status, template.statusReason);
          const reasonId = `${listId}-${template.id}-reason`;
          const reason =
            availability === "sendable" || availability === "paced"
              ? selectable
                ? null
                : ti.templates.marketingOptedOut
              : ti.templates.unavailable[availability];
          return (
            <li key={template.id}>
              <button
                type="button"
                className="template-item"
                aria-pressed={current}
                aria-disabled={!selectable}
                aria-describedby={reason ? reasonId : undefined}
                onClick={() => form.choose(template)}
              >
                <span className="template-item__name">
                  {templateLabel(template.name, locale)}
                  <span className="template-item__language">
                    {" · "}
                    <bdi>{languageLabel(template.language)}</bdi>
                  </span>
                </span>
                <span className="template-item__tags">
                  <span
                    className={`tag${template.category === "MARKETING" ? " tag--warning" : " tag--muted"}`}
                  >
                    {ti.templates.categories[template.category] ?? template.category}
                  </span>
                  {availability === "sendable" ? null : (
                    <span className={`tag tag--${availability === "paced" ? "muted" : "danger"}`}>
                      {ti.templates.statuses[availability]}
                    </span>
                  )}
                </span>
                {reason ? (
                  <span className="template-item__reason" id={reasonId}>
                    {reason}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
      <p className="create-template">
        {ti.templates.noneFits}{" "}
        <Link to="/templates/new" className="create-template__link">
          {ti.templates.createTemplate}
        </Link>
      </p>
      {connectionId ? (
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={sync.isPending}
          onClick={() => sync.mutate()}
        >
          {sync.isPending ? ti.templates.syncing : ti.templates.sync}
        </button>
      ) : null}
      {sync.isError ? <p className="field__error">{t.errors.generic}</p> : null}
    </div>
  );
}
