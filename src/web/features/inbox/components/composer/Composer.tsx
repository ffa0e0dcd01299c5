import { type KeyboardEvent, lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Icon } from "../../../../ui/Icon";
import { MenuItem } from "../../../../ui/MenuItem";
import { Popover } from "../../../../ui/Popover";
import type { MessageResponse } from "../../api";
import { getDraft, setDraft, useDraft } from "../../hooks/drafts";
import { useInboxI18n } from "../../i18n";
import { QuoteBlock } from "../chat/Quote";
import { useTyping } from "./useTyping";

const EmojiPicker = lazy(() => import("./EmojiPicker"));
const AttachmentSheet = lazy(() => import("./AttachmentSheet"));

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
}) {
  const { ti, ifmt } = useInboxI18n();
  const [text, setText] = useState(() => getDraft(props.conversationId));
  const [file, setFile] = useState<File | null>(null);
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

  function change(value: string) {
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

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
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
    change(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  }

  function pick(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (chosen) setFile(chosen);
  }

  return (
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
            onChange={(event) => change(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={typing.stop}
          />
        </label>
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
      {file ? (
        <Suspense fallback={null}>
          <AttachmentSheet file={file} onClose={() => setFile(null)} onSend={props.onSendFile} />
        </Suspense>
      ) : null}
    </form>
  );
}
