import type { CampaignEstimate } from "../api";
import { useCampaignsI18n } from "../i18n";
import { categoryLabel } from "../labels";
import { describeDrop } from "../reasons";

/**
 * The server's answer before sending: how many receive it, how many are left out and why, the
 * rows it refused, how many Meta charges and at what price, the SMS equivalent, and the category.
 */
export function EstimatePanel(props: {
  estimate: CampaignEstimate;
  /** The file line of each recipient sent for estimation, so refused rows are named by line. */
  lines: number[];
  stale: boolean;
  sending: boolean;
  onSend(): void;
}) {
  const { tc, fmt, mad } = useCampaignsI18n();
  const { estimate } = props;
  const marketing = estimate.category.toUpperCase() === "MARKETING";
  const number = (value: number) => <bdi dir="ltr">{fmt.number(value)}</bdi>;
  return (
    <section className="campaign-estimate" aria-labelledby="campaign-estimate-title" aria-live="polite">
      <h3 id="campaign-estimate-title" className="campaign-compose__subtitle">
        {tc.estimateTitle}
      </h3>
      {props.stale ? <p className="alert alert--warning">{tc.estimateStale}</p> : null}
      <p className="campaign-estimate__headline" data-testid="estimate-headline">
        {tc.readyDropped(
          estimate.sendable,
          fmt.number(estimate.sendable),
          estimate.dropped.length,
          fmt.number(estimate.dropped.length),
        )}
      </p>
      <dl className="campaign-figures">
        <div className="campaign-figure campaign-figure--main" data-figure="sendable">
          <dt>{tc.sendable}</dt>
          <dd>{number(estimate.sendable)}</dd>
        </div>
        <div className="campaign-figure" data-figure="excluded">
          <dt>{tc.excluded}</dt>
          <dd>{number(estimate.excludedOptedOut)}</dd>
          <dd className="campaign-figure__note">{marketing ? tc.excludedWhy : tc.excludedWhyUtility}</dd>
        </div>
        <div className="campaign-figure" data-figure="invalid">
          <dt>{tc.invalid}</dt>
          <dd>{number(estimate.invalid.length)}</dd>
        </div>
        {estimate.duplicates.length > 0 ? (
          <div className="campaign-figure" data-figure="duplicates">
            <dt>{tc.duplicates}</dt>
            <dd>{number(estimate.duplicates.length)}</dd>
          </div>
        ) : null}
        <div className="campaign-figure" data-figure="billable">
          <dt>{tc.billable}</dt>
          <dd>{number(estimate.billable)}</dd>
          <dd className="campaign-figure__note">
            {tc.pricePer} <bdi dir="ltr">{mad(estimate.pricePerMessageMad)}</bdi>
          </dd>
        </div>
        <div className="campaign-figure campaign-figure--main" data-figure="cost">
          <dt>{tc.cost}</dt>
          <dd>
            <bdi dir="ltr">{mad(estimate.estimatedCostMad)}</bdi>
          </dd>
        </div>
        <div className="campaign-figure" data-figure="sms">
          <dt>{tc.smsCost}</dt>
          <dd>
            <bdi dir="ltr">{mad(estimate.smsCostMad)}</bdi>
          </dd>
          <dd className="campaign-figure__note">{tc.smsCompare}</dd>
        </div>
      </dl>
      <p className={marketing ? "campaign-category campaign-category--charged" : "campaign-category"}>
        <span className="tag">
          {tc.category} · {categoryLabel(tc, estimate.category)}
        </span>{" "}
        {marketing ? tc.marketingNote : tc.utilityNote}
      </p>
      <RowsTable
        caption={tc.droppedTitle}
        rows={estimate.dropped.map((item) => ({
          row: item.row,
          phone: item.phone,
          name: item.name,
          reason:
            item.code === "duplicate"
              ? tc.duplicateOf(fmt.number(props.lines[item.sameAsRow ?? 0] ?? (item.sameAsRow ?? 0) + 1))
              : describeDrop(item.code, item.reason, tc, fmt.number),
        }))}
        lines={props.lines}
      />
      <div className="campaign-compose__footer">
        {estimate.sendable > 0 ? (
          <button
            type="button"
            className="button button--primary"
            disabled={props.stale || props.sending}
            onClick={props.onSend}
          >
            {tc.send(estimate.sendable, fmt.number(estimate.sendable))}
          </button>
        ) : (
          <p className="alert alert--warning">{tc.nothingToSend}</p>
        )}
      </div>
    </section>
  );
}

/** Rows of the file left out by the server, each with its line, its number and the reason. */
function RowsTable(props: {
  caption: string;
  rows: { row: number; phone: string; name: string | null; reason: string }[];
  lines: number[];
}) {
  const { tc, fmt } = useCampaignsI18n();
  if (props.rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="campaign-table__caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{tc.invalidRow}</th>
            <th scope="col">{tc.invalidPhone}</th>
            <th scope="col">{tc.invalidName}</th>
            <th scope="col">{tc.invalidReason}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((item) => (
            <tr key={item.row}>
              <td>
                <bdi dir="ltr">{fmt.number(props.lines[item.row] ?? item.row + 1)}</bdi>
              </td>
              <td>
                <bdi dir="ltr">{item.phone}</bdi>
              </td>
              <td>
                <bdi>{item.name ?? ""}</bdi>
              </td>
              <td>{item.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
