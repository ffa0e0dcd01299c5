import { memo } from "react";
import { ErrorCode } from "../../../../../contracts/constants";
import { firstStrongDirection } from "../../../../../contracts/text-direction";
import { Link } from "../../../../app/Link";
import { Icon } from "../../../../ui/Icon";
import type { MessageResponse } from "../../api";
import { type InboxMessages, useInboxI18n } from "../../i18n";
import { isLocal } from "../../model/message-pages";
import { summaryText } from "../../model/preview";
import {
  endsWithText,
  hasCaption,
  isBubbleless,
  MessageContent,
  ReferralCard,
  trailingText,
} from "./MessageContent";
import { MessageMenu } from "./MessageMenu";
import { QuoteBlock } from "./Quote";
import { RichText } from "./RichText";
import { Ticks } from "./Ticks";

/**
 * What the recruiter can do about a failure: pick a template, reconnect the number, retry, or ask
 * the candidate to send again a file that could not be had.
 */
export type FailureFix = "template" | "reconnect" | "retry" | "ask-again" | null;

const RECONNECT_CODES = new Set([0, 190, 131045, 133010]);

export function failureFix(message: MessageResponse): FailureFix {
  const code = message.error?.code ?? null;
  const apiCode = message.error?.title ?? null;
  if (code === 131047 || apiCode === ErrorCode.windowClosed) return "template";
  if ((code !== null && RECONNECT_CODES.has(code)) || apiCode === ErrorCode.needsReconnect)
    return "reconnect";
  if (isLocal(message)) return "retry";
  if (message.content.type === "text") return "retry";
  if (message.content.type === "template") return "template";
  return null;
}

/** The reason in words: the dashboard's translation for the codes it knows, else the server's. */
export function failureText(message: MessageResponse, ti: InboxMessages): string {
  const code = message.error?.code;
  if (code !== null && code !== undefined && ti.metaErrors[code]) return ti.metaErrors[code] as string;
  return message.error?.explanation || ti.status.noReason;
}

function statusWords(message: MessageResponse, ti: InboxMessages): string {
  switch (message.status) {
    case "queued":
    case "sending":
      return ti.status.pending;
    case "sent":
      return ti.status.sent;
    case "delivered":
      return ti.status.delivered;
    case "read":
      return ti.status.read;
    case "failed":
      return ti.status.failed(failureText(message, ti));
    default:
      return "";
  }
}

export interface BubbleProps {
  message: MessageResponse;
  isGroupStart: boolean;
  /** The teammate's name over an outgoing group ("Vous" for one's own). */
  author: string;
  quoted: MessageResponse | undefined;
  quotedAuthor: string;
  candidateName: string;
  /** Who sent it, for a voice note's avatar: the candidate's contact id or the teammate's user id, and their name. */
  senderId: string;
  senderName: string;
  /** The viewer: their own bubbles carry no name, as on WhatsApp. */
  userId: string;
  canAnswer: boolean;
  isNew: boolean;
  /** Find in chat's current match (outlined). */
  isCurrentMatch?: boolean;
  onJump(wamid: string): void;
  onReply(message: MessageResponse): void;
  onReact(message: MessageResponse, emoji: string): void;
  onInfo(message: MessageResponse): void;
  onFix(message: MessageResponse, fix: FailureFix): void;
}

