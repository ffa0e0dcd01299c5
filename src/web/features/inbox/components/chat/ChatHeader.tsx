import { Link } from "../../../../app/Link";
import { useLocation } from "../../../../app/router";
import { useT } from "../../../../i18n/I18nProvider";
import { Avatar } from "../../../../ui/Avatar";
import { Icon } from "../../../../ui/Icon";
import { ChatPipeline } from "../../../pipeline/components/ChatPipeline";
import type { ConversationResponse } from "../../api";
import { useInboxI18n } from "../../i18n";
import { filtersOfSearch, inboxPath } from "../../model/inbox-address";
import { formatPhone } from "../../model/phone";
import type { WindowState } from "../../model/window";
import { useCampaignNames } from "../../queries";
import { CampaignTag } from "../CampaignTag";
import { AssigneeButton } from "./AssigneeButton";
import { StatusActions, StatusChip } from "./StatusActions";
import { WindowChip } from "./WindowChip";

/** Avatar, name, LTR phone, window chip, teammates typing, assignee and the details toggle. */
export function ChatHeader(props: {
  conversation: ConversationResponse;
  window: WindowState;
  typingNames: string[];
  detailsOpen: boolean;
  onToggleDetails(): void;
  findOpen: boolean;
  onToggleFind(): void;
}) {
  const t = useT();
  const { ti } = useInboxI18n();
  const { contact } = props.conversation;
  const named = contact.displayName !== contact.phone;
  const { campaignId } = props.conversation;
  const campaignName = useCampaignNames([campaignId]).get(campaignId ?? "") ?? null;
  const back = inboxPath(null, filtersOfSearch(useLocation().search));
  return (
    <header className="pane-header chat-header">
      <Link to={back} className="icon-button chat-header__back" aria-label={t.inbox.back}>
        <Icon name="back" />
      </Link>
      <Avatar id={contact.id} name={contact.displayName} size={40} />
      <div className="chat-header__who">
        <h2 className="chat-header__name">
          {named ? <bdi>{contact.displayName}</bdi> : <bdi dir="ltr">{formatPhone(contact.displayName)}</bdi>}
        </h2>
        <div className="chat-header__sub">
          {named && contact.phone ? (
            <bdi dir="ltr" className="chat-header__phone">
              {formatPhone(contact.phone)}
            </bdi>
          ) : null}
          {contact.username && contact.displayName !== `@${contact.username}` ? (
            <bdi dir="ltr" className="chat-header__username">
              @{contact.username}
            </bdi>
          ) : null}
          {props.typingNames.length > 0 ? (
            <span className="chat-header__typing" role="status">
              {ti.chat.typing(props.typingNames.join(", "))}
            </span>
          ) : (
            <WindowChip state={props.window} />
          )}
          <StatusChip conversation={props.conversation} />
          {campaignId ? <CampaignTag name={campaignName} ti={ti} /> : null}
        </div>
      </div>
      <div className="chat-header__actions">
        <ChatPipeline conversation={props.conversation} />
        <StatusActions
          conversation={props.conversation}
          find={{ label: ti.search.find, onOpen: () => !props.findOpen && props.onToggleFind() }}
        />
        <AssigneeButton conversation={props.conversation} />
        <button
          type="button"
          className="icon-button chat-header__find"
          aria-label={ti.search.find}
          title={ti.search.find}
          aria-pressed={props.findOpen}
          onClick={props.onToggleFind}
        >
          <Icon name="search" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={ti.chat.details}
          title={ti.chat.details}
          aria-pressed={props.detailsOpen}
          onClick={props.onToggleDetails}
        >
          <Icon name="panel" />
        </button>
      </div>
    </header>
  );
}
