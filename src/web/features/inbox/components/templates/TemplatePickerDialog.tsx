import type { TemplateSendInput } from "../../../../../contracts/messages";
import { Dialog } from "../../../../ui/Dialog";
import type { ConversationResponse } from "../../api";
import { useInboxI18n } from "../../i18n";
import { TemplateFields } from "./TemplateFields";
import { TemplateFooter } from "./TemplateFooter";
import { TemplateList } from "./TemplateList";
import { TemplatePreview } from "./TemplatePreview";
import { useTemplateForm } from "./useTemplateForm";

/** Choose an approved template of the chat's number, fill its variables, see it, send it. */
export default function TemplatePickerDialog(props: {
  conversation: ConversationResponse;
  isWindowOpen: boolean;
  onClose(): void;
  onSend(input: TemplateSendInput, rendered: string): void;
}) {
  const { ti } = useInboxI18n();
  const { conversation } = props;
  const { contact } = conversation;
  const named = contact.name ?? contact.profileName;
  const form = useTemplateForm(conversation.connectionId, named, contact.isOptedOut, contact.language);
  return (
    <Dialog
      title={ti.templates.title}
      onClose={props.onClose}
      size="wide"
      footer={
        <TemplateFooter
          form={form}
          busy={false}
          conversationId={conversation.id}
          onCancel={props.onClose}
          onSend={() => form.input && props.onSend(form.input, form.rendered)}
        />
      }
    >
      <div className="template-picker">
        <TemplateList form={form} connectionId={conversation.connectionId} />
        <div className="template-picker__detail">
          <TemplateFields form={form} />
          <TemplatePreview form={form} />
        </div>
      </div>
    </Dialog>
  );
}
