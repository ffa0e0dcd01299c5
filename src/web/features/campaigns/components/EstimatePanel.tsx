import type { CampaignEstimate } from "../api";
import { useCampaignsI18n } from "../i18n";
import { categoryLabel } from "../labels";
import { describeReason } from "../reasons";

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
      {estimate.invalid.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="campaign-table__caption">{tc.invalidTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{tc.invalidRow}</th>
                <th scope="col">{tc.invalidPhone}</th>
                <th scope="col">{tc.invalidReason}</th>
              </tr>
            </thead>
            <tbody>
              {estimate.invalid.map((item) => (
                <tr key={item.row}>
                  <td>{number(props.lines[item.row] ?? item.row + 1)}</td>
                  <td>
                    <bdi dir="ltr">{item.phone}</bdi>
                  </td>
                  <td>{describeReason(item.reason, tc, fmt.number)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
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
