import {
  lazy,
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { ApiError } from "../../../../api/client";
import { useLocation } from "../../../../app/router";
import { useRealtime } from "../../../../realtime/RealtimeProvider";
import { subscribeTyping, typingIn } from "../../../../realtime/typing-store";
import { EmptyState } from "../../../../ui/EmptyState";
import { useCurrentClient } from "../../../clients/queries";
import { useUsers } from "../../../team/queries";
import { type MessageResponse, uploadMedia } from "../../api";
import { setDraft } from "../../hooks/drafts";
import { useNow } from "../../hooks/useNow";
import { useInboxI18n } from "../../i18n";
import { messageOfSearch } from "../../model/inbox-address";
import { windowState } from "../../model/window";
import { useChatFind, useConversation, useIds, useMarkRead } from "../../queries";
import { useSend } from "../../send";
import { ComposerArea } from "../composer/ComposerArea";
import { ChatFind } from "./ChatFind";
import { ChatHeader } from "./ChatHeader";
import { LiveAnnouncer } from "./LiveAnnouncer";
import type { FailureFix } from "./MessageBubble";
import { MessageList } from "./MessageList";

const TemplatePickerDialog = lazy(() => import("../templates/TemplatePickerDialog"));
const MessageInfoDialog = lazy(() => import("./MessageInfoDialog"));

const isVisible = () => document.visibilityState === "visible";
function subscribeVisibility(listener: () => void) {
  document.addEventListener("visibilitychange", listener);
  return () => document.removeEventListener("visibilitychange", listener);
}

/** An open chat: header, history, composer (or why it is closed), template picker. Keyed by conversation. */
export function ChatPane(props: {
  conversationId: string;
  detailsOpen: boolean;
  onToggleDetails(): void;
  pickerRequest: number;
}) {
  const { conversationId } = props;
  const { ti } = useInboxI18n();
  const { userId } = useIds();
  const now = useNow();
  const query = useConversation(conversationId);
  const conversation = query.data;
  const client = useCurrentClient();
  const users = useUsers();
  const userNames = useMemo(
    () => new Map((users.data?.users ?? []).map((u) => [u.id, u.name])),
    [users.data],
  );
  const markRead = useMarkRead();
  const { connection: realtime } = useRealtime();
  const { send, retry } = useSend(conversationId);
  const visible = useSyncExternalStore(subscribeVisibility, isVisible);
  const [replyTo, setReplyTo] = useState<MessageResponse | null>(null);
  const [picker, setPicker] = useState(false);
  const [info, setInfo] = useState<MessageResponse | null>(null);
  const [announcement, setAnnouncement] = useState<{ text: string; at: number } | null>(null);
  // A search result opens the chat at its message (`&msg=`); find in chat moves between its matches.
  const messageInAddress = messageOfSearch(useLocation().search);
  const [addressTarget, setAddressTarget] = useState(messageInAddress);
  useEffect(() => setAddressTarget(messageInAddress), [messageInAddress]);
  const [findOpen, setFindOpen] = useState(false);
  const [findText, setFindText] = useState("");
  const findQuery = useDeferredValue(findText.trim());
  const find = useChatFind(conversationId, findOpen ? findQuery : "");
  const [findIndex, setFindIndex] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);
  const matches = find.data?.matches ?? [];
  const currentMatch = findOpen ? (matches[findIndex]?.messageId ?? null) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: new matches are the trigger (back to the newest)
  useEffect(() => {
    setFindIndex(0);
    setFocusRequest((count) => count + 1);
  }, [find.data]);
  const stepFind = useCallback(
    (step: 1 | -1) => {
      setFindIndex((index) => Math.max(0, Math.min(matches.length - 1, index + step)));
      setFocusRequest((count) => count + 1);
    },
    [matches.length],
  );
  const closeFind = useCallback(() => {
    setFindOpen(false);
    setFindText("");
  }, []);
  const onFocusMissing = useCallback(
    () => setAnnouncement({ text: ti.search.notLoaded, at: Date.now() }),
    [ti],
  );
  const unreadAtOpen = useRef<number | null>(null);
  if (conversation && unreadAtOpen.current === null) unreadAtOpen.current = conversation.unreadCount;

  // Alt+T or the composer's menu: the page bumps a counter to ask for the picker.
  const firstRequest = useRef(props.pickerRequest);
  useEffect(() => {
    if (props.pickerRequest !== firstRequest.current) setPicker(true);
  }, [props.pickerRequest]);

  // Read while looked at: the badge goes at once and the candidate gets blue ticks.
  const unread = conversation?.unreadCount ?? 0;
  const isMarkedUnread = conversation?.isMarkedUnread ?? false;
  const { mutate: read } = markRead;
  useEffect(() => {
    if ((unread > 0 || isMarkedUnread) && visible) read(conversationId);
  }, [unread, isMarkedUnread, visible, conversationId, read]);

  useEffect(() => {
    realtime.watch(conversationId);
    return () => realtime.unwatch(conversationId);
  }, [realtime, conversationId]);

  const typingIds = useSyncExternalStore(subscribeTyping, () => typingIn(conversationId));
  const typingNames = typingIds
    .filter((id) => id !== userId)
    .map((id) => userNames.get(id) ?? ti.chat.teammate);

  const candidateName = conversation?.contact.displayName ?? "";
  const onIncomingBatch = useCallback(
    (count: number) => setAnnouncement({ text: ti.chat.announceNew(count, candidateName), at: Date.now() }),
    [ti, candidateName],
  );

  const onReact = useCallback(
    (message: MessageResponse, emoji: string) => {
      void send(
        { reaction: { messageId: message.id, emoji } },
        { type: "reaction", targetWamid: message.wamid ?? "", emoji },
        null,
      );
    },
    [send],
  );

  const onFix = useCallback(
    (message: MessageResponse, fix: FailureFix) => {
      if (fix === "template") setPicker(true);
      else if (fix === "ask-again") setDraft(conversationId, ti.content.askAgainMessage);
      else if (fix === "retry" && !retry(message.id) && message.content.type === "text") {
        void send({ text: message.content.body }, message.content, null);
      }
    },
    [retry, send, conversationId, ti],
  );

  if (query.isPending) return <main className="chat-pane" aria-busy="true" />;
  if (!conversation) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <main className="chat-pane chat-pane--center">
        <EmptyState icon="warning" title={missing ? ti.chat.notFound : ti.chat.loadError} />
      </main>
    );
  }

  const window = windowState(conversation.windowExpiresAt, now);
  const numberState = client.data?.connections.find((c) => c.id === conversation.connectionId);
  const canAnswer =
    (window.kind === "open" || window.kind === "closing") && numberState?.state !== "disconnected";
  const author = (message: MessageResponse) =>
    message.direction === "inbound"
      ? candidateName
      : message.automation
        ? ti.chat.automaticReply
        : message.senderUserId === userId
          ? ti.chat.you
          : (userNames.get(message.senderUserId ?? "") ?? ti.chat.api);

  async function sendFile(file: File, caption: string): Promise<boolean> {
    const uploaded = await uploadMedia(file);
    const media = {
      id: uploaded.id,
      mimeType: uploaded.mimeType,
      filename: uploaded.filename,
      caption: caption || null,
      sizeBytes: uploaded.sizeBytes,
      status: "stored" as const,
    };
    void send(
      { media: { kind: uploaded.kind, mediaId: uploaded.id, ...(caption ? { caption } : {}) } },
      { type: uploaded.kind, media },
      replyTo,
    );
    setReplyTo(null);
    return true;
  }

  return (
    <main className="chat-pane">
      <ChatHeader
        conversation={conversation}
        window={window}
        typingNames={typingNames}
        detailsOpen={props.detailsOpen}
        onToggleDetails={props.onToggleDetails}
        findOpen={findOpen}
        onToggleFind={() => {
          if (findOpen) return closeFind();
          setAddressTarget(null);
          setFindOpen(true);
        }}
      />
      {findOpen ? (
        <ChatFind
          value={findText}
          onChange={setFindText}
          found={find.data && find.isSuccess && findQuery.length > 0 ? find.data : null}
          isError={find.isError}
          index={findIndex}
          onStep={stepFind}
          onClose={closeFind}
        />
      ) : null}
      <MessageList
        conversation={conversation}
        unreadAtOpen={unreadAtOpen.current ?? 0}
        canAnswer={canAnswer}
        userNames={userNames}
        userId={userId}
        onReply={setReplyTo}
        onReact={onReact}
        onInfo={setInfo}
        onFix={onFix}
        onIncomingBatch={onIncomingBatch}
        focusMessageId={findOpen ? currentMatch : addressTarget}
        focusRequest={focusRequest}
        currentMatchId={currentMatch}
        onFocusMissing={onFocusMissing}
      />
      <ComposerArea
        conversation={conversation}
        window={window}
        connection={numberState ?? null}
        replyTo={replyTo}
        replyAuthor={replyTo ? author(replyTo) : ""}
        onCancelReply={() => setReplyTo(null)}
        onSendText={(text) => {
          void send({ text }, { type: "text", body: text }, replyTo).then((sent) => {
            if (!sent) setAnnouncement({ text: ti.chat.announceFailed, at: Date.now() });
          });
          setReplyTo(null);
        }}
        onSendFile={sendFile}
        onOpenTemplates={() => setPicker(true)}
        onSendQuestion={(draft, content) => {
          void send({ interactive: draft }, { type: "interactive", ...content }, replyTo);
          setReplyTo(null);
        }}
        onSendLocation={(draft) => {
          const { latitude, longitude } = draft;
          void send(
            { location: draft },
            {
              type: "location",
              latitude,
              longitude,
              name: draft.name ?? null,
              address: draft.address ?? null,
              url: null,
            },
            replyTo,
          );
          setReplyTo(null);
        }}
      />
      <LiveAnnouncer message={announcement} />
      {picker ? (
        <Suspense fallback={null}>
          <TemplatePickerDialog
            conversation={conversation}
            isWindowOpen={canAnswer}
            onClose={() => setPicker(false)}
            onSend={(input, rendered) => {
              setPicker(false);
              void send(
                { template: input },
                { type: "template", name: input.name, language: input.language, rendered, params: input },
                null,
              );
            }}
          />
        </Suspense>
      ) : null}
      {info ? (
        <Suspense fallback={null}>
          <MessageInfoDialog message={info} onClose={() => setInfo(null)} />
        </Suspense>
      ) : null}
    </main>
  );
}
