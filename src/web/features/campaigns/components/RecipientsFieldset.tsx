import { type ChangeEvent, useId, useRef, useState } from "react";
import { MAX_CAMPAIGN_RECIPIENTS } from "../../../../contracts/campaigns";
import { Field } from "../../../ui/Field";
import { Icon } from "../../../ui/Icon";
import { useCampaignsI18n } from "../i18n";
import { useCampaigns } from "../queries";
import { expectedHeader } from "../sample-csv";
import { MappingTable } from "./MappingTable";
import type { CampaignDraftState } from "./useCampaignDraft";

const INBOX_FILTERS = ["all", "window_open", "awaiting_reply", "unread"] as const;

/**
 * The candidates: a CSV or Excel file (any header, mapped below), a paste, or the inbox's
 * conversations (a filter, or the chats of an earlier campaign). Usable once a template is chosen.
 */
export function RecipientsFieldset({ draft }: { draft: CampaignDraftState }) {
  const { tc, fmt } = useCampaignsI18n();
  const { bulk, table } = draft;
  const fileRef = useRef<HTMLInputElement>(null);
  const helpId = useId();
  const campaigns = useCampaigns();
  const [inboxSource, setInboxSource] = useState("all");

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    await draft.loadFile(file);
    // The same file chosen again must still fire a change.
    event.target.value = "";
  };
  const pickInbox = () => {
    if (inboxSource.startsWith("campaign:")) draft.fromInbox({ campaignId: inboxSource.slice(9) });
    else draft.fromInbox(inboxSource === "all" ? {} : { filter: inboxSource });
  };

  return (
    <fieldset className="campaign-recipients" disabled={!bulk}>
      <legend className="campaign-compose__subtitle">{tc.recipients}</legend>
      <p className="field__hint" id={helpId}>
        {tc.fileHelp} {bulk ? <code dir="ltr">{expectedHeader(bulk.variables).join(",")}</code> : null}
      </p>
      <div className="campaign-recipients__actions">
        <button type="button" className="button" onClick={() => fileRef.current?.click()}>
          <Icon name="paperclip" size={16} />
          {tc.upload}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
      <div className="campaign-recipients__actions">
        <label className="field__label" htmlFor={`${helpId}-inbox`}>
          {tc.fromInbox}
        </label>
        <select
          id={`${helpId}-inbox`}
          className="select"
          value={inboxSource}
          onChange={(event) => setInboxSource(event.target.value)}
        >
          {INBOX_FILTERS.map((filter) => (
            <option key={filter} value={filter}>
              {tc.inboxFilters[filter]}
            </option>
          ))}
          {(campaigns.data ?? []).map((campaign) => (
            <option key={campaign.id} value={`campaign:${campaign.id}`}>
              {tc.inboxCampaign(campaign.name)}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={pickInbox} disabled={draft.audience.isPending}>
          {tc.useInbox}
        </button>
      </div>
      <Field label={tc.csvLabel}>
        <textarea
          className="input campaign-recipients__csv"
          dir="ltr"
          spellCheck={false}
          rows={5}
          value={draft.pasted}
          aria-describedby={helpId}
          placeholder="telephone;prenom;poste;ville"
          onChange={(event) => draft.paste(event.target.value)}
        />
      </Field>
      {draft.readError ? <p className="alert alert--danger">{tc.readError}</p> : null}
      {table ? (
        <p className="campaign-parse__count" aria-live="polite">
          <Icon name="check" size={16} />
          {tc.rowsRead(table.rows.length, fmt.number(table.rows.length))}
          {table.delimiter ? ` · ${tc.separator(table.delimiter === "\t" ? "tab" : table.delimiter)}` : ""}
          {table.encoding ? ` · ${table.encoding.toUpperCase()}` : ""}
        </p>
      ) : null}
      {draft.tooMany ? (
        <p className="alert alert--danger">{tc.tooMany(fmt.number(MAX_CAMPAIGN_RECIPIENTS))}</p>
      ) : null}
      {bulk && table && table.headers.length > 0 ? <MappingTable draft={draft} /> : null}
    </fieldset>
  );
}
