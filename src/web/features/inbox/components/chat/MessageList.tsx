import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Icon } from "../../../../ui/Icon";
import type { ConversationResponse, MessageResponse } from "../../api";
import { findByWamid } from "../../cache";
import { useNow } from "../../hooks/useNow";
import { useInboxI18n } from "../../i18n";
import { chronological, stableKey } from "../../model/message-pages";
import { buildTimeline } from "../../model/timeline";
import { useMessages } from "../../queries";
import { type FailureFix, MessageBubble } from "./MessageBubble";
import { MediaViewerContext } from "./media-viewer";
import { revealMessage } from "./reveal-message";

// The lightbox loads with the first photo opened, not with the inbox.
const Lightbox = lazy(() => import("./Lightbox"));

/** Within this distance of the bottom, new messages scroll into view; further up, they are counted. */
const FOLLOW_PX = 80;

export interface MessageListProps {
  conversation: ConversationResponse;
  unreadAtOpen: number;
  canAnswer: boolean;
  userNames: Map<string, string>;
  userId: string;
  onReply(message: MessageResponse): void;
  onReact(message: MessageResponse, emoji: string): void;
  onInfo(message: MessageResponse): void;
  onFix(message: MessageResponse, fix: FailureFix): void;
  onIncomingBatch(count: number): void;
  /**
   * A message to show (a search result, find in chat's current match): older pages are fetched
   * until it is loaded, then it is scrolled to the middle and flashed. `focusRequest` changes to ask
   * again for the same message.
   */
  focusMessageId?: string | null;
  focusRequest?: number;
  /** Find in chat's current match: outlined while the search is open. */
  currentMatchId?: string | null;
  /** The message asked for is further back than the history fetched for it. */
  onFocusMissing?(): void;
}

/** Older pages fetched at most to reach a message asked for (50 a page). */
const FOCUS_PAGES = 40;

/**
 * The history as a feed: oldest first, older pages fetched within a screen of the top with the view
 * held still, the unread divider on open (opening there when the unread fill more than a screen),
 * new messages followed only near the bottom, and jumps to quoted messages (fetching back if needed).
 */
