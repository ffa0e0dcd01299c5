import { useState } from "react";
import { Icon } from "../../../../ui/Icon";
import { Popover } from "../../../../ui/Popover";
import type { MessageResponse } from "../../api";
import { useInboxI18n } from "../../i18n";
import { summaryText } from "../../model/preview";

export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "🙏", "✅"] as const;

/** The hover chevron: Répondre, Réagir, Copier, Infos. Reply and react need a delivered message and an open window. */
export function MessageMenu(props: {
  message: MessageResponse;
  canAnswer: boolean;
  onReply(): void;
  onReact(emoji: string): void;
  onInfo(): void;
}) {
  const { ti } = useInboxI18n();
  const [reacting, setReacting] = useState(false);
  const text = summaryText(props.message.content).text;
  const canTarget = props.canAnswer && Boolean(props.message.wamid);
  return (
    <div className="bubble__menu">
      <Popover
        label={ti.actions.menu}
        buttonClassName="bubble__chevron"
        button={<Icon name="chevronDown" size={18} />}
        placement="below"
      >
        {(close) =>
          reacting ? (
            <fieldset className="reaction-picker">
              <legend className="visually-hidden">{ti.actions.react}</legend>
              {QUICK_REACTIONS.map((emoji, index) => (
                <button
                  key={emoji}
                  ref={(element) => {
                    if (index === 0) element?.focus();
                  }}
                  type="button"
                  className="reaction-picker__emoji"
                  data-popover-item
                  onClick={() => {
                    setReacting(false);
                    close();
                    props.onReact(emoji);
                  }}
                >
                  {emoji}
                </button>
              ))}
            </fieldset>
          ) : (
            <>
              {canTarget ? (
                <button
                  type="button"
                  className="menu__item"
                  data-popover-item
                  onClick={() => {
                    close();
                    props.onReply();
                  }}
                >
                  <Icon name="reply" size={18} />
                  {ti.actions.reply}
                </button>
              ) : null}
              {canTarget ? (
                <button
                  type="button"
                  className="menu__item"
                  data-popover-item
                  onClick={() => setReacting(true)}
                >
                  <Icon name="smile" size={18} />
                  {ti.actions.react}
                </button>
              ) : null}
              {text ? (
                <button
                  type="button"
                  className="menu__item"
                  data-popover-item
                  onClick={() => {
                    close();
                    void navigator.clipboard?.writeText(text);
                  }}
                >
                  <Icon name="copy" size={18} />
                  {ti.actions.copy}
                </button>
              ) : null}
              <button
                type="button"
                className="menu__item"
                data-popover-item
                onClick={() => {
                  close();
                  props.onInfo();
                }}
              >
                <Icon name="info" size={18} />
                {ti.actions.info}
              </button>
            </>
          )
        }
      </Popover>
    </div>
  );
}
