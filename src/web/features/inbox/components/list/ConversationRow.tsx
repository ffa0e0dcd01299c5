import { memo } from "react";
import { Link } from "../../../../app/Link";
import { Avatar } from "../../../../ui/Avatar";
import { Icon } from "../../../../ui/Icon";
import type { LabelResponse, StageResponse } from "../../../pipeline/api";
import { LabelDots, StageChip } from "../../../pipeline/components/PipelineChips";
import type { PipelineMessages } from "../../../pipeline/i18n";
import type { ConversationResponse } from "../../api";
import { useDraft } from "../../hooks/drafts";
import type { InboxMessages } from "../../i18n";
import type { StatusMessages } from "../../i18n/status";
import type { InboxFormat } from "../../model/dates";
import { formatPhone } from "../../model/phone";
import { parsePreview } from "../../model/preview";
import { windowState } from "../../model/window";
import { CampaignTag } from "../CampaignTag";
import { KindLabel } from "../KindLabel";
import { StatusMarkers, statusLabels } from "./StatusMarkers";

export interface RowProps {
  conversation: ConversationResponse;
  /** Where the row leads: the chat, in the list's campaign filter if any. */
  href: string;
  /** The campaign that last wrote to the candidate here (a label), or null. */
  campaignName: string | null;
  isCurrent: boolean;
  isFocusable: boolean;
  now: number;
  ti: InboxMessages;
  ifmt: InboxFormat;
  assigneeName: string | null;
  posInSet: number;
  setSize: number;
  onFocusRow(index: number): void;
  /** The row markers' words (pinned, muted, marked unread), in the UI's language. */
  statusText: StatusMessages["row"];
  /** The chat's hiring stage and labels, as the client's lists name them. */
  stage: StageResponse | undefined;
  labels: LabelResponse[];
  pipelineText: PipelineMessages;
}

/** One 72 px row: avatar, name and markers, time; preview, unread badge and assignee. */
export const ConversationRow = memo(function ConversationRow(props: RowProps) {
  const { conversation, ti, ifmt, now } = props;
  const { contact } = conversation;
  const draft = useDraft(conversation.id);
  const window = windowState(conversation.windowExpiresAt, now);
  const unread = conversation.unreadCount;
  const time = conversation.lastMessageAt ? ifmt.listTime(conversation.lastMessageAt, now) : "";
  const showDraft = Boolean(draft) && !props.isCurrent;
  const preview = parsePreview(conversation.lastMessagePreview);
  const previewText =
    preview.kind === "text"
      ? preview.text
      : `${ti.list.kinds[preview.kind]}${preview.text ? ` ${preview.text}` : ""}`;
  const isOutbound = conversation.lastMessageDirection === "outbound";
  const isNamed = contact.displayName !== contact.phone;

  const label = [
    contact.displayName,
    contact.username && contact.displayName !== `@${contact.username}` ? `@${contact.username}` : null,
    unread > 0 ? ti.list.unread(unread, ifmt.number(unread)) : null,
    showDraft
      ? `${ti.list.draft}${draft}`
      : previewText
        ? `${isOutbound ? ti.list.outgoing(ti.list.you) : ""}${previewText}`
        : null,
    conversation.lastMessageAt ? time : null,
    window.kind === "closed"
      ? ti.list.windowClosed
      : window.kind === "closing"
        ? ti.list.windowClosing
        : null,
    contact.isOptedOut ? ti.list.optedOut : null,
    conversation.campaignId ? ti.campaigns.label(props.campaignName ?? ti.campaigns.unknown) : null,
    props.assigneeName ? ti.list.assignedTo(props.assigneeName) : ti.list.unassigned,
    ...statusLabels(conversation, props.statusText),
    props.stage ? props.pipelineText.stageOf(props.stage.name) : null,
    props.labels.length > 0 ? props.pipelineText.labelsOf(props.labels.map((l) => l.name).join(", ")) : null,
  ]
    .filter(Boolean)
    .join(", ");

  return (
    <Link
      to={props.href}
      className={`row${unread > 0 || conversation.isMarkedUnread ? " row--unread" : ""}`}
      aria-current={props.isCurrent ? "page" : undefined}
      aria-label={label}
      aria-posinset={props.posInSet}
      aria-setsize={props.setSize}
      tabIndex={props.isFocusable ? 0 : -1}
      data-row-index={props.posInSet - 1}
      onFocus={() => props.onFocusRow(props.posInSet - 1)}
    >
      <Avatar id={contact.id} name={contact.displayName} size={48} />
      <span className="row__main" aria-hidden="true">
        <span className="row__line">
          <span className="row__name">
            {isNamed ? (
              <bdi>{contact.displayName}</bdi>
            ) : (
              <bdi dir="ltr">{formatPhone(contact.displayName)}</bdi>
            )}
          </span>
          {conversation.campaignId ? (
            <CampaignTag name={props.campaignName} ti={ti} className="row__campaign" />
          ) : null}
          {props.stage ? <StageChip stage={props.stage} /> : null}
          {window.kind === "closing" ? (
            <span className="row__marker row__marker--closing" title={ti.list.windowClosing}>
              <Icon name="hourglass" size={14} />
            </span>
          ) : null}
          {window.kind === "closed" ? (
            <span className="row__marker" title={ti.list.windowClosed}>
              <Icon name="clock" size={14} />
            </span>
          ) : null}
          {contact.isOptedOut ? (
            <span className="row__marker row__marker--danger" title={ti.list.optedOut}>
              <Icon name="ban" size={14} />
            </span>
          ) : null}
          <time className="row__time" dateTime={conversation.lastMessageAt ?? undefined}>
            {time}
          </time>
        </span>
        <span className="row__line">
          <span className="row__preview">
            {showDraft ? (
              <>
                <span className="row__draft">{ti.list.draft}</span>
                <span dir="auto">{draft}</span>
              </>
            ) : (
              <>
                {isOutbound ? <OutboundPrefix ti={ti} /> : null}
                {preview.kind === "text" ? null : <KindLabel kind={preview.kind} ti={ti} />}
                <span dir="auto" className="row__preview-text">
                  {preview.text}
                </span>
              </>
            )}
          </span>
          <LabelDots labels={props.labels} />
          <StatusMarkers conversation={conversation} text={props.statusText} />
          {unread > 0 ? <span className="badge">{unread > 99 ? "99+" : ifmt.number(unread)}</span> : null}
          {props.assigneeName ? (
            <span className="row__assignee" title={props.assigneeName}>
              <Avatar id={conversation.assigneeId ?? ""} name={props.assigneeName} size={20} />
            </span>
          ) : (
            // A person outline, greyed: a dashed circle read as a spinner.
            <span className="row__assignee row__assignee--none" title={ti.details.unassigned}>
              <Icon name="user" size={14} />
            </span>
          )}
        </span>
      </span>
    </Link>
  );
});

function OutboundPrefix({ ti }: { ti: InboxMessages }) {
  return <span className="row__you">{ti.list.outgoing(ti.list.you)}</span>;
}
