import { type FormEvent, useState } from "react";
import { roleMay } from "../../../contracts/roles";
import { describeError } from "../../api/errors";
import { useI18n } from "../../i18n/I18nProvider";
import { Field } from "../../ui/Field";
import { useServerForm } from "../../ui/useServerForm";
import { useRequiredSession } from "../auth/queries";
import { useRetention, useUpdateRetention } from "./queries";

/** A number of months as typed; empty keeps the data (null). */
const monthsOf = (text: string): number | null | "invalid" => {
  if (text.trim() === "") return null;
  const months = Number(text);
  return Number.isInteger(months) && months >= 1 && months <= 240 ? months : "invalid";
};

/** The client's retention (owners and admins): months before old chats and media files are deleted. */
export function RetentionSettings() {
  const { user } = useRequiredSession();
  if (!roleMay(user.role, "dataRights.manage")) return null;
  return <RetentionForm />;
}

function RetentionForm() {
  const { t, fmt } = useI18n();
  const retention = useRetention();
  const update = useUpdateRetention();
  const [conversations, setConversations] = useState("");
  const [mediaFiles, setMediaFiles] = useState("");
  const [error, setError] = useState<string | null>(null);
  // The fields wait for the first answer; what the user types is theirs until saved.
  const form = useServerForm(retention.data, (data) => {
    setConversations(data.conversationMonths?.toString() ?? "");
    setMediaFiles(data.mediaMonths?.toString() ?? "");
  });

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const conversationMonths = monthsOf(conversations);
    const mediaMonths = monthsOf(mediaFiles);
    if (conversationMonths === "invalid" || mediaMonths === "invalid") {
      setError(t.settings.retentionInvalid);
      return;
    }
    setError(null);
    update.mutate({ conversationMonths, mediaMonths }, { onSuccess: form.saved });
  }

  return (
    <section className="card section" aria-labelledby="retention-title">
      <h2 id="retention-title" className="section__title">
        {t.settings.retention}
      </h2>
      <p className="field__hint settings-hint">{t.settings.retentionHint}</p>
      <form className="form settings-form" onSubmit={save} onChange={form.edited} noValidate>
        <Field label={t.settings.retentionConversations} error={error}>
          <input
            className="input"
            inputMode="numeric"
            value={conversations}
            placeholder={t.settings.retentionKeep}
            disabled={!form.loaded}
            onChange={(event) => setConversations(event.target.value)}
          />
        </Field>
        <Field label={t.settings.retentionMedia}>
          <input
            className="input"
            inputMode="numeric"
            value={mediaFiles}
            placeholder={t.settings.retentionKeep}
            disabled={!form.loaded}
            onChange={(event) => setMediaFiles(event.target.value)}
          />
        </Field>
        <div className="settings-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={update.isPending || !retention.data}
          >
            {update.isPending ? t.common.saving : t.common.save}
          </button>
          <p role="status" className="settings-form__status">
            {update.isSuccess ? t.common.saved : ""}
          </p>
        </div>
        {update.isError || retention.isError ? (
          <p className="alert alert--danger" role="alert">
            {describeError(update.error ?? retention.error, t, fmt)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
