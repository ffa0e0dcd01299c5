import { useMemo, useState } from "react";
import { COST_GROUPS } from "../../../../contracts/costs";
import { Page } from "../../../app/Page";
import { INTL_LOCALE } from "../../../i18n/locale";
import { Field } from "../../../ui/Field";
import { Icon } from "../../../ui/Icon";
import { type CostGroup, type CostsResponse, costsCsvUrl } from "../api";
import { useCostsI18n } from "../i18n";
import { useCosts } from "../queries";
import { BudgetCard } from "./BudgetCard";
import { CostsChart } from "./CostsChart";
import "./costs.css";

/** The twelve months up to this one, newest first (`YYYY-MM`). */
function recentMonths(now = new Date()): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** Costs: a month's WhatsApp spend grouped five ways, the SMS comparison, twelve months, the budget. */
export default function CostsPage() {
  const { tc, mad, fmt, locale } = useCostsI18n();
  const months = useMemo(() => recentMonths(), []);
  const [month, setMonth] = useState<string | null>(null);
  const [groupBy, setGroupBy] = useState<CostGroup>("category");
  const costs = useCosts(month, groupBy);
  const monthFormat = useMemo(
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { month: "long", year: "numeric", timeZone: "UTC" }),
    [locale],
  );
  const monthLabel = (m: string) => monthFormat.format(new Date(`${m}-01T12:00:00Z`));
  const data = costs.data;

  return (
    <Page
      title={tc.title}
      actions={
        <a className="button" href={costsCsvUrl(month, groupBy)} download>
          <Icon name="download" size={18} />
          {tc.export}
        </a>
      }
    >
      <p className="page__intro">{tc.intro}</p>
      <div className="costs-filters">
        <Field label={tc.month}>
          <select className="select" value={month ?? months[0]} onChange={(e) => setMonth(e.target.value)}>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={tc.groupBy}>
          <select
            className="select"
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value as CostGroup)}
          >
            {COST_GROUPS.map((group) => (
              <option key={group} value={group}>
                {tc.groups[group]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {!data ? (
        <section className="card section skeleton" aria-busy="true" style={{ blockSize: 240 }} />
      ) : (
        <>
          <Summary data={data} />
          <div className="costs-grid">
            <section className="card section" aria-label={tc.chartTitle}>
              <CostsChart history={data.history} monthLabel={monthLabel} />
            </section>
            <BudgetCard key={`${data.budget.monthlyMad}`} budget={data.budget} />
          </div>
          <section className="card section" aria-labelledby="costs-table-title">
            <h2 id="costs-table-title" className="section__title">
              {tc.table} · {monthLabel(data.month)}
            </h2>
            {data.rows.length === 0 ? (
              <p>{tc.empty}</p>
            ) : (
              <table className="costs-table">
                <thead>
                  <tr>
                    <th scope="col">{tc.groups[data.groupBy]}</th>
                    <th scope="col">{tc.columns.amount}</th>
                    <th scope="col">{tc.columns.billable}</th>
                    <th scope="col">{tc.columns.free}</th>
                    <th scope="col">{tc.columns.inbound}</th>
                    <th scope="col">{tc.columns.sms}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.key ?? "none"}>
                      <th scope="row">
                        <RowLabel groupBy={data.groupBy} label={row.label} />
                      </th>
                      <td>
                        <bdi dir="ltr">{mad(row.amountMad)}</bdi>
                      </td>
                      <td>{fmt.number(row.billableMessages)}</td>
                      <td>{fmt.number(row.freeMessages)}</td>
                      <td>{fmt.number(row.inboundMessages)}</td>
                      <td>
                        <bdi dir="ltr">{mad(row.smsCostMad)}</bdi>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

function RowLabel({ groupBy, label }: { groupBy: CostGroup; label: string | null }) {
  const { tc } = useCostsI18n();
  if (groupBy === "category") return <>{(label && tc.categories[label]) ?? label ?? tc.none.category}</>;
  if (groupBy === "client") return <>{tc.none.client}</>;
  if (!label) return <>{tc.none[groupBy]}</>;
  return groupBy === "number" ? <bdi dir="ltr">{label}</bdi> : <bdi>{label}</bdi>;
}

function Summary({ data }: { data: CostsResponse }) {
  const { tc, mad, fmt } = useCostsI18n();
  const { total } = data;
  const saving = Math.max(0, total.smsCostMad - total.amountMad);
  return (
    <div className="costs-summary">
      <section className="card section costs-figure" aria-labelledby="costs-total">
        <h2 id="costs-total" className="costs-figure__label">
          {tc.total}
        </h2>
        <p className="costs-figure__value" data-figure="total">
          <bdi dir="ltr">{mad(total.amountMad)}</bdi>
        </p>
        <p className="costs-figure__detail">
          {tc.billable(total.billableMessages, fmt.number(total.billableMessages))} ·{" "}
          {tc.free(total.freeMessages, fmt.number(total.freeMessages))}
        </p>
      </section>
      <section className="card section costs-figure" aria-labelledby="costs-sms">
        <h2 id="costs-sms" className="costs-figure__label">
          {tc.sms}
        </h2>
        <p className="costs-figure__value" data-figure="sms">
          <bdi dir="ltr">{mad(total.smsCostMad)}</bdi>
        </p>
        <p className="costs-figure__detail">
          {tc.smsHelp(mad(data.smsPriceMad))} ·{" "}
          {tc.inbound(total.inboundMessages, fmt.number(total.inboundMessages))}
        </p>
        <p className="costs-figure__saving">{tc.saving(mad(saving))}</p>
      </section>
    </div>
  );
}
