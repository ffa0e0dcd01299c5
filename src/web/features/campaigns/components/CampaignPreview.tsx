import { fillRuns } from "../../inbox/model/templates";
import { useCampaignsI18n } from "../i18n";
import type { BulkTemplate, Recipient } from "../template";

/** The values of one row for the preview, by the template's variable names. */
function rowValue(bulk: BulkTemplate, recipient: Recipient | undefined, name: string): string {
  if (!recipient) return "";
  const bodyVariables = bulk.variables.filter((variable) => variable.part === "body");
  const index = bodyVariables.findIndex((variable) => variable.name === name);
  return recipient.body?.[index]?.text ?? "";
}

/** The template as the first recipients will read it; its bare text (variables marked) before any row. */
export function CampaignPreview(props: { bulk: BulkTemplate; recipients: Recipient[] }) {
  const { tc } = useCampaignsI18n();
  const { bulk, recipients } = props;
  return (
    <div className="campaign-preview">
      <h3 className="campaign-compose__subtitle">{tc.preview}</h3>
      <div className="campaign-preview__list">
        {(recipients.length > 0 ? recipients : [undefined]).map((recipient, index) => (
          <figure className="campaign-preview__bubble" key={recipient?.phone ?? index}>
            {recipient?.name ? (
              <figcaption className="campaign-preview__to">
                <bdi>{recipient.name}</bdi>
              </figcaption>
            ) : null}
            <p dir="auto">
              {fillRuns(bulk.shape.body, bulk.shape.named, (variable) =>
                rowValue(bulk, recipient, variable),
              ).map((run, runIndex) => (
                <span
                  // Runs are positional slices of a fixed text.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one text never reorder
                  key={runIndex}
                  className={
                    run.isMissing
                      ? "campaign-preview__var"
                      : run.isValue
                        ? "campaign-preview__value"
                        : undefined
                  }
                >
                  {run.text}
                </span>
              ))}
            </p>
            {bulk.shape.footer ? <p className="campaign-preview__footer">{bulk.shape.footer}</p> : null}
          </figure>
        ))}
      </div>
    </div>
  );
}
