import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import type { ConversationResponse, NoteResponse } from "../../contracts/conversations";
import type { MessageResponse } from "../../contracts/messages";
import { href, navigate, parsePath } from "../app/router";
import { sessionKey } from "../features/auth/queries";
import { applyEvent } from "./apply";
import { RealtimeConnection, type RealtimeStatus } from "./connection";

interface RealtimeValue {
  connection: RealtimeConnection;
  status: RealtimeStatus;
}

const RealtimeContext = createContext<RealtimeValue | null>(null);

type IncomingListener = (message: MessageResponse, conversation: ConversationResponse) => void;
const incomingListeners = new Set<IncomingListener>();

/** Hears every candidate message that arrives live (notifications, the open chat's announcements). */
export function onIncoming(listener: IncomingListener): () => void {
  incomingListeners.add(listener);
  return () => incomingListeners.delete(listener);
}

type MentionListener = (note: NoteResponse, candidateName: string) => void;
const mentionListeners = new Set<MentionListener>();

/** Hears every colleague's note that mentions the logged-in user, live. */
export function onMention(listener: MentionListener): () => void {
  mentionListeners.add(listener);
  return () => mentionListeners.delete(listener);
}

let shared: { key: string; connection: RealtimeConnection; users: number } | null = null;

/**
 * The tab's socket, made during the first render (so it connects before the first HTTP fetch) and
 * shared across StrictMode's double mount; closed when no shell uses it any more.
 */
function acquire(key: string, create: () => RealtimeConnection): RealtimeConnection {
  if (shared?.key !== key) {
    shared?.connection.close();
    shared = { key, connection: create(), users: 0 };
  }
  return shared.connection;
}

/** Live events for the logged-in client, mapped onto the query cache; wraps the logged-in shell. */
export function RealtimeProvider(props: { clientId: string; userId: string; children: ReactNode }) {
  const { clientId, userId } = props;
  const queryClient = useQueryClient();
  const key = `${clientId}:${userId}`;
  const connection = acquire(
    key,
    () =>
      new RealtimeConnection({
        apply: (name, payload) =>
          applyEvent(
            {
              queryClient,
              clientId,
              userId,
              onIncoming: (message, conversation) => {
                for (const listener of incomingListeners) listener(message, conversation);
              },
              onMention: (note, candidateName) => {
                for (const listener of mentionListeners) listener(note, candidateName);
              },
              onConversationRemoved: (conversationId, keptConversationId) => {
                const route = parsePath(window.location.pathname);
                if (route.name === "inbox" && route.conversationId === conversationId)
                  navigate(href({ name: "inbox", conversationId: keptConversationId }), { replace: true });
              },
            },
            name,
            payload,
          ),
        refetch: () => void queryClient.invalidateQueries({ queryKey: [clientId] }),
        sessionEnded: () => void queryClient.invalidateQueries({ queryKey: sessionKey }),
      }),
  );
  const [status, setStatus] = useState<RealtimeStatus>(connection.status);

  useEffect(() => {
    if (shared?.connection === connection) shared.users += 1;
    setStatus(connection.status);
    const unsubscribe = connection.onStatus(setStatus);
    return () => {
      unsubscribe();
      if (shared?.connection !== connection) return;
      shared.users -= 1;
      // StrictMode unmounts and mounts again at once: close only if nobody came back.
      setTimeout(() => {
        if (shared?.connection === connection && shared.users === 0) {
          connection.close();
          shared = null;
        }
      }, 0);
    };
  }, [connection]);

  return <RealtimeContext.Provider value={{ connection, status }}>{props.children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error("useRealtime outside RealtimeProvider");
  return value;
}
