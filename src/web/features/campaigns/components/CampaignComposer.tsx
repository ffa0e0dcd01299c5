import { describeError } from "../../../api/errors";
import { Link } from "../../../app/Link";
import { templateLabel } from "../../templates/names";
import type { CampaignResponse } from "../api";
import { useCampaignsI18n } from "../i18n";
import { CampaignPreview } from "./CampaignPreview";
import { CampaignSettings } from "./CampaignSettings";
import { ConfirmSendDialog } from "./ConfirmSendDialog";
import { EstimatePanel } from "./EstimatePanel";
import { RecipientsFieldset } from "./RecipientsFieldset";
import { useCampaignDraft } from "./useCampaignDraft";

/**
 * A new bulk send: the number, an approved template, the recipients from a pasted or uploaded CSV
 * (each bad line named), the server's estimate (reach, exclusions, cost vs SMS), then a confirmed send.
 */
export function CampaignComposer({ onSent }: { onSent(campaign: CampaignResponse): void }) {
  const { t, tc, fmt, locale } = useCampaignsI18n();
  const draft = useCampaignDraft(onSent);
  const { bulk, estimate, estimated, stale, create } = draft;

  if (draft.connections.isSuccess && draft.active.length === 0) {
    return (
      <section className="card section" aria-labelledby="campaign-new-title">
        <h2 id="campaign-new-title" className="section__title">
          {tc.newTitle}
        </h2>
        <p>{tc.noNumber}</p>
        <p>
          <Link to="/connections" className="button button--primary">
            {tc.connect}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="card section campaign-compose" aria-labelledby="campaign-new-title">
      <h2 id="campaign-new-title" className="section__title">
        {tc.newTitle}
      </h2>
      <CampaignSettings draft={draft} />

      {bulk ? <CampaignPreview bulk={bulk} recipients={draft.previews} /> : null}

      <RecipientsFieldset draft={draft} />

      <div className="campaign-compose__footer">
        <button
          type="button"
          className={estimated && !stale ? "button" : "button button--primary"}
          disabled={!draft.request || estimate.isPending}
          onClick={draft.runEstimate}
        >
          {estimate.isPending ? tc.estimating : tc.estimate}
        </button>
        {estimate.isError ? (
          <p className="alert alert--danger" role="alert">
            {describeError(estimate.error, t, fmt)}
          </p>
        ) : null}
      </div>

      {estimated ? (
        <EstimatePanel
          estimate={estimated.estimate}
          lines={estimated.lines}
          stale={stale}
          sending={create.isPending}
          onSend={() => draft.setConfirming(true)}
        />
      ) : null}

      {draft.confirming && estimated && bulk ? (
        <ConfirmSendDialog
          estimate={estimated.estimate}
          templateName={templateLabel(bulk.template.name, locale)}
          sending={create.isPending}
          error={create.error}
          scheduled={draft.scheduled}
          scheduledAt={draft.scheduledAt}
          timeZone={draft.timeZone}
          onSchedule={draft.setScheduled}
          onScheduledAt={draft.setScheduledAt}
          onConfirm={draft.send}
          onClose={() => draft.setConfirming(false)}
        />
      ) : null}
    </section>
  );
}
