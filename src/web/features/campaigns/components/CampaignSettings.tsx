import { Field } from "../../../ui/Field";
import { useCampaignsI18n } from "../i18n";
import { categoryLabel, languageName } from "../labels";
import { templateKey } from "../template";
import type { CampaignDraftState } from "./useCampaignDraft";

/** The campaign's name, the number it is sent from, and the approved template it sends. */
export function CampaignSettings({ draft }: { draft: CampaignDraftState }) {
  const { tc, locale } = useCampaignsI18n();
  const { templates, connectionId, bulkTemplates } = draft;
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
            : templates.isSuccess && bulkTemplates.length === 0
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
          {bulkTemplates.map((item) => (
            <option key={item.template.id} value={templateKey(item.template)} disabled={!item.supported}>
              {`${item.template.name} · ${languageName(item.template.language, locale)} · ${categoryLabel(tc, item.template.category)}`}
              {item.supported ? "" : ` (${tc.mediaHeader})`}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
