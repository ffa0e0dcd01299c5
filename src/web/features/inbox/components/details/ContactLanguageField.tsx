import { describeError } from "../../../../api/errors";
import type { ConversationResponse } from "../../api";
import { useContactLanguageI18n } from "../../i18n/contact-language";
import { useUpdateContact } from "../../queries";
import { CandidateLanguageField } from "./CandidateLanguageField";

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
      <CandidateLanguageField
        value={contact.language}
        hint={contact.languageSource ? tl.sources[contact.languageSource] : tl.unknownHint}
        disabled={update.isPending}
        onChange={(language) => update.mutate({ contactId: contact.id, body: { language } })}
      />
      {update.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(update.error, t, fmt)}
        </p>
      ) : null}
    </>
  );
}
