import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { navigate, useLocation } from "../../../app/router";
import { usePageTitle } from "../../../app/usePageTitle";
import { useT } from "../../../i18n/I18nProvider";
import type { ConversationFilter, ConversationListParams, ConversationView } from "../api";
import { searchQuery } from "../model/conversation-pages";
import { filtersOfSearch, type InboxAddressFilters, inboxPath } from "../model/inbox-address";
import { useConversationList, useUnreadChats } from "../queries";
import { ChatIntro } from "./chat/ChatIntro";
import { ChatPane } from "./chat/ChatPane";
import { stepConversation } from "./list/ConversationList";
import { ConversationListPane } from "./list/ConversationListPane";
import "./inbox.css";
import "./chat.css";
import "./bubbles.css";

const DetailsPanel = lazy(() => import("./details/DetailsPanel"));

/** Typing in a field: letter shortcuts must not fire. */
function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/u.test(target.tagName))
  );
}

/** List, chat and details side by side; on phones one pane at a time, chosen by whether a chat is open. */
export function InboxPage({ conversationId }: { conversationId: string | null }) {
  const t = useT();
  const unread = useUnreadChats();
  // `(3) Boîte de réception`, as WhatsApp Web counts the chats waiting to be read.
  usePageTitle(unread.count > 0 ? `(${unread.count}${unread.more ? "+" : ""}) ${t.nav.inbox}` : t.nav.inbox);
  const [search, setSearch] = useState("");
  const [view, setView] = useState<ConversationView | null>(null);
  const [filter, setFilter] = useState<ConversationFilter | null>(null);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  // The campaign, stage and label filters are in the address, so they can be linked to and reloaded.
  const location = useLocation();
  const address = useMemo(() => filtersOfSearch(location.search), [location.search]);
  const { campaignId, stage, label } = address;
  // Each change reads the address as it is then, so two in a row (clearing every filter) add up.
  const setAddress = useCallback(
    (changes: Partial<InboxAddressFilters>) =>
      navigate(inboxPath(conversationId, { ...filtersOfSearch(window.location.search), ...changes })),
    [conversationId],
  );
  const setCampaignId = useCallback((id: string | null) => setAddress({ campaignId: id }), [setAddress]);
  const [detailsOpen, setDetailsOpen] = useState(() => window.matchMedia("(min-width: 1280px)").matches);
  const [pickerRequest, setPickerRequest] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const q = useDeferredValue(searchQuery(search));
  const params = useMemo<ConversationListParams>(
    () => ({ q, view, filter, connectionId, campaignId, stage, label }),
    [q, view, filter, connectionId, campaignId, stage, label],
  );
  const list = useConversationList(params);
  const conversations = useMemo(
    () => list.data?.pages.flatMap((page) => page.conversations) ?? [],
    [list.data],
  );
  const toggleDetails = useCallback(() => setDetailsOpen((open) => !open), []);
  const closeDetails = useCallback(() => setDetailsOpen(false), []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey && (event.code === "ArrowDown" || event.code === "ArrowUp")) {
        event.preventDefault();
        stepConversation(conversations, conversationId, event.code === "ArrowDown" ? 1 : -1, address);
      } else if (event.altKey && event.code === "KeyT" && conversationId) {
        event.preventDefault();
        setPickerRequest((count) => count + 1);
      } else if (event.key === "/" && !isEditable(event.target) && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (
        event.key === "Escape" &&
        conversationId &&
        !isEditable(event.target) &&
        !event.defaultPrevented
      ) {
        if (document.querySelector("dialog[open]")) return;
        if (window.matchMedia("(max-width: 767px)").matches) navigate(inboxPath(null, address));
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [conversations, conversationId, address]);

  return (
    <div
      className="inbox"
      data-pane={conversationId ? "chat" : "list"}
      data-details={conversationId && detailsOpen ? "open" : "closed"}
    >
      <h1 className="visually-hidden" tabIndex={-1}>
        {t.nav.inbox}
      </h1>
      <ConversationListPane
        currentId={conversationId}
        search={search}
        onSearch={setSearch}
        params={params}
        onFilter={setFilter}
        onView={setView}
        onConnection={setConnectionId}
        onCampaign={setCampaignId}
        onPipeline={setAddress}
        searchRef={searchRef}
      />
      {conversationId ? (
        <ChatPane
          key={conversationId}
          conversationId={conversationId}
          detailsOpen={detailsOpen}
          onToggleDetails={toggleDetails}
          pickerRequest={pickerRequest}
        />
      ) : (
        <ChatIntro />
      )}
      {conversationId && detailsOpen ? (
        <Suspense fallback={<aside className="details" aria-busy="true" />}>
          <DetailsPanel conversationId={conversationId} onClose={closeDetails} />
        </Suspense>
      ) : null}
    </div>
  );
}
