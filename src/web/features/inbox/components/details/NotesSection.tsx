import { type FormEvent, useState } from "react";
import { describeError } from "../../../../api/errors";
import { Icon } from "../../../../ui/Icon";
import { useUsers } from "../../../team/queries";
import { useInboxI18n } from "../../i18n";
import { useAddNote, useNotes } from "../../queries";

/** The team's private notes on this candidate: never sent to WhatsApp. */
export function NotesSection({ conversationId }: { conversationId: string }) {
  const { t, ti, ifmt, fmt } = useInboxI18n();
  const notes = useNotes(conversationId);
  const add = useAddNote(conversationId);
  const users = useUsers();
  const [body, setBody] = useState("");
  const nameOf = (id: string | null) =>
    users.data?.users.find((user) => user.id === id)?.name ?? ti.chat.teammate;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    add.mutate(text, { onSuccess: () => setBody("") });
  }

  return (
    <section className="details__section" aria-labelledby="details-notes">
      <h3 id="details-notes" className="details__section-title">
        <Icon name="lock" size={16} /> {ti.details.notes}
      </h3>
      <p className="field__hint">{ti.details.notesHint}</p>
      {notes.data && notes.data.length === 0 ? <p className="details__empty">{ti.details.noNotes}</p> : null}
      <ul className="notes">
        {(notes.data ?? []).map((note) => (
          <li key={note.id} className="note">
            <p className="note__head">
              <span className="visually-hidden">{ti.details.noteLabel} · </span>
              {ti.details.noteBy(nameOf(note.authorId), ifmt.full(note.createdAt))}
            </p>
            <p className="note__body" dir="auto">
              {note.body}
            </p>
          </li>
        ))}
      </ul>
      <form className="note-form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`note-${conversationId}`}>
          {ti.details.notePlaceholder}
        </label>
        <textarea
          id={`note-${conversationId}`}
          className="input note-form__input"
          dir="auto"
          rows={3}
          maxLength={5000}
          placeholder={ti.details.notePlaceholder}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
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
