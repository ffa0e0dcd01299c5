import { useEffect, useRef } from "react";
import { Icon } from "../../../../ui/Icon";
import { DataRightsSection } from "../../../data-rights/DataRightsSection";
import { useInboxI18n } from "../../i18n";
import { useConversation } from "../../queries";
import { AssigneeButton } from "../chat/AssigneeButton";
import { ConsentSection } from "./ConsentSection";
import { ContactSection } from "./ContactSection";
import { NotesSection } from "./NotesSection";

/** The candidate beside the chat (a drawer below 1280 px): details, consent, assignment, team notes. */
export default function DetailsPanel(props: { conversationId: string; onClose(): void }) {
  const { ti } = useInboxI18n();
  const query = useConversation(props.conversationId);
  const conversation = query.data;
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // As a drawer over the chat it takes focus; as a column beside it, the composer keeps it.
    if (window.matchMedia("(max-width: 1279px)").matches) heading.current?.focus({ preventScroll: true });
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key === "Escape" &&
        !event.defaultPrevented &&
        window.matchMedia("(max-width: 1279px)").matches
      )
        props.onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [props.onClose]);

  return (
    <aside className="details" aria-labelledby="details-title">
      <header className="pane-header details__header">
        <h2 id="details-title" className="details__title" ref={heading} tabIndex={-1}>
          {ti.details.title}
        </h2>
        <button type="button" className="icon-button" aria-label={ti.details.close} onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </header>
      {conversation ? (
        <div className="details__body" key={conversation.id}>
          <ContactSection key={`contact-${conversation.contact.id}`} conversation={conversation} />
          <section className="details__section" aria-labelledby="details-assignment">
            <h3 id="details-assignment" className="details__section-title">
              {ti.details.assignment}
            </h3>
            <AssigneeButton conversation={conversation} />
          </section>
          <ConsentSection conversation={conversation} />
          <NotesSection conversationId={conversation.id} />
          <DataRightsSection contactId={conversation.contact.id} />
        </div>
      ) : null}
    </aside>
  );
}
