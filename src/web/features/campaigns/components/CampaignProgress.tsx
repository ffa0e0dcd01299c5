import { useState } from "react";
import { describeError } from "../../../api/errors";
import { Link } from "../../../app/Link";
import { inboxPath } from "../../inbox/model/inbox-address";
import { languageLabel, templateLabel } from "../../templates/names";
import { type CampaignAction, type CampaignResponse, resultsCsvUrl } from "../api";
import { useCampaignsI18n } from "../i18n";
import { categoryLabel, wallTimeLabel } from "../labels";
import { useCampaign, useCampaignAction, useCampaignResults, useCampaigns } from "../queries";
import { describeDrop, describeReason, displayPhone } from "../reasons";
import { FollowUpPanel } from "./FollowUpPanel";
import { nonResponders } from "./useFollowUpDraft";

/** Each message counted at every stage it passed: a read message is also delivered and sent. */
const FUNNEL = ["queued", "sent", "delivered", "read", "replied", "failed"] as const;

/** What the recruiter may do in each state (the server enforces the same). */
const ACTIONS: Record<CampaignResponse["status"], CampaignAction[]> = {
  scheduled: ["pause", "cancel"],
  sending: ["pause", "cancel"],
  paused: ["resume", "cancel"],
  cancelled: [],
  finished: [],
};

/** One campaign: its state and controls, its funnel and reply rate, and every candidate's result. */
export function CampaignProgress(props: {
  id: string;
  initial?: CampaignResponse;
  onNew(): void;
  /** Opens another campaign: the follow-up just made, or the campaign this one follows up. */
  onOpen(campaign: CampaignResponse): void;
}) {
  const { t, tc, fmt, mad, locale } = useCampaignsI18n();
  const query = useCampaign(props.id, props.initial);
  const campaign = query.data;
  const results = useCampaignResults(campaign);
  const action = useCampaignAction(props.id);
  const campaigns = useCampaigns();
  const [followingUp, setFollowingUp] = useState(false);
  if (!campaign) {
    return <section className="card section skeleton" aria-busy="true" style={{ blockSize: 240 }} />;
  }
  const { funnel } = campaign;
  const actions = [...ACTIONS[campaign.status]];
  if (funnel.failed > 0 && (campaign.status === "finished" || campaign.status === "sending"))
    actions.push("retry-failed");
  const silent = nonResponders(results.data ?? []);
  const mayFollowUp = (campaign.status === "finished" || campaign.status === "sending") && silent.length > 0;
  const original = campaign.followUpOf
    ? campaigns.data?.find((item) => item.id === campaign.followUpOf)
    : undefined;
  const scheduledAt = campaign.scheduledAtLocal ? wallTimeLabel(campaign.scheduledAtLocal, locale) : null;

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
          {campaign.followUpOf ? (
            <p className="campaign-progress__follow-up" data-follow-up-of={campaign.followUpOf}>
              {original ? (
                <>
                  {tc.followUp.of}{" "}
                  <button type="button" className="link-button" onClick={() => props.onOpen(original)}>
                    <bdi>{original.name}</bdi>
                  </button>
                </>
              ) : (
                tc.followUp.ofUnknown
              )}
            </p>
          ) : null}
        </div>
        <button type="button" className="button" onClick={props.onNew}>
          {tc.newCampaign}
        </button>
      </div>

      <div className="campaign-state">
        <span
          className={`tag campaign-state__tag campaign-state__tag--${campaign.status}`}
          data-state={campaign.status}
        >
          {tc.states[campaign.status]}
        </span>
        {scheduledAt && campaign.status === "scheduled" ? (
          <span data-scheduled-at={campaign.scheduledAt}>
            {tc.scheduledFor(scheduledAt, campaign.timeZone)}
          </span>
        ) : null}
        <span className="campaign-state__actions">
          {actions.map((name) => (
            <button
              key={name}
              type="button"
              className={name === "cancel" ? "button button--danger" : "button"}
              disabled={action.isPending}
              onClick={() => action.mutate(name)}
            >
              {tc.actions[name]}
            </button>
          ))}
          {mayFollowUp && !followingUp ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                setFollowingUp(true);
                requestAnimationFrame(() => document.getElementById("campaign-follow-up-title")?.focus());
              }}
            >
              {tc.followUp.open}
            </button>
          ) : null}
          <Link className="button button--ghost" to={inboxPath(null, { campaignId: campaign.id })}>
            {tc.viewConversations}
          </Link>
          <a className="button button--ghost" href={resultsCsvUrl(campaign.id)} download>
            {tc.export}
          </a>
        </span>
      </div>
      {followingUp && mayFollowUp ? (
        <FollowUpPanel
          campaign={campaign}
          silent={silent}
          onCreated={(created) => {
            setFollowingUp(false);
            props.onOpen(created);
          }}
          onClose={() => setFollowingUp(false)}
        />
      ) : null}
      {action.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(action.error, t, fmt)}
        </p>
      ) : null}

      {campaign.waiting && campaign.status === "sending" ? (
        <p className="campaign-progress__waiting" data-waiting={campaign.waiting.reason}>
          {tc.waiting[campaign.waiting.reason](
            campaign.waiting.until ? fmt.dateTime(campaign.waiting.until) : "—",
          )}
        </p>
      ) : null}

      <dl className="campaign-figures campaign-figures--progress">
        {FUNNEL.map((key) => (
          <div
            key={key}
            className={`campaign-figure campaign-figure--${key}`}
            data-counter={key}
            data-count={funnel[key] > 0 ? "some" : "none"}
          >
            <dt>{tc.counters[key]}</dt>
            <dd>
              <bdi dir="ltr">{fmt.number(funnel[key])}</bdi>
            </dd>
          </div>
        ))}
        <div className="campaign-figure" data-counter="reply-rate">
          <dt>{tc.replyRate}</dt>
          <dd>
            <bdi dir="ltr">
              {new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(
                funnel.replyRate,
              )}
            </bdi>
          </dd>
        </div>
      </dl>
      <p className="table__muted">
        {tc.funnelNote(
          fmt.number(funnel.recipients),
          fmt.number(funnel.dropped),
          fmt.number(funnel.cancelled),
        )}
      </p>

      <div className="table-wrap">
        <table className="table campaign-results">
          <caption className="campaign-table__caption">{tc.resultsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{tc.invalidRow}</th>
              <th scope="col">{tc.invalidName}</th>
              <th scope="col">{tc.invalidPhone}</th>
              <th scope="col">{tc.stage}</th>
              <th scope="col">{tc.invalidReason}</th>
            </tr>
          </thead>
          <tbody>
            {(results.data ?? []).map((row) => (
              <tr key={row.row} data-stage={row.stage}>
                <td>
                  <bdi dir="ltr">{fmt.number(row.row + 1)}</bdi>
                </td>
                <td>
                  <bdi>{row.name ?? ""}</bdi>
                </td>
                <td>
                  <bdi dir="ltr">{displayPhone(row.phone)}</bdi>
                </td>
                <td>
                  <span className={`tag campaign-stage campaign-stage--${row.stage}`}>
                    {tc.stages[row.stage]}
                  </span>
                </td>
                <td>
                  {row.reason
                    ? row.code
                      ? describeDrop(row.code, row.reason, tc, fmt.number)
                      : describeReason(row.reason, tc, fmt.number)
                    : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
