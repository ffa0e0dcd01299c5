import { Icon } from "../../../ui/Icon";
import type { InboxMessages } from "../i18n";

/**
 * The campaign a chat came from: a megaphone and its name (or "Campagne" while the name loads), in
 * the conversation list and the chat header.
 */
export function CampaignTag(props: { name: string | null; ti: InboxMessages; className?: string }) {
  const name = props.name ?? props.ti.campaigns.unknown;
  return (
    <span
      className={`tag campaign-tag${props.className ? ` ${props.className}` : ""}`}
      title={props.ti.campaigns.label(name)}
      data-campaign-tag=""
    >
      <Icon name="megaphone" size={12} />
      <bdi className="campaign-tag__name">{name}</bdi>
    </span>
  );
}
