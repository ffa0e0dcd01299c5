import { type ChangeEvent, useId, useRef } from "react";
import { Field } from "../../../ui/Field";
import { Icon } from "../../../ui/Icon";
import { useCampaignsI18n } from "../i18n";
import { CsvReport } from "./CsvReport";
import type { CampaignDraftState } from "./useCampaignDraft";

/** The recipients as a CSV, uploaded, pasted or from the example; usable once a template is chosen. */
export function RecipientsFieldset({ draft }: { draft: CampaignDraftState }) {
  const { tc } = useCampaignsI18n();
  const { bulk, header } = draft;
  const fileRef = useRef<HTMLInputElement>(null);
  const helpId = useId();

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    await draft.loadFile(file);
    // The same file chosen again must still fire a change.
    event.target.value = "";
  };

  return (
    <fieldset className="campaign-recipients" disabled={!bulk}>
      <legend className="campaign-compose__subtitle">{tc.recipients}</legend>
      <p className="field__hint" id={helpId}>
        {tc.csvHelp} <code dir="ltr">{header}</code>
      </p>
      <div className="campaign-recipients__actions">
        <button type="button" className="button" onClick={() => fileRef.current?.click()}>
          <Icon name="paperclip" size={16} />
          {tc.upload}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,text/csv,text/plain"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={tc.upload}
          onChange={onFile}
        />
        {bulk ? (
          <button type="button" className="button button--ghost" onClick={draft.insertExample}>
            {tc.example}
          </button>
        ) : null}
        {draft.fileName ? (
          <span className="table__muted">
            {tc.uploaded} <bdi>{draft.fileName}</bdi>
          </span>
        ) : null}
      </div>
      <Field label={tc.csvLabel}>
        <textarea
          className="input campaign-recipients__csv"
          dir="ltr"
          spellCheck={false}
          rows={8}
          value={draft.csv}
          aria-describedby={helpId}
          placeholder={header}
          onChange={(event) => draft.pasteCsv(event.target.value)}
        />
      </Field>
      {draft.parsed ? <CsvReport parsed={draft.parsed} /> : null}
    </fieldset>
  );
}
