import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useId, useMemo, useState } from "react";
import { TEMPLATE_CATEGORIES } from "../../../../contracts/template-rules";
import { Link } from "../../../app/Link";
import { Page } from "../../../app/Page";
import { navigate, useLocation } from "../../../app/router";
import { EmptyState } from "../../../ui/EmptyState";
import { Icon } from "../../../ui/Icon";
import { useRequiredSession } from "../../auth/queries";
import { connectionLabel } from "../../clients/components/ConnectionField";
import type { TemplateResponse } from "../api";
import { syncTemplates } from "../api";
import { templateKeys } from "../cache";
import { useTemplatesI18n } from "../i18n";
import { STUDIO_LANGUAGES } from "../model/draft";
import { languageLabel, templateLabel } from "../names";
import { useAllTemplates } from "../queries";
import { QualityLabel, StatusBadge } from "./StatusBadge";
import { useTemplateAccess } from "./useTemplateAccess";

const StarterPackDialog = lazy(() => import("./StarterPackDialog"));

/** The statuses the filter offers first; any other a template has is added after them. */
const MAIN_STATUSES = ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED"];

interface Filters {
  connectionId: string;
  status: string;
  category: string;
  language: string;
  search: string;
}

const NO_FILTERS: Filters = { connectionId: "", status: "", category: "", language: "", search: "" };

