import { useState } from "react";
import { Icon } from "../../../../ui/Icon";
import { MenuItem } from "../../../../ui/MenuItem";
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
                <MenuItem icon="reply" close={close} onSelect={props.onReply}>
                  {ti.actions.reply}
                </MenuItem>
              ) : null}
              {canTarget ? (
                <MenuItem icon="smile" onSelect={() => setReacting(true)}>
                  {ti.actions.react}
                </MenuItem>
              ) : null}
              {text ? (
                <MenuItem
                  icon="copy"
                  close={close}
                  onSelect={() => void navigator.clipboard?.writeText(text)}
                >
                  {ti.actions.copy}
                </MenuItem>
              ) : null}
              <MenuItem icon="info" close={close} onSelect={props.onInfo}>
                {ti.actions.info}
              </MenuItem>
            </>
          )
        }
      </Popover>
    </div>
  );
}
