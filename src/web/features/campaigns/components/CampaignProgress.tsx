import { languageLabel, templateLabel } from "../../templates/names";
import type { CampaignResponse } from "../api";
import { useCampaignsI18n } from "../i18n";
import { categoryLabel } from "../labels";
import { useCampaign } from "../queries";
import { describeReason, displayPhone } from "../reasons";

const COUNTERS = ["queued", "sent", "delivered", "read", "failed"] as const;

/** Live progress of one bulk send: the five counters, a bar, and every recipient not reached, by reason. */
export function CampaignProgress(props: { id: string; initial?: CampaignResponse; onNew(): void }) {
  const { tc, fmt, mad, locale } = useCampaignsI18n();
  const query = useCampaign(props.id, props.initial);
  const campaign = query.data;
  if (!campaign) {
    return <section className="card section skeleton" aria-busy="true" style={{ blockSize: 240 }} />;
  }
  const { progress } = campaign;
  const total = COUNTERS.reduce((sum, key) => sum + progress[key], 0);
  const done = total - progress.queued;
  const reached = progress.sent + progress.delivered + progress.read;
  const finished = progress.queued === 0;

  const groups = new Map<string, CampaignResponse["failures"]>();
  for (const failure of campaign.failures) {
    const reason = describeReason(failure.reason, tc, fmt.number);
    groups.set(reason, [...(groups.get(reason) ?? []), failure]);
  }

  return (
    <section className="card section campaign-progress" aria-labelledby="campaign-progress-title">
      <div className="section__head">
        <div>
          <h2 id="campaign-progress-title" className="section__title" tabIndex={-1}>
            {tc.progressTitle} · <bdi>{campaign.name}</bdi>
          </h2>
          <p className="table__muted">
            <bdi>{templateLabel(campaign.templateName, locale)}</bdi> (
            <bdi>{languageLabel(campaign.templateLanguage)}</bdi>) · {categoryLabel(tc, campaign.category)} ·{" "}
            {fmt.dateTime(campaign.createdAt)} · {tc.cost}{" "}
            <bdi dir="ltr">{mad(campaign.estimatedCostMad)}</bdi>
          </p>
        </div>
        <button type="button" className="button" onClick={props.onNew}>
          {tc.newCampaign}
        </button>
      </div>

      <div className="campaign-progress__bar">
        <progress
          max={Math.max(total, 1)}
          value={done}
          aria-label={tc.progressTitle}
          aria-valuetext={tc.progressLabel(fmt.number(done), fmt.number(total))}
        />
        <span className="campaign-progress__label" data-done={done} data-total={total}>
          {tc.progressLabel(fmt.number(done), fmt.number(total))}
          {finished ? null : <span className="campaign-progress__live"> · {tc.live}</span>}
        </span>
      </div>

      {campaign.waiting && !finished ? (
        <p className="campaign-progress__waiting" data-waiting={campaign.waiting.reason}>
          {tc.waiting[campaign.waiting.reason](
            campaign.waiting.until ? fmt.dateTime(campaign.waiting.until) : "—",
          )}
        </p>
      ) : null}

      <dl className="campaign-figures campaign-figures--progress">
        {COUNTERS.map((key) => (
          <div
            key={key}
            className={`campaign-figure campaign-figure--${key}`}
            data-counter={key}
            data-count={progress[key] > 0 ? "some" : "none"}
          >
            <dt>{tc.counters[key]}</dt>
            <dd>
              <bdi dir="ltr">{fmt.number(progress[key])}</bdi>
            </dd>
          </div>
        ))}
      </dl>

      {/* Polite, and only once: the end of the send, not every counter change. */}
      <p role="status" className={finished ? "campaign-progress__done" : "visually-hidden"}>
        {finished ? tc.finished(fmt.number(reached), fmt.number(progress.failed)) : ""}
      </p>

      <div>
        <h3 className="campaign-compose__subtitle">
          {tc.failuresTitle} ({fmt.number(campaign.failures.length)})
        </h3>
        {campaign.failures.length === 0 ? (
          <p className="table__muted">{tc.noFailures}</p>
        ) : (
          <ul className="campaign-failures">
            {[...groups.entries()].map(([reason, failures]) => (
              <li key={reason}>
                <details open={groups.size <= 3}>
                  <summary>
                    <strong>{reason}</strong> —{" "}
                    {tc.failureCount(failures.length, fmt.number(failures.length))}
                  </summary>
                  <ul className="campaign-failures__people">
                    {failures.map((failure) => (
                      <li key={failure.phone}>
                        {failure.name ? (
                          <>
                            <bdi>{failure.name}</bdi>{" "}
                          </>
                        ) : null}
                        <bdi dir="ltr" className="table__muted">
                          {displayPhone(failure.phone)}
                        </bdi>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
