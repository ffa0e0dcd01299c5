import {
  type KeyboardEvent,
  lazy,
  Suspense,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import type {
  InteractiveContentFields,
  InteractiveDraft,
  LocationDraft,
} from "../../../../../contracts/interactive-rules";
import { SERVICE_CATEGORY } from "../../../../../contracts/meta-charges";
import type { QuickReplyResponse } from "../../../../../contracts/quick-replies";
import {
  fillQuickReply,
  matchQuickReplies,
  type QuickReplyValues,
  slashQueryAt,
} from "../../../../../contracts/quick-reply-variables";
import { formatMad, isolateLtr } from "../../../../i18n/format";
import { Icon } from "../../../../ui/Icon";
import { MenuItem } from "../../../../ui/MenuItem";
import { Popover } from "../../../../ui/Popover";
import { commitAndPlaceCaret } from "../../../../ui/place-caret";
import { useQuote } from "../../../costs/queries";
import { QuickReplyMenu, quickReplyOptionId } from "../../../quick-replies/components/QuickReplyMenu";
import { useQuickReplies } from "../../../quick-replies/queries";
import type { MessageResponse } from "../../api";
import { getDraft, setDraft, useDraft } from "../../hooks/drafts";
import { useInboxI18n } from "../../i18n";
import { QuoteBlock } from "../chat/Quote";
import { useTyping } from "./useTyping";

const EmojiPicker = lazy(() => import("./EmojiPicker"));
const AttachmentSheet = lazy(() => import("./AttachmentSheet"));
const QuestionDialog = lazy(() => import("./QuestionDialog"));
const LocationDialog = lazy(() => import("./LocationDialog"));

const MAX = 4096;
const COUNT_FROM = 3500;

/** Touch keyboards: Enter makes a new line, the send button sends. */
const isTouch = () => window.matchMedia("(pointer: coarse)").matches;

export function Composer(props: {
  conversationId: string;
  replyTo: MessageResponse | null;
  replyAuthor: string;
  onCancelReply(): void;
  onSendText(text: string): void;
  onSendFile(file: File, caption: string): Promise<boolean>;
  onOpenTemplates(): void;
  /** The draft as the API takes it, and the question as it will be stored and shown. */
  onSendQuestion(draft: InteractiveDraft, content: InteractiveContentFields): void;
  onSendLocation(draft: LocationDraft): void;
  /** What fills a quick reply's variables in this conversation. */
  quickReplyValues: QuickReplyValues;
}) {
  const { ti, ifmt } = useInboxI18n();
  const quick = useQuickReplySlash(props.quickReplyValues);
  const [text, setText] = useState(() => getDraft(props.conversationId));
  const [file, setFile] = useState<File | null>(null);
  const [dialog, setDialog] = useState<"question" | "location" | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const documentInput = useRef<HTMLInputElement>(null);
  const mediaInput = useRef<HTMLInputElement>(null);
  const typing = useTyping(props.conversationId, true);

  // A draft written from elsewhere (asking the candidate to send a file again) shows here at once;
  // the composer's own typing writes the same text, so it changes nothing then.
  const draft = useDraft(props.conversationId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft is the trigger
  useEffect(() => {
    if (draft === text) return;
    setText(draft);
    input.current?.focus();
  }, [draft]);

  // Opening a chat (or choosing "reply") puts the cursor in the composer, except on touch screens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new reply target is the trigger
  useEffect(() => {
    if (!isTouch()) input.current?.focus({ preventScroll: true });
  }, [props.replyTo]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the text's height is what changes
  useLayoutEffect(() => {
    const element = input.current;
    if (!element) return;
    element.style.blockSize = "auto";
    element.style.blockSize = `${element.scrollHeight}px`;
  }, [text]);

  function change(value: string, cursor = value.length) {
    quick.update(value, cursor);
    setText(value);
    setDraft(props.conversationId, value);
    if (value.trim()) typing.typed();
    else typing.stop();
  }

  function send() {
    const body = text.trim();
    if (!body || body.length > MAX) return;
    typing.stop();
    props.onSendText(body);
    change("");
    input.current?.focus();
  }

  function pickQuickReply(reply: QuickReplyResponse) {
    const element = input.current;
    const cursor = element?.selectionStart ?? text.length;
    const inserted = quick.insert(reply, text, cursor);
    if (!inserted) return;
    commitAndPlaceCaret(
      element,
      () => {
        change(inserted.text, inserted.selection[1]);
        quick.close();
      },
      ...inserted.selection,
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (quick.isOpen && quick.keyDown(event, pickQuickReply)) return;
    if (event.key === "Escape" && props.replyTo) {
      event.preventDefault();
      props.onCancelReply();
      return;
    }
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing || isTouch()) return;
    event.preventDefault();
    send();
  }

  function insert(emoji: string) {
    const element = input.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    commitAndPlaceCaret(
      element,
      () => change(text.slice(0, start) + emoji + text.slice(end)),
      start + emoji.length,
    );
  }

  function pick(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (chosen) setFile(chosen);
  }

  return (
    <>
      <form
        className="composer"
        aria-label={ti.composer.label}
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
        onPaste={(event) => {
          const pasted = event.clipboardData.files[0];
          if (pasted) {
            event.preventDefault();
            setFile(pasted);
          }
        }}
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          const dropped = event.dataTransfer.files[0];
          if (dropped) {
            event.preventDefault();
            setFile(dropped);
          }
        }}
      >
        {props.replyTo ? (
          <div className="composer__reply">
            <span className="visually-hidden">{ti.composer.replyingTo(props.replyAuthor)}</span>
            <QuoteBlock quoted={props.replyTo} author={props.replyAuthor} />
            <button
              type="button"
              className="icon-button"
              aria-label={ti.composer.cancelReply}
              onClick={props.onCancelReply}
            >
              <Icon name="close" size={18} />
            </button>
          </div>
        ) : null}
        <div className="composer__bar">
          <Popover
            label={ti.composer.emoji}
            buttonClassName="icon-button"
            placement="above"
            button={<Icon name="smile" />}
          >
            {(close) => (
              <Suspense fallback={<div className="emoji-picker emoji-picker--loading" />}>
                <EmojiPicker
                  onPick={(emoji) => {
                    close();
                    insert(emoji);
                  }}
                />
              </Suspense>
            )}
          </Popover>
          <Popover
            label={ti.composer.attach}
            buttonClassName="icon-button"
            placement="above"
            button={<Icon name="paperclip" />}
          >
            {(close) => (
              <>
                <MenuItem icon="file" close={close} onSelect={() => documentInput.current?.click()}>
                  {ti.composer.attachDocument}
                </MenuItem>
                <MenuItem icon="image" close={close} onSelect={() => mediaInput.current?.click()}>
                  {ti.composer.attachMedia}
                </MenuItem>
                <MenuItem icon="template" close={close} onSelect={props.onOpenTemplates}>
                  {ti.composer.attachTemplate}
                </MenuItem>
                <MenuItem icon="check" close={close} onSelect={() => setDialog("question")}>
                  {ti.composer.attachQuestion}
                </MenuItem>
                <MenuItem icon="pin" close={close} onSelect={() => setDialog("location")}>
                  {ti.composer.attachLocation}
                </MenuItem>
              </>
            )}
          </Popover>
          <input
            ref={documentInput}
            type="file"
            hidden
            accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,application/pdf"
            onChange={pick}
          />
          <input
            ref={mediaInput}
            type="file"
            hidden
            accept="image/jpeg,image/png,video/mp4,video/3gpp"
            onChange={pick}
          />
          <label className="composer__field">
            <span className="visually-hidden">{ti.composer.placeholder}</span>
            <textarea
              ref={input}
              className="composer__input"
              rows={1}
              dir="auto"
              placeholder={ti.composer.placeholder}
              value={text}
              maxLength={MAX}
              onChange={(event) => change(event.target.value, event.target.selectionStart)}
              onSelect={(event) =>
                quick.update(event.currentTarget.value, event.currentTarget.selectionStart)
              }
              onKeyDown={onKeyDown}
              onBlur={() => {
                typing.stop();
                quick.close();
              }}
              aria-autocomplete="list"
              aria-controls={quick.isOpen ? quick.listId : undefined}
              aria-activedescendant={
                quick.isOpen && quick.matches.length > 0
                  ? quickReplyOptionId(quick.listId, quick.active)
                  : undefined
              }
            />
          </label>
          {quick.isOpen ? (
            <QuickReplyMenu
              id={quick.listId}
              query={quick.query}
              replies={quick.matches}
              active={quick.active}
              onHover={quick.setActive}
              onPick={pickQuickReply}
            />
          ) : null}
          {text.length > COUNT_FROM ? (
            <span className={`composer__counter${text.length >= MAX ? " composer__counter--full" : ""}`}>
              {ti.composer.counter(ifmt.number(text.length), ifmt.number(MAX))}
            </span>
          ) : null}
          <button
            type="submit"
            className="composer__send"
            aria-label={ti.composer.send}
            title={ti.composer.send}
            disabled={!text.trim()}
          >
            <Icon name="send" />
          </button>
        </div>
        <ReplyQuote conversationId={props.conversationId} />
        {file ? (
          <Suspense fallback={null}>
            <AttachmentSheet file={file} onClose={() => setFile(null)} onSend={props.onSendFile} />
          </Suspense>
        ) : null}
      </form>
      {/* Outside the composer's form: each dialog holds fields of its own. */}
      {dialog === "question" ? (
        <Suspense fallback={null}>
          <QuestionDialog
            onClose={() => setDialog(null)}
            onSend={(draft, content) => {
              setDialog(null);
              props.onSendQuestion(draft, content);
            }}
          />
        </Suspense>
      ) : null}
      {dialog === "location" ? (
        <Suspense fallback={null}>
          <LocationDialog
            onClose={() => setDialog(null)}
            onSend={(draft) => {
              setDialog(null);
              props.onSendLocation(draft);
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}

/**
 * What a free-form reply costs, priced by the server like the ledger: nothing is shown while Meta
 * does not charge replies (until 30 September 2026), the price once it does.
 */
function ReplyQuote({ conversationId }: { conversationId: string }) {
  const { t, locale } = useInboxI18n();
  const quote = useQuote(conversationId, SERVICE_CATEGORY).data;
  if (!quote?.isBillable) return null;
  return (
    <p className="composer__quote" data-quote="paid">
      {t.budget.replyQuote(isolateLtr(formatMad(locale, quote.amountMad)))}
    </p>
  );
}

/**
 * The `/` list's state: open while the cursor is in a `/word` (at the start or after a space),
 * closed by Escape until the text changes; picking puts the body in with its variables filled and
 * selects the first one left to fill.
 */
function useQuickReplySlash(values: QuickReplyValues) {
  const listId = useId();
  const [slash, setSlash] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const { data } = useQuickReplies();
  const matches = slash ? matchQuickReplies(data?.quickReplies ?? [], slash.query) : [];
  const isOpen = slash !== null && data !== undefined && dismissed === null;

  function update(text: string, cursor: number) {
    const found = slashQueryAt(text, cursor);
    if (found?.query !== slash?.query || found?.start !== slash?.start) {
      setActive(0);
      if (dismissed !== null && dismissed !== text) setDismissed(null);
    }
    setSlash(found);
  }

  function close() {
    setSlash(null);
    setDismissed(null);
  }

  function insert(reply: QuickReplyResponse, text: string, cursor: number) {
    if (!slash) return null;
    const filled = fillQuickReply(reply.body, values);
    const before = text.slice(0, slash.start);
    const after = text.slice(Math.max(cursor, slash.start + slash.query.length + 1));
    const missing = /\{\{[^}]*\}\}/.exec(filled);
    const selection: [number, number] = missing
      ? [before.length + missing.index, before.length + missing.index + missing[0].length]
      : [before.length + filled.length, before.length + filled.length];
    return { text: before + filled + after, selection };
  }

  /** Handles the list's keys; true when the key was the list's. */
  function keyDown(
    event: KeyboardEvent<HTMLTextAreaElement>,
    pick: (reply: QuickReplyResponse) => void,
  ): boolean {
    if (event.key === "Escape") {
      event.preventDefault();
      setDismissed(event.currentTarget.value);
      return true;
    }
    if (matches.length === 0) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index + step + matches.length) % matches.length);
      return true;
    }
    if ((event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) || event.key === "Tab") {
      event.preventDefault();
      const chosen = matches[Math.min(active, matches.length - 1)];
      if (chosen) pick(chosen);
      return true;
    }
    return false;
  }

  return {
    listId,
    isOpen,
    query: slash?.query ?? "",
    matches,
    active,
    setActive,
    update,
    close,
    insert,
    keyDown,
  };
}