export function MessageList(props: MessageListProps) {
  const { conversation } = props;
  const { ti, ifmt } = useInboxI18n();
  const now = useNow();
  const query = useMessages(conversation.id);
  const messages = useMemo(() => chronological(query.data), [query.data]);
  const timeline = useMemo(() => buildTimeline(messages, props.unreadAtOpen), [messages, props.unreadAtOpen]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const snapshot = useRef<{ first: string | null; last: string | null; height: number } | null>(null);
  const loadedAt = useRef(Date.now());
  const [newBelow, setNewBelow] = useState(0);
  const [showJump, setShowJump] = useState(false);
  /** The photo or video message the lightbox is open on. */
  const [viewing, setViewing] = useState<string | null>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || messages.length === 0) return;
    const first = messages[0] ? stableKey(messages[0].id) : null;
    const lastMessage = messages[messages.length - 1];
    const last = lastMessage ? stableKey(lastMessage.id) : null;
    const previous = snapshot.current;
    if (!previous) {
      // First paint: at the unread divider if the unread do not fit on one screen, else at the bottom.
      const divider = element.querySelector<HTMLElement>(".unread-divider");
      if (divider && element.scrollHeight - divider.offsetTop > element.clientHeight) {
        element.scrollTop = divider.offsetTop - 8;
        atBottom.current = false;
      } else {
        element.scrollTop = element.scrollHeight;
      }
    } else if (previous.first !== first && previous.last === last) {
      element.scrollTop += element.scrollHeight - previous.height;
    } else if (previous.last !== last && lastMessage) {
      const seen = messages.findIndex((m) => stableKey(m.id) === previous.last);
      const added = seen === -1 ? 1 : messages.length - seen - 1;
      const incoming = messages.slice(-Math.max(1, added)).filter((m) => m.direction === "inbound").length;
      if (atBottom.current || lastMessage.direction === "outbound") element.scrollTop = element.scrollHeight;
      else setNewBelow((count) => count + incoming);
      if (incoming > 0) props.onIncomingBatch(incoming);
    }
    snapshot.current = { first, last, height: element.scrollHeight };
  }, [messages, props.onIncomingBatch]);

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
    atBottom.current = distance < FOLLOW_PX;
    setShowJump(distance >= FOLLOW_PX);
    if (atBottom.current) setNewBelow(0);
    if (snapshot.current) snapshot.current.height = element.scrollHeight;
  }, []);

  // What grows after the first paint (a web font, a picture, the composer taking a line) keeps a
  // chat that is at its latest message there.
  const holdBottom = useCallback(() => {
    const element = scrollRef.current;
    if (!element || !atBottom.current) return;
    element.scrollTop = element.scrollHeight;
    if (snapshot.current) snapshot.current.height = element.scrollHeight;
  }, []);
  const hasHistory = !query.isPending && !query.isError;
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || !hasHistory) return;
    const observer = new ResizeObserver(holdBottom);
    observer.observe(element);
    void document.fonts?.ready.then(holdBottom);
    return () => observer.disconnect();
  }, [hasHistory, holdBottom]);

  // Older pages load when the top comes within a screen.
  useEffect(() => {
    const element = scrollRef.current;
    const top = topRef.current;
    if (!element || !top || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) {
          if (snapshot.current && scrollRef.current) snapshot.current.height = scrollRef.current.scrollHeight;
          void fetchNextPage();
        }
      },
      { root: element, rootMargin: `${element.clientHeight}px 0px 0px 0px` },
    );
    observer.observe(top);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // A message shown on request (a quote, a search result) is kept in view until it settles or the
  // user scrolls; meanwhile the list does not follow its latest message.
  const stopReveal = useRef<(() => void) | null>(null);
  const reveal = useCallback((id: string) => {
    stopReveal.current?.();
    stopReveal.current = revealMessage(id, () => {
      atBottom.current = false;
    });
  }, []);
  const userScrolls = useCallback(() => {
    stopReveal.current?.();
    stopReveal.current = null;
  }, []);
  useEffect(() => userScrolls, [userScrolls]);

  const jumpTo = useCallback(
    async (wamid: string) => {
      let data = query.data;
      for (let page = 0; page < 10 && !findByWamid(data, wamid); page += 1) {
        if (!data?.pages[data.pages.length - 1]?.nextCursor) break;
        data = (await fetchNextPage()).data;
      }
      const target = findByWamid(data, wamid);
      if (!target) return;
      reveal(target.id);
    },
    [query.data, fetchNextPage, reveal],
  );

  // A message asked for (search result, find in chat): fetched back to, then shown.
  const { focusMessageId, focusRequest, onFocusMissing } = props;
  const historyLoaded = query.isSuccess;
  const dataRef = useRef(query.data);
  dataRef.current = query.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focusRequest asks again for the same message
  useEffect(() => {
    if (!focusMessageId || !historyLoaded) return;
    let cancelled = false;
    const has = (data: typeof dataRef.current) =>
      data?.pages.some((page) => page.messages.some((m) => m.id === focusMessageId)) ?? false;
    void (async () => {
      let data = dataRef.current;
      for (let page = 0; page < FOCUS_PAGES && !has(data) && !cancelled; page += 1) {
        if (!data?.pages[data.pages.length - 1]?.nextCursor) break;
        data = (await fetchNextPage()).data;
      }
      if (cancelled) return;
      if (!has(data)) {
        onFocusMissing?.();
        return;
      }
      reveal(focusMessageId);
    })();
    return () => {
      cancelled = true;
    };
  }, [focusMessageId, focusRequest, historyLoaded, fetchNextPage, onFocusMissing, reveal]);

  const scrollToBottom = () => {
    const element = scrollRef.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setNewBelow(0);
    setShowJump(false);
  };

  const candidateName = conversation.contact.displayName;
  const authorOf = (message: MessageResponse) => {
    if (message.direction === "inbound") return candidateName;
    if (message.automation) return ti.chat.automaticReply;
    // Sent from the WhatsApp Business app (an echo, or its history): not one of LinkoJob's sends.
    if (message.origin) return ti.chat.fromPhone;
    if (!message.senderUserId) return ti.chat.api;
    if (message.senderUserId === props.userId) return ti.chat.you;
    return props.userNames.get(message.senderUserId) ?? ti.chat.teammate;
  };

  // A voice note's avatar: the candidate's, as in the list, or the sending teammate's own name (not "You").
  const senderIdOf = (message: MessageResponse) =>
    message.direction === "inbound" ? conversation.contact.id : (message.senderUserId ?? "");
  const senderNameOf = (message: MessageResponse) =>
    (message.direction === "outbound" && message.senderUserId && props.userNames.get(message.senderUserId)) ||
    authorOf(message);

  if (query.isPending) return <HistorySkeleton />;
  if (query.isError) {
    return (
      <div className="chat-history chat-history--center">
        <p className="system-chip" role="alert">
          {ti.chat.loadError}
        </p>
      </div>
    );
  }

  return (
    <MediaViewerContext.Provider value={setViewing}>
      <div className="chat-history-wrap">
        <div
          className="chat-history"
          ref={scrollRef}
          onScroll={onScroll}
          onWheel={userScrolls}
          onTouchStart={userScrolls}
          onPointerDown={userScrolls}
          onKeyDown={userScrolls}
          role="feed"
          aria-busy={isFetchingNextPage}
          aria-label={ti.chat.feed(candidateName)}
          tabIndex={-1}
          onLoadCapture={holdBottom}
        >
          <div ref={topRef} className="chat-history__top">
            {hasNextPage ? (
              <p className="system-chip">{ti.chat.loadingOlder}</p>
            ) : (
              <p className="system-chip system-chip--muted">{ti.chat.historyStart}</p>
            )}
          </div>
          {timeline.map((item) => {
            if (item.kind === "day") {
              return (
                <div key={item.key} className="day-chip">
                  <span className="system-chip">{ifmt.day(item.iso, now)}</span>
                </div>
              );
            }
            if (item.kind === "unread") {
              return (
                <div key={item.key} className="unread-divider">
                  <span>{ti.chat.unreadDivider(item.count, ifmt.number(item.count))}</span>
                </div>
              );
            }
            const { message } = item;
            const quoted = message.context?.replyToWamid
              ? findByWamid(query.data, message.context.replyToWamid)
              : undefined;
            return (
              <MessageBubble
                key={item.key}
                message={message}
                isGroupStart={item.isGroupStart}
                author={authorOf(message)}
                quoted={quoted}
                quotedAuthor={quoted ? authorOf(quoted) : ""}
                candidateName={candidateName}
                senderId={senderIdOf(message)}
                senderName={senderNameOf(message)}
                userId={props.userId}
                canAnswer={props.canAnswer}
                isNew={Date.parse(message.occurredAt) > loadedAt.current}
                isCurrentMatch={message.id === props.currentMatchId}
                onJump={jumpTo}
                onReply={props.onReply}
                onReact={props.onReact}
                onInfo={props.onInfo}
                onFix={props.onFix}
              />
            );
          })}
        </div>
        {showJump || newBelow > 0 ? (
          <button
            type="button"
            className="jump-bottom"
            onClick={scrollToBottom}
            aria-label={ti.chat.scrollToBottom}
          >
            <Icon name="arrowDown" size={22} />
            {newBelow > 0 ? (
              <span className="jump-bottom__count" aria-hidden="true">
                {ifmt.number(newBelow)}
              </span>
            ) : null}
          </button>
        ) : null}
        {viewing ? (
          <Suspense fallback={null}>
            <Lightbox
              conversationId={conversation.id}
              messageId={viewing}
              live={messages}
              authorOf={authorOf}
              onClose={() => setViewing(null)}
            />
          </Suspense>
        ) : null}
      </div>
    </MediaViewerContext.Provider>
  );
}

/** Bubbles in their final geometry while the history loads: nothing jumps when it arrives. */
function HistorySkeleton() {
  return (
    <div className="chat-history chat-history--skeleton" aria-busy="true">
      {[60, 40, 70, 35, 55].map((width, index) => (
        <div key={width} className={`msg ${index % 2 ? "msg--out" : "msg--in"} msg--start`}>
          <div className="bubble bubble--skeleton" style={{ inlineSize: `${width}%` }} />
        </div>
      ))}
    </div>
  );
}
