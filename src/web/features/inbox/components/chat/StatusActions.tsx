import { useState } from "react";
import { mayTriage } from "../../../../../contracts/conversation-status";
import { ApiError } from "../../../../api/client";
import { navigate } from "../../../../app/router";
import { useI18n } from "../../../../i18n/I18nProvider";
import { INTL_LOCALE } from "../../../../i18n/locale";
import { Icon } from "../../../../ui/Icon";
import { Popover } from "../../../../ui/Popover";
import { useRequiredSession } from "../../../auth/queries";
import type { ConversationResponse } from "../../api";
import { type StatusMessages, useStatusI18n } from "../../i18n/status";
import { snoozePresets, toLocalInput } from "../../model/snooze";
import { useArchive, useChangeStatus, useMarkUnread, usePreferences } from "../../status-queries";
import "../status.css";

/** `sam. 5 déc., 18:00`: a snooze's end, in the UI's language. */
const snoozeFormat = (locale: keyof typeof INTL_LOCALE) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });

/** Where the chat header hides its find button (chat.css says the same). */
const PHONE_WIDTH = "(max-width: 767px)";

/**
 * The chat header's status actions: its status, Resolve or Reopen, Snooze (presets or a chosen
 * time), and a menu with waiting for the candidate, mark unread, pin, mute and archive. Triage is
 * offered only where the role matrix allows it (a recruiter: their own and unassigned chats).
 */
