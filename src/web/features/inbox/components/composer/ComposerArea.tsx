import type { ConnectionSummary } from "../../../../../contracts/connections";
import type {
  InteractiveContentFields,
  InteractiveDraft,
  LocationDraft,
} from "../../../../../contracts/interactive-rules";
import { firstNameOf } from "../../../../../contracts/quick-reply-variables";
import { useRequiredSession } from "../../../auth/queries";
import type { ConversationResponse, MessageResponse } from "../../api";
import { useInboxI18n } from "../../i18n";
import type { WindowState } from "../../model/window";
import { Composer } from "./Composer";
import { ComposerPanel } from "./ComposerPanel";

const CANNOT_SEND = new Set<ConnectionSummary["state"]>(["needs_reconnect", "disconnected", "failed"]);

/** The composer, or in its place the reason free text cannot go out and the way forward. */
export function ComposerArea(props: {
  conversation: ConversationResponse;
  window: WindowState;
  connection: ConnectionSummary | null;
  replyTo: MessageResponse | null;
  replyAuthor: string;
  onCancelReply(): void;
  onSendText(text: string): void;
  onSendFile(file: File, caption: string): Promise<boolean>;
  onOpenTemplates(): void;
  onSendQuestion(draft: InteractiveDraft, content: InteractiveContentFields): void;
  onSendLocation(draft: LocationDraft): void;
}) {
  const { ti, fmt } = useInboxI18n();
  const { user } = useRequiredSession();
  const { conversation, connection } = props;
  const { contact } = conversation;
  const chooseTemplate = { label: ti.status.chooseTemplate, onClick: props.onOpenTemplates };

  if (connection && CANNOT_SEND.has(connection.state)) {
    const number = connection.displayPhoneNumber ?? connection.verifiedName ?? "";
    return (
      <ComposerPanel
        icon="warning"
        tone="danger"
        text={ti.composer.disconnected(number)}
        action={{ label: ti.status.reconnect, to: "/connections" }}
      />
    );
  }
  if (contact.isOptedOut) {
    const date = contact.optedOutAt ? fmt.date(contact.optedOutAt) : "";
    return (
      <ComposerPanel
        icon="ban"
        text={
          contact.optOutSource
            ? ti.composer.optedOut(date, contact.optOutSource)
            : ti.composer.optedOutNoSource(date)
        }
        action={chooseTemplate}
      />
    );
  }
  if (props.window.kind === "never") {
    return <ComposerPanel icon="template" text={ti.composer.neverOpened} action={chooseTemplate} />;
  }
  if (props.window.kind === "closed") {
    return <ComposerPanel icon="clock" text={ti.composer.windowClosed} action={chooseTemplate} />;
  }
  return (
    <Composer
      conversationId={conversation.id}
      replyTo={props.replyTo}
      replyAuthor={props.replyAuthor}
      onCancelReply={props.onCancelReply}
      onSendText={props.onSendText}
      onSendFile={props.onSendFile}
      onOpenTemplates={props.onOpenTemplates}
      onSendQuestion={props.onSendQuestion}
      onSendLocation={props.onSendLocation}
      quickReplyValues={{
        firstName: firstNameOf(contact.name ?? contact.profileName),
        // Conversations carry LinkoJob's job reference, not a title to write to a candidate:
        // {{poste}} stays visible for the recruiter to fill until a title is known.
        job: null,
        recruiterName: user.name,
      }}
    />
  );
}