/** Every template of every number, filtered and searched; a number without any is offered the starter pack. */
export function TemplateListView() {
  const { tt, fmt, locale } = useTemplatesI18n();
  const access = useTemplateAccess();
  const templates = useAllTemplates();
  const { search: query } = useLocation();
  const submitted = new URLSearchParams(query).get("submitted");
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [starterFor, setStarterFor] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [syncedCount, setSyncedCount] = useState<number | null>(null);
  const queryClient = useQueryClient();
  const { client } = useRequiredSession();
  const filterId = useId();

  const all = templates.data ?? [];
  const languages = useMemo(
    () => [...new Set([...STUDIO_LANGUAGES, ...all.map((template) => template.language)])],
    [all],
  );
  const statuses = useMemo(
    () => [...new Set([...MAIN_STATUSES, ...all.map((template) => template.status)])],
    [all],
  );
  const shown = useMemo(() => {
    const words = filters.search.trim().toLocaleLowerCase();
    return all
      .filter((template) => !filters.connectionId || template.connectionId === filters.connectionId)
      .filter((template) => !filters.status || template.status === filters.status)
      .filter((template) => !filters.category || template.category === filters.category)
      .filter((template) => !filters.language || template.language === filters.language)
      .filter(
        (template) =>
          !words ||
          template.name.toLocaleLowerCase().includes(words) ||
          templateLabel(template.name, locale).toLocaleLowerCase().includes(words),
      )
      .sort((a, b) => b.lastChangedAt.localeCompare(a.lastChangedAt) || a.name.localeCompare(b.name));
  }, [all, filters, locale]);
  // Numbers without a single template: the starter pack is offered there first.
  const bare = templates.isSuccess
    ? access.active.filter((connection) => !all.some((template) => template.connectionId === connection.id))
    : [];
  const filtered = Object.values(filters).some(Boolean);
  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const clear = (
    <button
      type="button"
      className="button button--ghost button--small"
      onClick={() => setFilters(NO_FILTERS)}
    >
      {tt.filters.clear}
    </button>
  );

  async function syncAll() {
    setSyncing(true);
    setSyncedCount(null);
    try {
      const counts = await Promise.all(access.active.map((connection) => syncTemplates(connection.id)));
      setSyncedCount(counts.reduce((sum, result) => sum + result.count, 0));
      await queryClient.invalidateQueries({ queryKey: templateKeys.all(client.id) });
    } finally {
      setSyncing(false);
    }
  }

  const actions =
    access.canManage && access.active.length > 0 ? (
      <>
        <button type="button" className="button" onClick={() => setStarterFor(access.active[0]?.id ?? null)}>
          <Icon name="template" size={18} />
          {tt.starterPack}
        </button>
        <Link to="/templates/new" className="button button--primary">
          <Icon name="plus" size={18} />
          {tt.newTemplate}
        </Link>
      </>
    ) : null;

  return (
    <Page title={tt.title} actions={actions}>
      <p className="section__intro">{tt.intro}</p>
      {submitted ? (
        <p className="alert alert--success" role="status">
          {tt.builder.submitted(templateLabel(submitted, locale))}
        </p>
      ) : null}
      {access.canManage ? null : <p className="alert alert--info">{tt.readOnly}</p>}

      {!access.isLoading && access.connections.length === 0 ? (
        <section className="card">
          <EmptyState
            icon="phone"
            title={tt.emptyNumber.title}
            action={
              <Link to="/connections" className="button button--primary">
                {tt.connect}
              </Link>
            }
          >
            <p>{tt.needsConnection}</p>
          </EmptyState>
        </section>
      ) : null}

      {bare.map((connection) => (
        <section
          className="card templates-starter-offer"
          key={connection.id}
          aria-labelledby={`${connection.id}-offer`}
        >
          <EmptyState
            icon="template"
            title={tt.emptyNumber.title}
            titleId={`${connection.id}-offer`}
            action={
              access.canManage ? (
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => setStarterFor(connection.id)}
                >
                  {tt.emptyNumber.action}
                </button>
              ) : null
            }
          >
            <p>
              <bdi dir="ltr">{connectionLabel(connection)}</bdi>
            </p>
            <p>{tt.emptyNumber.body}</p>
          </EmptyState>
        </section>
      ))}

      {access.connections.length > 0 ? (
        <section className="card templates-list" aria-labelledby={`${filterId}-caption`}>
          <search className="templates-filters" aria-label={tt.filters.label}>
            <div className="templates-filters__search">
              <label className="visually-hidden" htmlFor={`${filterId}-search`}>
                {tt.filters.search}
              </label>
              <Icon name="search" size={18} />
              <input
                id={`${filterId}-search`}
                className="input"
                type="search"
                dir="auto"
                placeholder={tt.filters.search}
                value={filters.search}
                onChange={(event) => set({ search: event.target.value })}
              />
            </div>
            {access.connections.length > 1 ? (
              <FilterSelect
                label={tt.filters.number}
                value={filters.connectionId}
                all={tt.filters.allNumbers}
                options={access.connections.map((connection) => ({
                  value: connection.id,
                  label: connectionLabel(connection),
                }))}
                onChange={(connectionId) => set({ connectionId })}
              />
            ) : null}
            <FilterSelect
              label={tt.filters.status}
              value={filters.status}
              all={tt.filters.allStatuses}
              options={statuses.map((status) => ({ value: status, label: tt.statuses[status] ?? status }))}
              onChange={(status) => set({ status })}
            />
            <FilterSelect
              label={tt.filters.category}
              value={filters.category}
              all={tt.filters.allCategories}
              options={TEMPLATE_CATEGORIES.map((category) => ({
                value: category,
                label: tt.categories[category] ?? category,
              }))}
              onChange={(category) => set({ category })}
            />
            <FilterSelect
              label={tt.filters.language}
              value={filters.language}
              all={tt.filters.allLanguages}
              options={languages.map((language) => ({ value: language, label: languageLabel(language) }))}
              onChange={(language) => set({ language })}
            />
            {filtered ? clear : null}
          </search>

          {templates.isError ? (
            <p className="alert alert--danger" role="alert">
              {tt.loadError}
            </p>
          ) : null}

          <div className="table-wrap">
            <table className="table templates-table" aria-busy={templates.isPending}>
              <caption className="visually-hidden" id={`${filterId}-caption`}>
                {tt.table.caption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tt.table.name}</th>
                  <th scope="col">{tt.table.language}</th>
                  <th scope="col">{tt.table.category}</th>
                  <th scope="col">{tt.table.status}</th>
                  <th scope="col">{tt.table.quality}</th>
                  <th scope="col">{tt.table.changed}</th>
                  {access.connections.length > 1 ? <th scope="col">{tt.table.number}</th> : null}
                </tr>
              </thead>
              <tbody>
                {templates.isPending ? (
                  <SkeletonRows columns={access.connections.length > 1 ? 7 : 6} />
                ) : null}
                {shown.map((template) => (
                  <TemplateRow
                    key={template.id}
                    template={template}
                    number={access.connections.length > 1 ? access.numberOf(template.connectionId) : null}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {templates.isSuccess && shown.length === 0 && all.length > 0 ? (
            <p className="templates-list__empty">
              {tt.noMatch} {clear}
            </p>
          ) : null}
          <div className="templates-list__footer">
            <p className="templates-list__count" aria-live="polite">
              {templates.isSuccess ? tt.filters.count(shown.length, fmt.number(shown.length)) : ""}
              {syncedCount !== null ? ` · ${tt.synced(syncedCount, fmt.number(syncedCount))}` : ""}
            </p>
            {access.active.length > 0 ? (
              <button
                type="button"
                className="button button--ghost button--small"
                disabled={syncing}
                onClick={syncAll}
              >
                {syncing ? tt.syncing : tt.sync}
              </button>
            ) : null}
          </div>
        </section>
      ) : null}

      {starterFor ? (
        <Suspense fallback={null}>
          <StarterPackDialog
            connectionId={starterFor}
            onClose={() => {
              setStarterFor(null);
              if (submitted) navigate("/templates", { replace: true });
            }}
          />
        </Suspense>
      ) : null}
    </Page>
  );
}

function FilterSelect(props: {
  label: string;
  value: string;
  all: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="templates-filters__field">
      <label className="templates-filters__label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        className="select"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{props.all}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One translation of a template: its name (a link to its page), language, category, status, quality, last change. */
function TemplateRow({ template, number }: { template: TemplateResponse; number: string | null }) {
  const { tt, fmt, locale } = useTemplatesI18n();
  return (
    <tr data-template={`${template.name}:${template.language}`}>
      <td>
        <Link to={`/templates/${encodeURIComponent(template.id)}`} className="templates-table__name">
          {templateLabel(template.name, locale)}
        </Link>
        <span className="templates-table__meta-name">
          <bdi dir="ltr">{template.name}</bdi>
        </span>
      </td>
      <td>
        <bdi>{languageLabel(template.language)}</bdi>
      </td>
      <td>{tt.categories[template.category] ?? template.category}</td>
      <td>
        <StatusBadge status={template.status} />
      </td>
      <td>
        <QualityLabel score={template.qualityScore} />
      </td>
      <td className="table__muted">
        <time dateTime={template.lastChangedAt}>{fmt.dateTime(template.lastChangedAt)}</time>
      </td>
      {number !== null ? (
        <td>
          <bdi dir="ltr">{number}</bdi>
        </td>
      ) : null}
    </tr>
  );
}

function SkeletonRows({ columns }: { columns: number }) {
  return (
    <>
      {[0, 1, 2].map((row) => (
        <tr key={row}>
          {Array.from({ length: columns }, (_, column) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
            <td key={column}>
              <span className="skeleton skeleton--line" aria-hidden="true" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
