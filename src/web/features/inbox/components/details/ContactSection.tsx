import { type FormEvent, useState } from "react";
import { describeError } from "../../../../api/errors";
import { Field } from "../../../../ui/Field";
import type { ConversationResponse } from "../../api";
import { useInboxI18n } from "../../i18n";
import { formatPhone } from "../../model/phone";
import { useUpdateContact } from "../../queries";
import { ContactLanguageField } from "./ContactLanguageField";

/** Name, language and LinkoJob references, editable; phone and WhatsApp name as WhatsApp gave them. */
export function ContactSection({ conversation }: { conversation: ConversationResponse }) {
  const { t, ti, fmt } = useInboxI18n();
  const { contact } = conversation;
  const update = useUpdateContact(conversation.id);
  const [name, setName] = useState(contact.name ?? "");
  const [candidateRef, setCandidateRef] = useState(contact.externalCandidateId ?? "");
  const [jobRef, setJobRef] = useState(contact.externalJobRef ?? "");

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({
      contactId: contact.id,
      body: {
        name: name.trim() || null,
        externalCandidateId: candidateRef.trim() || null,
        externalJobRef: jobRef.trim() || null,
      },
    });
  }

  return (
    <section className="details__section" aria-labelledby="details-contact">
      <h3 id="details-contact" className="details__section-title">
        {ti.details.contact}
      </h3>
      <dl className="details__facts">
        {contact.phone ? (
          <div>
            <dt>{ti.details.phone}</dt>
            <dd>
              <bdi dir="ltr">{formatPhone(contact.phone)}</bdi>
            </dd>
          </div>
        ) : null}
        {contact.phone ? null : (
          <div>
            <dt>{ti.details.phone}</dt>
            <dd title={ti.details.noPhoneHint}>{ti.details.noPhone}</dd>
          </div>
        )}
        {contact.username ? (
          <div>
            <dt>{ti.details.username}</dt>
            <dd>
              <bdi dir="ltr">@{contact.username}</bdi>
            </dd>
          </div>
        ) : null}
        {contact.profileName ? (
          <div>
            <dt>{ti.details.profileName}</dt>
            <dd>
              <bdi>{contact.profileName}</bdi>
            </dd>
          </div>
        ) : null}
      </dl>
      <ContactLanguageField conversation={conversation} />
      <form className="form details__form" onSubmit={save}>
        <Field label={ti.details.name}>
          <input
            className="input"
            dir="auto"
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label={ti.details.candidateRef}>
          <input
            className="input"
            dir="ltr"
            value={candidateRef}
            maxLength={120}
            onChange={(e) => setCandidateRef(e.target.value)}
          />
        </Field>
        <Field label={ti.details.jobRef}>
          <input
            className="input"
            dir="auto"
            value={jobRef}
            maxLength={200}
            onChange={(e) => setJobRef(e.target.value)}
          />
        </Field>
        <div className="details__actions">
          <button type="submit" className="button button--small" disabled={update.isPending}>
            {update.isPending ? t.common.saving : t.common.save}
          </button>
          <span role="status" className="details__status">
            {update.isSuccess ? ti.details.saved : ""}
          </span>
        </div>
        {update.isError ? (
          <p className="alert alert--danger" role="alert">
            {describeError(update.error, t, fmt)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
