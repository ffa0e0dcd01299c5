import { usePageTitle } from "../../../app/usePageTitle";
import { useT } from "../../../i18n/I18nProvider";
import { ChatPane } from "./ChatPane";
import { ConversationListPane } from "./ConversationListPane";
import "./inbox.css";

/** List and chat side by side; on phones one pane at a time, chosen by whether a chat is open. */
export function InboxPage({ conversationId }: { conversationId: string | null }) {
  const t = useT();
  usePageTitle(t.nav.inbox);
  return (
    <div className="inbox" data-pane={conversationId ? "chat" : "list"}>
      <h1 className="visually-hidden" tabIndex={-1}>
        {t.nav.inbox}
      </h1>
      <ConversationListPane />
      <ChatPane conversationId={conversationId} />
    </div>
  );
}
