import type { QueryClient } from "@tanstack/react-query";
import type { ConnectionResponse } from "../../contracts/connections";
import type { ConversationResponse } from "../../contracts/conversations";
import type { MessageResponse } from "../../contracts/messages";
import type { RealtimeEventName } from "../../contracts/realtime";
import { clientKeys } from "../features/clients/queries";
import { connectionKeys } from "../features/connections/queries";
import { inboxKeys, storeConversation, storeMessage } from "../features/inbox/cache";

export interface ApplyContext {
  queryClient: QueryClient;
  clientId: string;
  userId: string;
  /** A candidate's new message (for notifications and announcements). */
  onIncoming(message: MessageResponse, conversation: ConversationResponse): void;
}

/** A message for a history that is being fetched right now would be lost: fetch it again after. */
function refreshIfLoading(context: ApplyContext, conversationId: string): void {
  const key = inboxKeys.messages(context.clientId, conversationId);
  const state = context.queryClient.getQueryState(key);
  if (state && state.data === undefined && state.fetchStatus === "fetching") {
    void context.queryClient.invalidateQueries({ queryKey: key });
  }
}

/** Maps one domain event onto the query cache: patched in place, never refetched. */
export function applyEvent(context: ApplyContext, name: RealtimeEventName, payload: unknown): void {
  const { queryClient, clientId, userId } = context;
  switch (name) {
    case "message:received":
    case "message:created": {
      const { message, conversation } = payload as {
        message: MessageResponse;
        conversation: ConversationResponse;
      };
      storeMessage(queryClient, clientId, message);
      storeConversation(queryClient, clientId, userId, conversation);
      refreshIfLoading(context, message.conversationId);
      if (
        name === "message:received" &&
        message.direction === "inbound" &&
        message.content.type !== "reaction"
      ) {
        context.onIncoming(message, conversation);
      }
      return;
    }
    case "message:status": {
      const { message } = payload as { message: MessageResponse };
      storeMessage(queryClient, clientId, message);
      return;
    }
    case "conversation:updated": {
      const { conversation } = payload as { conversation: ConversationResponse };
      storeConversation(queryClient, clientId, userId, conversation);
      return;
    }
    case "connection:updated": {
      const { connection } = payload as { connection: ConnectionResponse };
      // Only a list already loaded is patched (a list made of this one connection would be wrong).
      queryClient.setQueryData<ConnectionResponse[]>(connectionKeys.list(clientId), (list) =>
        list?.some((item) => item.id === connection.id)
          ? list.map((item) => (item.id === connection.id ? connection : item))
          : list && [...list, connection],
      );
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
      return;
    }
  }
}
