import { useEffect, useRef } from "react";
import type { QuickReplyResponse } from "../../../../contracts/quick-replies";
import { Link } from "../../../app/Link";
import { useQuickRepliesI18n } from "../i18n";
import { QuickReplyHeading } from "./QuickReplyHeading";
import "./quick-replies.css";

export const quickReplyOptionId = (listId: string, index: number) => `${listId}-option-${index}`;

/**
 * The list `/` opens above the composer. The textarea keeps focus and drives it (arrows, Enter,
 * Escape, as a combobox); a mouse picks with a click.
 */
export function QuickReplyMenu(props: {
  id: string;
  query: string;
  replies: QuickReplyResponse[];
  active: number;
  onHover(index: number): void;
  onPick(reply: QuickReplyResponse): void;
}) {
  const { tq } = useQuickRepliesI18n();
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const option = list.current?.children[props.active] as HTMLElement | undefined;
    option?.scrollIntoView({ block: "nearest" });
  }, [props.active]);

  return (
    <div className="quick-reply-menu">
      <div className="quick-reply-menu__heading" id={`${props.id}-label`}>
        {tq.composer.list}
      </div>
      {props.replies.length === 0 ? (
        <p className="quick-reply-menu__empty" role="status">
          {tq.composer.none(props.query)}
        </p>
      ) : null}
      <div
        ref={list}
        id={props.id}
        role="listbox"
        aria-labelledby={`${props.id}-label`}
        className="quick-reply-menu__list"
      >
        {props.replies.map((reply, index) => (
          // Keyboard use is on the textarea (aria-activedescendant); the mouse clicks options.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys
          <div
            key={reply.id}
            id={quickReplyOptionId(props.id, index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === props.active}
            className="quick-reply-menu__option"
            onMouseEnter={() => props.onHover(index)}
            // Keep the textarea's focus (and caret) while the mouse picks.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => props.onPick(reply)}
          >
            <span className="quick-reply-menu__line">
              <QuickReplyHeading reply={reply} />
              {reply.scope === "personal" ? (
                <span className="quick-reply-chip quick-reply-chip--static">{tq.composer.personalBadge}</span>
              ) : null}
            </span>
            <span
              className="quick-reply-menu__preview"
              dir={reply.language === "ar" ? "rtl" : "auto"}
              lang={reply.language}
            >
              {reply.body}
            </span>
          </div>
        ))}
      </div>
      <Link
        to="/settings#quick-replies"
        className="quick-reply-menu__manage"
        // The composer closes the list when it loses focus: keep it until the click lands.
        onMouseDown={(event) => event.preventDefault()}
      >
        {tq.composer.manage}
      </Link>
    </div>
  );
}
