import { Link } from "../../../app/Link";
import { Field } from "../../../ui/Field";
import { languageLabel, templateLabel } from "../../templates/names";
import { useCampaignsI18n } from "../i18n";
import { categoryLabel } from "../labels";
import { type BulkTemplate, templateKey } from "../template";
import type { CampaignDraftState } from "./useCampaignDraft";

/** Why a template can't make a campaign, after its name; null when it can. */
export function whyNot(item: BulkTemplate, tc: ReturnType<typeof useCampaignsI18n>["tc"]): string | null {
  if (item.availability !== "sendable" && item.availability !== "paced")
    return tc.unavailable[item.availability];
  return item.supported ? null : tc.mediaHeader;
}

/** The campaign's name, the number it is sent from, and the approved template it sends. */
export function CampaignSettings({ draft }: { draft: CampaignDraftState }) {
  const { tc, locale } = useCampaignsI18n();
  const { templates, connectionId, bulkTemplates } = draft;
  const noneChoosable = templates.isSuccess && !bulkTemplates.some((item) => item.choosable);
  return (
    <div className="campaign-compose__grid">
      <Field label={tc.name}>
        <input
          className="input"
          value={draft.name}
          maxLength={120}
          onChange={(event) => draft.setName(event.target.value)}
        />
      </Field>
      <Field label={tc.number}>
        <select
          className="select"
          value={connectionId ?? ""}
          onChange={(event) => draft.chooseConnection(event.target.value)}
        >
          {draft.active.map((connection) => (
            <option key={connection.id} value={connection.id} dir="ltr">
              {connection.displayPhoneNumber ?? connection.id}
              {connection.verifiedName ? ` · ${connection.verifiedName}` : ""}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={tc.template}
        hint={
          templates.isPending && connectionId
            ? tc.templatesLoading
            : noneChoosable
              ? tc.noTemplate
              : undefined
        }
      >
        <select
          className="select"
          value={draft.chosenTemplate}
          onChange={(event) => draft.chooseTemplate(event.target.value)}
        >
          <option value="">{tc.chooseTemplate}</option>
          {bulkTemplates.map((item) => {
            const why = whyNot(item, tc);
            return (
              <option key={item.template.id} value={templateKey(item.template)} disabled={why !== null}>
                {`${templateLabel(item.template.name, locale)} · ${languageLabel(item.template.language)} · ${categoryLabel(tc, item.template.category)}`}
                {why ? ` (${why})` : ""}
              </option>
            );
          })}
        </select>
      </Field>
      <p className="create-template campaign-compose__create">
        {tc.noneFits}{" "}
        <Link to="/templates/new" className="create-template__link">
          {tc.createTemplate}
        </Link>
      </p>
    </div>
  );
}