/** One message: WhatsApp's bubble (side, tail, quote, content, time and ticks), failures with their fix. */
export const MessageBubble = memo(function MessageBubble(props: BubbleProps) {
  const { message } = props;
  const { ti, ifmt, locale } = useInboxI18n();
  const isOut = message.direction === "outbound";
  const { content } = message;

  if (content.type === "system") {
    return (
      <article className="msg msg--system" id={`msg-${message.id}`} data-wamid={message.wamid ?? undefined}>
        <p className="system-chip">
          <Icon name="info" size={14} />
          <RichText text={content.body} large={false} />
        </p>
      </article>
    );
  }

  const time = ifmt.time(message.occurredAt);
  const who = isOut ? props.author : props.candidateName;
  const summary = summaryText(content);
  const failed = message.status === "failed";
  const fix = failed ? failureFix(message) : null;
  const bare = isBubbleless(content);
  const overlayMeta = !hasCaption(content);
  // The time shares the text's last line only when the text runs the interface's way: a French
  // reply in the Arabic interface ends on the right, away from the time, so the time goes below.
  const textDirection = firstStrongDirection(trailingText(content) ?? "");
  const interfaceDirection = locale === "ar" ? "rtl" : "ltr";
  const timeOnLastLine =
    endsWithText(content) && (textDirection === null || textDirection === interfaceDirection);
  const context = message.context;
  const classes = [
    "msg",
    isOut ? "msg--out" : "msg--in",
    props.isGroupStart ? "msg--start" : "",
    message.reactions.length > 0 ? "msg--reacted" : "",
    props.isNew && !isOut ? "msg--new" : "",
    props.isCurrentMatch ? "msg--current-match" : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <article className={classes} id={`msg-${message.id}`} data-wamid={message.wamid ?? undefined}>
      <span className="visually-hidden">{ti.chat.hidden(who, time, "")}</span>
      <div
        className={`bubble${bare ? " bubble--bare" : ""}${overlayMeta ? " bubble--media" : timeOnLastLine ? "" : " bubble--block"}`}
      >
        {props.isGroupStart && isOut && !bare && message.senderUserId !== props.userId && !message.origin ? (
          <span className="bubble__author" aria-hidden="true">
            {props.author}
          </span>
        ) : null}
        {isOut && message.origin ? (
          // On every message of the phone (the hidden line above already says it to screen readers).
          <span className="bubble__origin" aria-hidden="true">
            <Icon name="phone" size={14} />
            {ti.chat.fromPhone}
          </span>
        ) : null}
        {context?.isForwarded || context?.isFrequentlyForwarded ? (
          <span className="bubble__forwarded">
            <Icon name="forward" size={14} />
            {context.isFrequentlyForwarded ? ti.content.frequentlyForwarded : ti.content.forwarded}
          </span>
        ) : null}
        {message.referral ? <ReferralCard referral={message.referral} /> : null}
        {context?.replyToWamid ? (
          <QuoteBlock
            quoted={props.quoted}
            author={props.quotedAuthor}
            onClick={() => props.onJump(context.replyToWamid as string)}
          />
        ) : null}
        <div className="bubble__content">
          <MessageContent
            content={content}
            messageId={message.id}
            sender={{ id: props.senderId, name: props.senderName }}
            onAskAgain={!isOut && props.canAnswer ? () => props.onFix(message, "ask-again") : undefined}
          />
        </div>
        <span className="bubble__meta" aria-hidden="true">
          <span className="bubble__meta-inner">
            <time dateTime={message.occurredAt} title={ifmt.full(message.occurredAt)}>
              {time}
            </time>
            {isOut ? <Ticks status={message.status} /> : null}
          </span>
        </span>
        {isLocal(message) ? null : (
          <MessageMenu
            message={message}
            canAnswer={props.canAnswer}
            onReply={() => props.onReply(message)}
            onReact={(emoji) => props.onReact(message, emoji)}
            onInfo={() => props.onInfo(message)}
          />
        )}
      </div>
      {message.reactions.length > 0 ? (
        <span className="reactions">
          {message.reactions.map((reaction) => (
            <span
              key={reaction.direction}
              role="img"
              aria-label={ti.content.reactions(
                reaction.emoji,
                reaction.direction === "inbound" ? props.candidateName : ti.chat.you,
              )}
            >
              {reaction.emoji}
            </span>
          ))}
        </span>
      ) : null}
      {failed ? (
        <p className="msg__failure" role="note">
          <span className="msg__failure-icon" aria-hidden="true">
            <Icon name="alert" size={18} />
          </span>
          <span>
            <strong>{ti.status.notSent}</strong> · {failureText(message, ti)}
          </span>
          {fix === "reconnect" ? (
            <Link to="/connections" className="button button--small">
              {ti.status.reconnect}
            </Link>
          ) : fix ? (
            <button type="button" className="button button--small" onClick={() => props.onFix(message, fix)}>
              {fix === "template" ? ti.status.chooseTemplate : ti.status.retry}
            </button>
          ) : null}
        </p>
      ) : null}
      <span className="visually-hidden">
        {summary.kind === "text" ? "" : ti.list.kinds[summary.kind]}
        {isOut && statusWords(message, ti) ? ` — ${statusWords(message, ti)}` : ""}
      </span>
    </article>
  );
});
