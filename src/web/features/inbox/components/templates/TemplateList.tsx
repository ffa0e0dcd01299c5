import { useId } from "react";
import { useInboxI18n } from "../../i18n";
import { useSyncTemplates } from "../../queries";
import { isSelectable, type TemplateFormState } from "./useTemplateForm";

/** Search, language filter and the templates; pending or rejected ones show why they cannot be chosen. */
export function TemplateList({
  form,
  connectionId,
}: {
  form: TemplateFormState;
  connectionId: string | null;
}) {
  const { t, ti } = useInboxI18n();
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
              {language}
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
          return (
            <li key={template.id}>
              <button
                type="button"
                className="template-item"
                aria-pressed={current}
                aria-disabled={!selectable}
                onClick={() => form.choose(template)}
              >
                <span className="template-item__name">
                  <bdi dir="ltr">{template.name}</bdi>
                  <span className="template-item__language">{template.language}</span>
                </span>
                <span className="template-item__tags">
                  <span
                    className={`tag${template.category === "MARKETING" ? " tag--warning" : " tag--muted"}`}
                  >
                    {ti.templates.categories[template.category] ?? template.category}
                  </span>
                  {template.status !== "APPROVED" ? (
                    <span className="tag tag--danger">
                      {ti.templates.statuses[template.status] ?? template.status}
                    </span>
                  ) : null}
                </span>
                {template.rejectionReason && template.status === "REJECTED" ? (
                  <span className="template-item__reason">
                    {ti.templates.rejected(template.rejectionReason)}
                  </span>
                ) : null}
                {selectable || template.status !== "APPROVED" ? null : (
                  <span className="template-item__reason">{ti.templates.marketingOptedOut}</span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
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