export function StatusActions({
  conversation,
  find,
}: {
  conversation: ConversationResponse;
  /** Find in chat, offered in the menu on phones, where the header has no room for its button. */
  find?: { label: string; onOpen(): void };
}) {
  const ts = useStatusI18n();
  const { locale } = useI18n();
  const { user } = useRequiredSession();
  const status = useChangeStatus();
  const archive = useArchive();
  const unread = useMarkUnread();
  const preferences = usePreferences();
  const [error, setError] = useState<string | null>(null);
  const canTriage = mayTriage({ role: user.role, userId: user.id }, conversation);
  const id = conversation.id;
  const isClosed = conversation.status === "resolved" || conversation.status === "snoozed";
  const when = snoozeFormat(locale);

  const onError = (failure: unknown) =>
    setError(failure instanceof ApiError && failure.status === 409 ? ts.actions.pinLimit : ts.actions.failed);
  const run = <T,>(
    mutation: { mutate(input: T, options: { onError(e: unknown): void }): void },
    input: T,
  ) => {
    setError(null);
    mutation.mutate(input, { onError });
  };
  const snooze = (until: Date) =>
    run(status, { id, input: { status: "snoozed", snoozedUntil: until.toISOString() } });
  const triageTitle = canTriage ? undefined : ts.actions.notYours;

  return (
    <div className="status-actions">
      <button
        type="button"
        className="status-actions__button"
        disabled={!canTriage}
        aria-label={isClosed ? ts.actions.reopen : ts.actions.resolve}
        title={triageTitle ?? (isClosed ? ts.actions.reopen : ts.actions.resolve)}
        onClick={() => run(status, { id, input: { status: isClosed ? "open" : "resolved" } })}
      >
        <Icon name={isClosed ? "back" : "resolve"} size={18} />
        <span className="status-actions__label">{isClosed ? ts.actions.reopen : ts.actions.resolve}</span>
      </button>
      {canTriage ? (
        <Popover
          label={ts.actions.snoozeTitle}
          buttonClassName="icon-button"
          placement="below"
          button={<Icon name="clock" />}
        >
          {(close) => (
            <SnoozeMenu
              ts={ts}
              when={when}
              onSnooze={(until) => {
                snooze(until);
                close();
              }}
            />
          )}
        </Popover>
      ) : null}
      <Popover
        label={ts.actions.more}
        buttonClassName="icon-button"
        placement="below"
        button={<Icon name="more" />}
      >
        {(close) => {
          const item = (
            label: string,
            icon: Parameters<typeof Icon>[0]["name"],
            action: () => void,
            disabled = false,
          ) => (
            <button
              type="button"
              className="menu__item"
              data-popover-item
              disabled={disabled}
              title={disabled ? triageTitle : undefined}
              onClick={() => {
                action();
                close();
              }}
            >
              <span className="menu__check">
                <Icon name={icon} size={16} />
              </span>
              {label}
            </button>
          );
          const onPhone = window.matchMedia(PHONE_WIDTH).matches;
          return (
            <div className="status-menu">
              {find && onPhone ? item(find.label, "search", find.onOpen) : null}
              {conversation.status === "waiting"
                ? null
                : item(
                    ts.actions.waiting,
                    "hourglass",
                    () => run(status, { id, input: { status: "waiting" } }),
                    !canTriage,
                  )}
              {conversation.unreadCount > 0 || conversation.isMarkedUnread
                ? null
                : item(ts.actions.markUnread, "eyeOff", () => {
                    // As on WhatsApp, the chat closes: left open, it would be read again at once.
                    run(unread, { id, input: undefined });
                    navigate("/inbox");
                  })}
              {item(conversation.isPinned ? ts.actions.unpin : ts.actions.pin, "thumbtack", () =>
                run(preferences, { id, input: { isPinned: !conversation.isPinned } }),
              )}
              {item(conversation.isMuted ? ts.actions.unmute : ts.actions.mute, "bellOff", () =>
                run(preferences, { id, input: { isMuted: !conversation.isMuted } }),
              )}
              {item(
                conversation.isArchived ? ts.actions.unarchive : ts.actions.archive,
                "archive",
                () => run(archive, { id, input: !conversation.isArchived }),
                !canTriage,
              )}
            </div>
          );
        }}
      </Popover>
      {error ? (
        <p className="alert alert--danger status-actions__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The header's reminder of where the chat stands: waiting, resolved, snoozed until when, archived. */
export function StatusChip({ conversation }: { conversation: ConversationResponse }) {
  const ts = useStatusI18n();
  const { locale } = useI18n();
  let text: string | null = null;
  if (conversation.isArchived) text = ts.status.archived;
  else if (conversation.status === "snoozed" && conversation.snoozedUntil)
    text = ts.status.snoozedUntil(snoozeFormat(locale).format(new Date(conversation.snoozedUntil)));
  else if (conversation.status === "waiting" || conversation.status === "resolved")
    text = ts.status[conversation.status];
  if (!text) return null;
  return (
    <span className="status-actions__chip" data-status={conversation.status} role="status" title={text}>
      {text}
    </span>
  );
}

/** The snooze presets (each with its time), and a date-and-time field for any other moment. */
function SnoozeMenu(props: { ts: StatusMessages; when: Intl.DateTimeFormat; onSnooze(until: Date): void }) {
  const { ts } = props;
  const [now] = useState(() => new Date());
  const [custom, setCustom] = useState(() => toLocalInput(new Date(now.getTime() + 2 * 3_600_000)));
  const customDate = new Date(custom);
  const isValid = !Number.isNaN(customDate.getTime()) && customDate.getTime() > Date.now();
  return (
    <div className="snooze-menu">
      {snoozePresets(now).map((preset) => (
        <button
          key={preset.key}
          type="button"
          className="menu__item"
          data-popover-item
          data-snooze={preset.key}
          onClick={() => props.onSnooze(preset.at)}
        >
          {ts.actions[preset.key]}
          <span className="snooze-menu__time">{props.when.format(preset.at)}</span>
        </button>
      ))}
      <form
        className="snooze-menu__custom"
        onSubmit={(event) => {
          event.preventDefault();
          if (isValid) props.onSnooze(customDate);
        }}
      >
        <label htmlFor="snooze-custom">{ts.actions.customLabel}</label>
        <input
          id="snooze-custom"
          className="input"
          type="datetime-local"
          value={custom}
          min={toLocalInput(now)}
          onChange={(event) => setCustom(event.target.value)}
        />
        {custom && !isValid ? <span className="field-error">{ts.actions.pastTime}</span> : null}
        <button type="submit" className="button button--primary" disabled={!isValid}>
          {ts.actions.confirmSnooze}
        </button>
      </form>
    </div>
  );
}
