import type { QueryClient } from "@tanstack/react-query";
import type { ConnectionResponse } from "../../contracts/connections";
import type { ConversationResponse, NoteResponse } from "../../contracts/conversations";
import type { MessageResponse } from "../../contracts/messages";
import type { WebhookEndpointResponse } from "../../contracts/outbound-webhooks";
import type { RealtimeEventName, RealtimeEventPayload } from "../../contracts/realtime";
import { clientKeys } from "../features/clients/queries";
import { connectionKeys } from "../features/connections/queries";
import { costKeys } from "../features/costs/keys";
import {
  dropFoldedConversation,
  inboxKeys,
  patchStoredConversation,
  staleViewCounts,
  storeConversation,
  storeMessage,
} from "../features/inbox/cache";
import { storePipeline } from "../features/pipeline/keys";
import { dropTemplate, staleStarters, storeTemplate } from "../features/templates/cache";
import { replaceEndpoint, webhookKeys } from "../features/webhooks/keys";

export interface ApplyContext {
  queryClient: QueryClient;
  clientId: string;
  userId: string;
  /** A candidate's new message (for notifications and announcements). */
  onIncoming(message: MessageResponse, conversation: ConversationResponse): void;
  /** A colleague's note that mentions this user (for the mentions badge and notifications). */
  onMention(note: NoteResponse, candidateName: string): void;
  /** A chat folded into another: a tab showing it opens the kept one. */
  onConversationRemoved(conversationId: string, keptConversationId: string): void;
}

/** One handler per domain event, each given that event's own payload. */
type EventHandlers = {
  [N in RealtimeEventName]: (context: ApplyContext, payload: RealtimeEventPayload<N>) => void;
};

/** A message for a history that is being fetched right now would be lost: fetch it again after. */
function refreshIfLoading(context: ApplyContext, conversationId: string): void {
  const key = inboxKeys.messages(context.clientId, conversationId);
  const state = context.queryClient.getQueryState(key);
  if (state && state.data === undefined && state.fetchStatus === "fetching") {
    void context.queryClient.invalidateQueries({ queryKey: key });
  }
}

/** A new message and its conversation; only a received one (not the team's own send) is announced. */
function storeNewMessage(
  context: ApplyContext,
  { message, conversation }: RealtimeEventPayload<"message:received" | "message:created">,
  isReceived: boolean,
): void {
  const { queryClient, clientId, userId } = context;
  storeMessage(queryClient, clientId, message);
  storeConversation(queryClient, clientId, userId, conversation);
  staleViewCounts(queryClient, clientId);
  refreshIfLoading(context, message.conversationId);
  if (isReceived && message.direction === "inbound" && message.content.type !== "reaction") {
    context.onIncoming(message, conversation);
  }
}

const handlers: EventHandlers = {
  "message:received": (context, payload) => {
    storeNewMessage(context, payload, true);
    // A candidate answering a campaign moves its funnel and their row of its results.
    if (payload.conversation.campaignId)
      void context.queryClient.invalidateQueries({ queryKey: [context.clientId, "campaigns"] });
  },
  "message:created": (context, payload) => storeNewMessage(context, payload, false),
  "message:status": ({ queryClient, clientId }, { message }) => {
    storeMessage(queryClient, clientId, message);
  },
  "conversation:updated": ({ queryClient, clientId, userId }, { conversation }) => {
    storeConversation(queryClient, clientId, userId, conversation);
    staleViewCounts(queryClient, clientId);
  },
  "conversation:removed": (context, { conversationId, keptConversationId }) => {
    dropFoldedConversation(context.queryClient, context.clientId, conversationId, keptConversationId);
    context.onConversationRemoved(conversationId, keptConversationId);
  },
  "conversation:preferences": ({ queryClient, clientId, userId }, preference) => {
    // Another user's pin or mute is theirs alone.
    if (preference.userId !== userId) return;
    const { isPinned, isMuted } = preference;
    patchStoredConversation(queryClient, clientId, preference.conversationId, (c) => ({
      ...c,
      isPinned,
      isMuted,
    }));
    // A pin moves the row to the top (or back in place): the lists ask the server for its order.
    void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(clientId) });
  },
  "pipeline:updated": ({ queryClient, clientId }, { stages, labels, movedConversations }) => {
    storePipeline(queryClient, clientId, { stages, labels });
    // A deleted stage or label moved chats: the lists and counts ask the server again.
    if (movedConversations > 0)
      void queryClient.invalidateQueries({ queryKey: inboxKeys.conversations(clientId) });
    else staleViewCounts(queryClient, clientId);
  },
  "note:created": (context, { note, candidateName }) => {
    const { queryClient, clientId, userId } = context;
    // A chat's notes already loaded gain it (once: the writer's own tab added it on answer).
    queryClient.setQueryData<NoteResponse[]>(inboxKeys.notes(clientId, note.conversationId), (notes) =>
      notes && !notes.some((item) => item.id === note.id) ? [...notes, note] : notes,
    );
    if (note.authorId !== userId && note.mentionedUserIds.includes(userId))
      context.onMention(note, candidateName);
  },
  "connection:updated": ({ queryClient, clientId }, { connection }) => {
    // Only a list already loaded is patched (a list made of this one connection would be wrong).
    queryClient.setQueryData<ConnectionResponse[]>(connectionKeys.list(clientId), (list) =>
      list?.some((item) => item.id === connection.id)
        ? list.map((item) => (item.id === connection.id ? connection : item))
        : list && [...list, connection],
    );
    void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
  },
  "template:updated": ({ queryClient, clientId }, { template, templateId, connectionId }) => {
    // Submitted, reviewed, paused, recategorised or deleted: the lists, pickers and its page follow.
    if (template) storeTemplate(queryClient, clientId, template);
    else dropTemplate(queryClient, clientId, templateId, connectionId);
    staleStarters(queryClient, clientId);
  },
  "webhook-endpoint:updated": ({ queryClient, clientId }, { endpoint }) => {
    // Disabled after failing for days: the settings page shows it (and why) at once.
    queryClient.setQueryData<WebhookEndpointResponse[]>(webhookKeys.endpoints(clientId), (list) =>
      replaceEndpoint(list, endpoint),
    );
  },
  "budget:crossed": ({ queryClient, clientId, userId }, { eventId: _eventId, ...notice }) => {
    // The client's budget concerns everyone; a recruiter's own, only that recruiter.
    if (notice.userId && notice.userId !== userId) return;
    queryClient.setQueryData(costKeys.notice(clientId), notice);
    void queryClient.invalidateQueries({ queryKey: costKeys.all(clientId) });
  },
  "campaign:updated": ({ queryClient, clientId }) => {
    // Scheduled, started, paused, resumed, cancelled or finished: its page and the list ask again
    // (the key is the campaigns page's own, kept here so this first bundle does not load the page).
    void queryClient.invalidateQueries({ queryKey: [clientId, "campaigns"] });
  },
};

/** Maps one domain event onto the query cache: patched in place, never refetched. */
export function applyEvent<N extends RealtimeEventName>(
  context: ApplyContext,
  name: N,
  payload: RealtimeEventPayload<N>,
): void {
  handlers[name](context, payload);
}
