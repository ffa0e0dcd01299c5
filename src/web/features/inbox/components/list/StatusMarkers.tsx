import { Icon } from "../../../../ui/Icon";
import type { ConversationResponse } from "../../api";
import type { StatusMessages } from "../../i18n/status";

type RowText = StatusMessages["row"];

/** The words a screen reader hears for the row's markers. */
export function statusLabels(conversation: ConversationResponse, text: RowText): string[] {
  return [
    conversation.isPinned ? text.pinned : null,
    conversation.isMuted ? text.muted : null,
    conversation.isMarkedUnread && conversation.unreadCount === 0 ? text.markedUnread : null,
  ].filter((label): label is string => label !== null);
}

/** Pinned and muted icons, and the dot of a chat marked unread (no count: no new message). */
export function StatusMarkers({ conversation, text }: { conversation: ConversationResponse; text: RowText }) {
  return (
    <>
      {conversation.isMuted ? (
        <span className="row__marker row__marker--muted" title={text.muted}>
          <Icon name="bellOff" size={14} />
        </span>
      ) : null}
      {conversation.isPinned ? (
        <span className="row__marker row__marker--pinned" title={text.pinned} data-pinned="true">
          <Icon name="thumbtack" size={14} />
        </span>
      ) : null}
      {conversation.isMarkedUnread && conversation.unreadCount === 0 ? (
        <span className="row__dot" title={text.markedUnread} data-marked-unread="true" />
      ) : null}
    </>
  );
}
