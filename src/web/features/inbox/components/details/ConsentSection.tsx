import { useState } from "react";
import { describeError } from "../../../../api/errors";
import { Field } from "../../../../ui/Field";
import type { ConversationResponse } from "../../api";
import { useInboxI18n } from "../../i18n";
import { useUpdateContact } from "../../queries";

/** Opt-out and consent: the current state with its date and source, and recording a change with its source. */
export function ConsentSection({ conversation }: { conversation: ConversationResponse }) {
  const { t, ti, fmt } = useInboxI18n();
  const { contact } = conversation;
  const update = useUpdateContact(conversation.id);
  const [source, setSource] = useState("");
  const [error, setError] = useState<string | null>(null);

  function record(state: "opted_in" | "opted_out") {
    if (!source.trim()) {
      setError(ti.details.sourceRequired);
      return;
    }
    setError(null);
    update.mutate(
      { contactId: contact.id, body: { consent: { state, source: source.trim() } } },
      { onSuccess: () => setSource("") },
    );
  }

  return (
    <section className="details__section" aria-labelledby="details-consent">
      <h3 id="details-consent" className="details__section-title">
        {ti.details.consent}
      </h3>
      <p className={contact.isOptedOut ? "consent consent--out" : "consent"}>
        {contact.isOptedOut && contact.optedOutAt
          ? ti.details.optedOutSince(fmt.date(contact.optedOutAt))
          : contact.optedInAt
            ? ti.details.optedInSince(fmt.date(contact.optedInAt))
            : ti.details.noConsent}
        {contact.isOptedOut && contact.optOutSource ? (
          <span className="consent__source">{ti.details.via(contact.optOutSource)}</span>
        ) : null}
        {!contact.isOptedOut && contact.optInSource ? (
          <span className="consent__source">{ti.details.via(contact.optInSource)}</span>
        ) : null}
      </p>
      <Field label={ti.details.source} error={error}>
        <input
          className="input"
          dir="auto"
          value={source}
          maxLength={120}
          placeholder={ti.details.sourcePlaceholder}
          onChange={(event) => setSource(event.target.value)}
        />
      </Field>
      <div className="details__actions">
        {contact.isOptedOut ? (
          <button
            type="button"
            className="button button--small"
            disabled={update.isPending}
            onClick={() => record("opted_in")}
          >
            {ti.details.recordOptIn}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button button--small"
              disabled={update.isPending}
              onClick={() => record("opted_in")}
            >
              {ti.details.recordOptIn}
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={update.isPending}
              onClick={() => record("opted_out")}
            >
              {ti.details.recordOptOut}
            </button>
          </>
        )}
      </div>
      {update.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(update.error, t, fmt)}
        </p>
      ) : null}
    </section>
  );
}
