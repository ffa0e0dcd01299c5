import { templateLabel } from "../../templates/names";
import type { CampaignResponse } from "../api";
import { useCampaignsI18n } from "../i18n";
import { wallTimeLabel } from "../labels";
import { useCampaigns } from "../queries";

/** Every bulk send of the client, newest first, each opening its live progress. */
export function PastCampaigns(props: { openId: string | null; onOpen(campaign: CampaignResponse): void }) {
  const { tc, fmt, mad, locale } = useCampaignsI18n();
  const campaigns = useCampaigns();
  const list = campaigns.data ?? [];
  return (
    <section className="card section" aria-labelledby="campaigns-past-title">
      <h2 id="campaigns-past-title" className="section__title">
        {tc.pastTitle}
      </h2>
      {campaigns.isError ? <p className="alert alert--danger">{tc.error}</p> : null}
      {campaigns.isPending ? <div className="skeleton skeleton--line" aria-busy="true" /> : null}
      {campaigns.isSuccess && list.length === 0 ? <p className="table__muted">{tc.pastEmpty}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{tc.columns.name}</th>
                <th scope="col">{tc.columns.date}</th>
                <th scope="col">{tc.columns.template}</th>
                <th scope="col">{tc.columns.recipients}</th>
                <th scope="col">{tc.columns.progress}</th>
                <th scope="col">{tc.columns.cost}</th>
                <th scope="col">
                  <span className="visually-hidden">{tc.open}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((campaign) => {
                const { funnel } = campaign;
                const reached = funnel.sent;
                return (
                  <tr key={campaign.id} aria-current={campaign.id === props.openId ? "true" : undefined}>
                    <td>
                      <bdi>{campaign.name}</bdi>
                    </td>
                    <td className="table__muted">
                      {fmt.dateTime(campaign.createdAt)}
                      {campaign.status === "scheduled" && campaign.scheduledAtLocal ? (
                        <>
                          <br />
                          <span data-scheduled-at={campaign.scheduledAt}>
                            {tc.scheduledFor(
                              wallTimeLabel(campaign.scheduledAtLocal, locale),
                              campaign.timeZone,
                            )}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <bdi>{templateLabel(campaign.templateName, locale)}</bdi>
                    </td>
                    <td>
                      <bdi dir="ltr">{fmt.number(campaign.recipientCount)}</bdi>
                    </td>
                    <td>
                      {tc.pastProgress(
                        reached,
                        fmt.number(reached),
                        funnel.failed,
                        fmt.number(funnel.failed),
                      )}{" "}
                      · <span className="tag">{tc.states[campaign.status]}</span>
                    </td>
                    <td>
                      <bdi dir="ltr">{mad(campaign.estimatedCostMad)}</bdi>
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => props.onOpen(campaign)}
                      >
                        {tc.open}
                        <span className="visually-hidden">
                          {" · "}
                          {campaign.name}
                        </span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
