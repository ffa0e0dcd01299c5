import { type FormEvent, type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import { describeError } from "../../../../api/errors";
import { Icon } from "../../../../ui/Icon";
import { commitAndPlaceCaret } from "../../../../ui/place-caret";
import { useRequiredSession } from "../../../auth/queries";
import { useUsers } from "../../../team/queries";
import { useInboxI18n } from "../../i18n";
import {
  type Colleague,
  colleaguesMatching,
  insertMention,
  mentionAt,
  mentionsIn,
  noteParts,
} from "../../model/mentions";
import { useAddNote, useNotes } from "../../queries";

/**
 * The team's private notes on this candidate: never sent to WhatsApp. Typing "@" offers the active
 * colleagues (arrows, Enter or Tab to pick, Esc to leave); those still named when the note is added
 * are notified.
 */
export function NotesSection({ conversationId }: { conversationId: string }) {
  const { t, ti, ifmt, fmt } = useInboxI18n();
  const { user } = useRequiredSession();
  const notes = useNotes(conversationId);
  const add = useAddNote(conversationId);
  const users = useUsers();
  const [body, setBody] = useState("");
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<Colleague[]>([]);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const everyone = users.data?.users ?? [];
  const nameOf = (id: string | null) => everyone.find((u) => u.id === id)?.name ?? ti.chat.teammate;
  const colleagues = useMemo(
    () => everyone.filter((u) => !u.isDisabled && u.id !== user.id).map(({ id, name }) => ({ id, name })),
    [everyone, user.id],
  );

  const typing = mentionAt(body, caret);
  const open = typing !== null && typing.start !== dismissedAt;
  const options = open ? colleaguesMatching(colleagues, typing.query) : [];
  const current = Math.min(active, Math.max(0, options.length - 1));

  function pick(colleague: Colleague) {
    if (!typing) return;
    const next = insertMention(body, typing, colleague);
    commitAndPlaceCaret(
      inputRef.current,
      () => {
        setBody(next.text);
        setCaret(next.caret);
        setPicked((list) => (list.some((c) => c.id === colleague.id) ? list : [...list, colleague]));
        setActive(0);
      },
      next.caret,
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open || !typing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (options.length === 0) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && options[current]) {
      event.preventDefault();
      pick(options[current]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setDismissedAt(typing.start);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    add.mutate(
      { body: text, mentionedUserIds: mentionsIn(text, picked) },
      {
        onSuccess: () => {
          setBody("");
          setPicked([]);
        },
      },
    );
  }

  const track = (target: HTMLTextAreaElement) => {
    setCaret(target.selectionStart ?? target.value.length);
  };

  return (
    <section className="details__section" aria-labelledby="details-notes">
      <h3 id="details-notes" className="details__section-title">
        <Icon name="lock" size={16} /> {ti.details.notes}
      </h3>
      <p className="field__hint">{ti.details.notesHint}</p>
      {notes.data && notes.data.length === 0 ? <p className="details__empty">{ti.details.noNotes}</p> : null}
      <ul className="notes">
        {(notes.data ?? []).map((note) => {
          const mentioned = note.mentionedUserIds.map((id) => ({ id, name: nameOf(id) }));
          return (
            <li key={note.id} className="note">
              <p className="note__head">
                <span className="visually-hidden">{ti.details.noteLabel} · </span>
                {ti.details.noteBy(nameOf(note.authorId), ifmt.full(note.createdAt))}
              </p>
              <p className="note__body" dir="auto">
                {noteParts(note.body, mentioned).map((part, index) =>
                  part.kind === "mention" ? (
                    <bdi
                      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one note never move
                      key={index}
                      className={`note__mention${part.userId === user.id ? " note__mention--me" : ""}`}
                    >
                      {part.text}
                    </bdi>
                  ) : (
                    part.text
                  ),
                )}
              </p>
              {mentioned.length > 0 ? (
                <p className="visually-hidden">
                  {ti.details.mentioned(mentioned.map((m) => m.name).join(", "))}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <form className="note-form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`note-${conversationId}`}>
          {ti.details.notePlaceholder}
        </label>
        <div className="note-form__field">
          <textarea
            ref={inputRef}
            id={`note-${conversationId}`}
            className="input note-form__input"
            dir="auto"
            rows={3}
            maxLength={5000}
            placeholder={ti.details.notePlaceholder}
            aria-describedby={`note-hint-${conversationId}`}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && options[current] ? `${listId}-${options[current].id}` : undefined}
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
              track(event.target);
              setActive(0);
            }}
            onSelect={(event) => track(event.currentTarget)}
            onKeyDown={onKeyDown}
          />
          <div className="mention-list" hidden={!open}>
            <div id={listId} role="listbox" aria-label={ti.details.mentionList}>
              {options.map((colleague, index) => (
                // Keyboard use is on the textarea (aria-activedescendant); the mouse clicks options.
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's textarea handles the keys
                <div
                  key={colleague.id}
                  id={`${listId}-${colleague.id}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={index === current}
                  className="mention-list__option"
                  onMouseEnter={() => setActive(index)}
                  // Keep the textarea's focus (and caret) while the mouse picks.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => pick(colleague)}
                >
                  <bdi>{colleague.name}</bdi>
                </div>
              ))}
            </div>
            {open && options.length === 0 ? (
              <p className="mention-list__empty" role="status">
                {ti.details.noMentionMatch}
              </p>
            ) : null}
          </div>
        </div>
        <p id={`note-hint-${conversationId}`} className="field__hint">
          {ti.details.mentionHint}
        </p>
        <button
          type="submit"
          className="button button--small note-form__submit"
          disabled={!body.trim() || add.isPending}
        >
          {ti.details.addNote}
        </button>
        {add.isError ? (
          <p className="alert alert--danger" role="alert">
            {describeError(add.error, t, fmt)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
