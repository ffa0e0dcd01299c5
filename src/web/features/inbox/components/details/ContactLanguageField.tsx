import { CONTACT_LANGUAGES, type ContactLanguage } from "../../../../../contracts/contact-language";
import { describeError } from "../../../../api/errors";
import { Field } from "../../../../ui/Field";
import type { ConversationResponse } from "../../api";
import { useContactLanguageI18n } from "../../i18n/contact-language";
import { useUpdateContact } from "../../queries";

/**
 * The language the candidate is written to in (the away reply's, the templates proposed first),
 * with where it came from; a recruiter's choice is saved at once and outlasts what the candidate's
 * messages suggest. "Unknown" lets their next clear message set it again.
 */
export function ContactLanguageField({ conversation }: { conversation: ConversationResponse }) {
  const { t, tl, fmt } = useContactLanguageI18n();
  const { contact } = conversation;
  const update = useUpdateContact(conversation.id);
  return (
    <>
      <Field
        label={tl.label}
        hint={contact.languageSource ? tl.sources[contact.languageSource] : tl.unknownHint}
      >
        <select
          className="select"
          value={contact.language ?? ""}
          disabled={update.isPending}
          onChange={(event) =>
            update.mutate({
              contactId: contact.id,
              body: { language: (event.target.value || null) as ContactLanguage | null },
            })
          }
        >
          <option value="">{tl.unknown}</option>
          {CONTACT_LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {tl.names[language]}
            </option>
          ))}
        </select>
      </Field>
      {update.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(update.error, t, fmt)}
        </p>
      ) : null}
    </>
  );
}
