import { useState } from "react";
import type { ConnectionSummary } from "../../../../../contracts/connections";
import { ErrorCode } from "../../../../../contracts/constants";
import type { ContactLanguage } from "../../../../../contracts/contact-language";
import { phoneRefusalOf } from "../../../../../contracts/phone-refusal";
import { describeError, failedWith } from "../../../../api/errors";
import { navigate } from "../../../../app/router";
import { Dialog } from "../../../../ui/Dialog";
import { Field } from "../../../../ui/Field";
import { ConnectionField } from "../../../clients/components/ConnectionField";
import { sendMessage } from "../../api";
import { useInboxI18n } from "../../i18n";
import { useContactLanguageI18n } from "../../i18n/contact-language";
import { sendErrorText, useStoreSent } from "../../send";
import { CandidateLanguageField } from "../details/CandidateLanguageField";
import { TemplateFields } from "./TemplateFields";
import { TemplateFooter } from "./TemplateFooter";
import { TemplateList } from "./TemplateList";
import { TemplatePreview } from "./TemplatePreview";
import { useKnownCandidate } from "./useKnownCandidate";
import { useTemplateForm } from "./useTemplateForm";

/** Write first to a candidate: their phone as typed and name, and the template the first message must be. */
export default function NewConversationDialog(props: { connections: ConnectionSummary[]; onClose(): void }) {
  const { t, ti, fmt } = useInboxI18n();
  const { tl } = useContactLanguageI18n();
  const [connectionId, setConnectionId] = useState(props.connections[0]?.id ?? "");
  const [phone, setPhone] = useState("");
  const [name, setName] = useState("");
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per composed message: pressing "send" again after a lost answer never sends twice.
  const [key] = useState(() => crypto.randomUUID());
  const known = useKnownCandidate(phone);
  // undefined until the recruiter picks one: a known candidate's stored language shows meanwhile.
  const [chosenLanguage, setChosenLanguage] = useState<ContactLanguage | null | undefined>(undefined);
  const language = chosenLanguage === undefined ? (known?.language ?? null) : chosenLanguage;
  const form = useTemplateForm(
    connectionId || null,
    name || known?.name || known?.profileName || null,
    known?.isOptedOut ?? false,
    language,
  );
  const storeSent = useStoreSent();

  async function send() {
    if (!phone.trim()) {
      setPhoneError(ti.newConversation.phoneRequired);
      return;
    }
    if (!form.input) return;
    setPhoneError(null);
    setError(null);
    setBusy(true);
    try {
      const message = await sendMessage(
        {
          connectionId,
          to: phone.trim(),
          ...(name.trim() ? { contactName: name.trim() } : {}),
          // Only a language the recruiter chose: one already stored needs no saving again.
          ...(chosenLanguage ? { contactLanguage: chosenLanguage } : {}),
          template: form.input,
        },
        key,
      );
      storeSent(message);
      props.onClose();
      navigate(`/inbox/${encodeURIComponent(message.conversationId)}`);
    } catch (failure) {
      // A refused number is said under its field, in words: too short, or which fix it needs.
      const refusal = failedWith(failure, ErrorCode.validationFailed)
        ? phoneRefusalOf(failure.message)
        : null;
      if (refusal) {
        setPhoneError(
          refusal === "too_short" ? ti.newConversation.phoneTooShort : ti.newConversation.phoneInvalid,
        );
        return;
      }
      setError(sendErrorText(failure, ti, describeError(failure, t, fmt)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={ti.newConversation.title}
      onClose={props.onClose}
      size="wide"
      footer={
        <TemplateFooter
          form={form}
          busy={busy}
          onCancel={props.onClose}
          onSend={send}
          canSend={Boolean(phone.trim())}
        />
      }
    >
      {props.connections.length === 0 ? (
        <p className="alert alert--warning">{ti.newConversation.noConnection}</p>
      ) : null}
      <div className="new-conversation__recipient">
        <ConnectionField
          label={ti.newConversation.connection}
          connections={props.connections}
          value={connectionId}
          onChange={setConnectionId}
        />
        <Field label={ti.newConversation.phone} hint={ti.newConversation.phoneHint} error={phoneError}>
          <input
            className="input"
            type="tel"
            dir="ltr"
            autoComplete="off"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
          />
        </Field>
        <Field label={ti.newConversation.name}>
          <input
            className="input"
            dir="auto"
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <CandidateLanguageField
          value={language}
          hint={
            chosenLanguage === undefined && known?.languageSource
              ? tl.sources[known.languageSource]
              : undefined
          }
          onChange={(chosen) => {
            setChosenLanguage(chosen);
            form.setLanguage(null); // the templates follow the candidate's language again
          }}
        />
      </div>
      <p className="new-conversation__hint">{ti.newConversation.firstMessage}</p>
      <div className="template-picker">
        <TemplateList form={form} connectionId={connectionId || null} />
        <div className="template-picker__detail">
          <TemplateFields form={form} />
          <TemplatePreview form={form} />
        </div>
      </div>
      {error ? (
        <p className="alert alert--danger" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
