import type { ReactNode } from "react";
import { useMemo, useState } from "react";
import { Page } from "../../../app/Page";
import { INTL_LOCALE } from "../../../i18n/locale";
import { EmptyState } from "../../../ui/EmptyState";
import { ErrorAlert } from "../../../ui/ErrorAlert";
import { Field } from "../../../ui/Field";
import type { ReportsResponse } from "../api";
import { useReportsI18n } from "../i18n";
import { useReports } from "../queries";
import { ReportsChart } from "./ReportsChart";
import "../../costs/components/costs.css";
import "./reports.css";

/** The periods offered, in weeks; the server's default (8) first shown. */
const PERIODS = [4, 8, 12, 26] as const;
const DEFAULT_PERIOD = 8;

/** The Monday `weeks - 1` weeks before this week's (the browser's calendar), `YYYY-MM-DD`. */
function fromMondayOf(weeks: number, now = new Date()): string {
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const weekday = new Date(today).getUTCDay();
  const monday = today - ((weekday + 6) % 7) * 86_400_000 - (weeks - 1) * 7 * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Reports: first response and resolution times, week by week and per recruiter. */
export default function ReportsPage() {
  const { tr, fmt, locale } = useReportsI18n();
  const [weeks, setWeeks] = useState<number>(DEFAULT_PERIOD);
  const reports = useReports(weeks === DEFAULT_PERIOD ? null : fromMondayOf(weeks));
  const dayFormat = useMemo(
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: "numeric", month: "long", timeZone: "UTC" }),
    [locale],
  );
  const dayLabel = (day: string) => dayFormat.format(new Date(`${day}T12:00:00Z`));
  const data = reports.data;

  return (
    <Page title={tr.title}>
      <p className="page__intro">{tr.intro}</p>
      <div className="costs-filters">
        <Field label={tr.period}>
          <select className="select" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                {tr.weeks(n, fmt.number(n))}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {reports.isError && !data ? (
        <section className="card section reports-error">
          <ErrorAlert error={reports.error} />
          <button type="button" className="button" onClick={() => void reports.refetch()}>
            {tr.retry}
          </button>
        </section>
      ) : !data ? (
        <section
          className="card section skeleton"
          aria-busy="true"
          aria-label={tr.title}
          style={{ blockSize: 240 }}
        />
      ) : (
        <Report data={data} dayLabel={dayLabel} />
      )}
    </Page>
  );
}

function Report({ data, dayLabel }: { data: ReportsResponse; dayLabel: (day: string) => string }) {
  const { tr, fmt, duration } = useReportsI18n();
  const { total } = data;
  const isEmpty = total.conversationsHandled === 0 && total.resolutions === 0;
  return (
    <>
      <p className="reports-range">
        {tr.range(dayLabel(data.from), dayLabel(data.to))}
        {data.scope === "self" ? <> · {tr.ownOnly}</> : null}
      </p>
      {isEmpty ? (
        <section className="card section">
          <EmptyState icon="chart" title={tr.emptyTitle}>
            <p>{tr.emptyBody}</p>
          </EmptyState>
        </section>
      ) : (
        <>
          <div className="costs-summary">
            <Figure
              id="reports-handled"
              label={tr.handled}
              figure="handled"
              value={fmt.number(total.conversationsHandled)}
            >
              {tr.responses(total.responses, fmt.number(total.responses))}
            </Figure>
            <Figure
              id="reports-first-response"
              label={tr.firstResponse}
              figure="first-response"
              value={duration(total.firstResponseMedianSeconds)}
            >
              {tr.p90(duration(total.firstResponseP90Seconds))}
            </Figure>
            <Figure
              id="reports-resolution"
              label={tr.resolution}
              figure="resolution"
              value={duration(total.resolutionMedianSeconds)}
            >
              {tr.resolutions(total.resolutions, fmt.number(total.resolutions))} ·{" "}
              {tr.p90(duration(total.resolutionP90Seconds))}
            </Figure>
          </div>
          <section className="card section reports-chart-card" aria-label={tr.chartTitle}>
            <ReportsChart weeks={data.weeks} weekLabel={dayLabel} />
          </section>
          <section className="card section reports-recruiters" aria-labelledby="reports-recruiters-title">
            <h2 id="reports-recruiters-title" className="section__title">
              {tr.recruitersTitle}
            </h2>
            <div className="reports-table-scroll">
              <table className="costs-table reports-table">
                <thead>
                  <tr>
                    <th scope="col">{tr.columns.recruiter}</th>
                    <th scope="col">{tr.columns.handled}</th>
                    <th scope="col">{tr.columns.responses}</th>
                    <th scope="col">{tr.columns.firstResponseMedian}</th>
                    <th scope="col">{tr.columns.firstResponseP90}</th>
                    <th scope="col">{tr.columns.resolutions}</th>
                    <th scope="col">{tr.columns.resolutionMedian}</th>
                    <th scope="col">{tr.columns.resolutionP90}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.recruiters.map((r) => (
                    <tr key={r.userId}>
                      <th scope="row">
                        <bdi>{r.name}</bdi>
                      </th>
                      <td>{fmt.number(r.conversationsHandled)}</td>
                      <td>{fmt.number(r.responses)}</td>
                      <td>{duration(r.firstResponseMedianSeconds)}</td>
                      <td>{duration(r.firstResponseP90Seconds)}</td>
                      <td>{fmt.number(r.resolutions)}</td>
                      <td>{duration(r.resolutionMedianSeconds)}</td>
                      <td>{duration(r.resolutionP90Seconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      <p className="reports-definitions">{tr.definitions}</p>
    </>
  );
}

function Figure(props: { id: string; label: string; figure: string; value: string; children: ReactNode }) {
  return (
    <section className="card section costs-figure" aria-labelledby={props.id}>
      <h2 id={props.id} className="costs-figure__label">
        {props.label}
      </h2>
      <p className="costs-figure__value" data-figure={props.figure}>
        {props.value}
      </p>
      <p className="costs-figure__detail">{props.children}</p>
    </section>
  );
}
