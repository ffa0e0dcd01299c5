import { useEffect, useRef } from "react";
import { Icon } from "../../../../ui/Icon";
import type { ChatFindResponse } from "../../api";
import { useInboxI18n } from "../../i18n";

/**
 * "Find in chat", under the chat's header: the field, how many messages match and which one is
 * shown (1 is the newest), older (↑, Enter) and newer (↓, Shift+Enter), Escape to close.
 */
export function ChatFind(props: {
  value: string;
  onChange(value: string): void;
  /** Null while nothing is searched (under two characters). */
  found: ChatFindResponse | null;
  isError: boolean;
  index: number;
  onStep(step: 1 | -1): void;
  onClose(): void;
}) {
  const { ti, ifmt } = useInboxI18n();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const total = props.found?.matches.length ?? 0;
  let count = "";
  if (props.isError) count = ti.search.findError;
  else if (props.found && total === 0) count = ti.search.findNone;
  else if (props.found) {
    const words = props.found.isComplete ? ti.search.findCount : ti.search.findCountMore;
    count = words(ifmt.number(props.index + 1), ifmt.number(total));
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a search landmark for the chat's own search field
    <div className="chat-find" role="search">
      <input
        ref={input}
        className="chat-find__input"
        type="search"
        dir={props.value ? "auto" : undefined}
        aria-label={ti.search.findField}
        placeholder={ti.search.findField}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            props.onStep(event.shiftKey ? -1 : 1);
          } else if (event.key === "Escape") {
            event.preventDefault();
            props.onClose();
          }
        }}
      />
      <output className="chat-find__count" aria-live="polite">
        {count}
      </output>
      <button
        type="button"
        className="icon-button"
        aria-label={ti.search.findPrevious}
        title={ti.search.findPrevious}
        disabled={props.index + 1 >= total}
        onClick={() => props.onStep(1)}
      >
        <span style={{ display: "inline-flex", transform: "rotate(180deg)" }}>
          <Icon name="chevronDown" />
        </span>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={ti.search.findNext}
        title={ti.search.findNext}
        disabled={props.index <= 0 || total === 0}
        onClick={() => props.onStep(-1)}
      >
        <Icon name="chevronDown" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={ti.search.findClose}
        title={ti.search.findClose}
        onClick={props.onClose}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
