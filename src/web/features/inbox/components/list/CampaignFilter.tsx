import { useId } from "react";
import type { InboxCampaign } from "../../api";
import { useInboxI18n } from "../../i18n";
import { useInboxCampaigns } from "../../queries";

/**
 * Only one campaign's chats: a choice of the client's campaigns, each with how many chats it has.
 * Shown once the client has a campaign (or the address names one).
 */
export function CampaignFilter(props: { value: string | null; onChange(id: string | null): void }) {
  const { ti, ifmt } = useInboxI18n();
  const campaigns = useInboxCampaigns();
  const id = useId();
  const list: InboxCampaign[] = campaigns.data ?? [];
  if (list.length === 0 && !props.value) return null;
  const isKnown = list.some((campaign) => campaign.id === props.value);
  return (
    <div className="campaign-filter">
      <label className="field__label" htmlFor={id}>
        {ti.campaigns.filter}
      </label>
      <select
        id={id}
        className="select campaign-filter__select"
        value={props.value ?? ""}
        onChange={(event) => props.onChange(event.target.value || null)}
      >
        <option value="">{ti.campaigns.any}</option>
        {props.value && !isKnown ? (
          <option value={props.value}>
            {campaigns.isPending ? ti.campaigns.loading : ti.campaigns.unknown}
          </option>
        ) : null}
        {list.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {ti.campaigns.option(campaign.name, ifmt.number(campaign.conversations))}
          </option>
        ))}
      </select>
    </div>
  );
}
