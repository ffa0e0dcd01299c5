import { describeError } from "../../../api/errors";
import { Field } from "../../../ui/Field";
import { languageLabel, templateLabel } from "../../templates/names";
import type { CampaignRecipientResult, CampaignResponse } from "../api";
import { useCampaignsI18n } from "../i18n";
import { categoryLabel } from "../labels";
import { templateKey } from "../template";
import { CampaignPreview } from "./CampaignPreview";
import { whyNot } from "./CampaignSettings";
import { ConfirmSendDialog } from "./ConfirmSendDialog";
import { EstimatePanel } from "./EstimatePanel";
import { type FollowUpSource, followable, useFollowUpDraft } from "./useFollowUpDraft";

const NAME = "name";
const TEXT = "text";

/** A source as the select's value: `name`, `text`, or `value:<index of the first send's variable>`. */
const sourceKey = (source: FollowUpSource) =>
  source.from === "value" ? `value:${source.index}` : source.from;

/**
 * "Relancer les non-répondants": another approved template of the same number to the candidates the
 * campaign reached who never replied, each value from their name, a value of the first send or a
 * text; the server's estimate (how many, who is left out, the cost), then a confirmed send, now or at
 * a date and time of the client's time zone. The new campaign says it follows this one up.
 */
export function FollowUpPanel(props: {
  campaign: CampaignResponse;
  silent: CampaignRecipientResult[];
  onCreated(campaign: CampaignResponse): void;
  onClose(): void;
}) {
  const { t, tc, fmt, locale } = useCampaignsI18n();
  const draft = useFollowUpDraft(props.campaign, props.silent, props.onCreated);
  const { bulk, estimate, estimated, stale, create } = draft;
  const noneChoosable = draft.templates.isSuccess && !draft.bulkTemplates.some(followable);
  return (
    <section className="campaign-follow-up" aria-labelledby="campaign-follow-up-title">
      <div className="section__head">
        <h3 id="campaign-follow-up-title" className="campaign-compose__subtitle" tabIndex={-1}>
          {tc.followUp.title}
        </h3>
        <button type="button" className="button button--ghost" onClick={props.onClose}>
          {t.common.cancel}
        </button>
      </div>
      <p>{tc.followUp.intro(props.silent.length, fmt.number(props.silent.length))}</p>
      <div className="campaign-compose__grid">
        <Field label={tc.name}>
          <input
            className="input"
            value={draft.name}
            maxLength={120}
            onChange={(event) => draft.setName(event.target.value)}
          />
        </Field>
        <Field
          label={tc.followUp.template}
          hint={draft.templates.isPending ? tc.templatesLoading : noneChoosable ? tc.noTemplate : undefined}
        >
          <select
            className="select"
            value={draft.chosenTemplate}
            onChange={(event) => draft.chooseTemplate(event.target.value)}
          >
            <option value="">{tc.chooseTemplate}</option>
            {draft.bulkTemplates.map((item) => {
              const why = whyNot(item, tc) ?? (followable(item) ? null : tc.followUp.notFollowable);
              return (
                <option key={item.template.id} value={templateKey(item.template)} disabled={why !== null}>
                  {`${templateLabel(item.template.name, locale)} · ${languageLabel(item.template.language)} · ${categoryLabel(tc, item.template.category)}`}
                  {why ? ` (${why})` : ""}
                </option>
              );
            })}
          </select>
        </Field>
      </div>

      {bulk && draft.variables.length > 0 ? (
        <div className="table-wrap">
          <table className="table campaign-mapping">
            <caption className="campaign-table__caption">{tc.followUp.valuesTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{tc.mapTarget}</th>
                <th scope="col">{tc.followUp.source}</th>
              </tr>
            </thead>
            <tbody>
              {draft.variables.map((variable, index) => {
                const label = tc.mapVariable(variable.column);
                const source = draft.sources[index] as FollowUpSource;
                return (
                  <tr key={variable.name} data-target={variable.column}>
                    <th scope="row">{label}</th>
                    <td>
                      <select
                        className="select"
                        aria-label={label}
                        value={sourceKey(source)}
                        onChange={(event) => {
                          const value = event.target.value;
                          draft.setSource(
                            variable.name,
                            value === NAME
                              ? { from: "name" }
                              : value === TEXT
                                ? { from: "text", text: "" }
                                : { from: "value", index: Number(value.slice(6)) },
                          );
                        }}
                      >
                        <option value={NAME}>{tc.mapName}</option>
                        {draft.firstBody.map((first, firstIndex) => (
                          <option key={first.name} value={`value:${firstIndex}`}>
                            {tc.followUp.fromValue(first.column)}
                          </option>
                        ))}
                        <option value={TEXT}>{tc.mapText}</option>
                      </select>
                      {source.from === "text" ? (
                        <input
                          className="input"
                          aria-label={tc.mapTextFor(label)}
                          value={source.text}
                          maxLength={1024}
                          onChange={(event) =>
                            draft.setSource(variable.name, { from: "text", text: event.target.value })
                          }
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      {bulk ? <CampaignPreview bulk={bulk} recipients={draft.previews} /> : null}

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
          lines={props.silent.map((_, index) => index + 1)}
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
