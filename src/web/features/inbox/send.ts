import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { ErrorCode } from "../../../contracts/constants";
import type { MessageContent, SendMessageBody } from "../../../contracts/messages";
import { ApiError } from "../../api/client";
import { describeError, failedWith } from "../../api/errors";
import { fetchConversation, type MessageResponse, sendMessage } from "./api";
import { inboxKeys, settleLocalMessage, storeConversation, storeMessage } from "./cache";
import { type InboxMessages, useInboxI18n } from "./i18n";
import { LOCAL_PREFIX, type MessagePages } from "./model/message-pages";
import { useIds } from "./queries";

/** What a local bubble needs to be sent again with the same key (so the server never doubles it). */
const retries = new Map<string, { body: SendMessageBody; key: string }>();

/**
 * The words for a refused send: the catalogue's for its code, except a validation failure, whose
 * server message names the field at fault (the composer's own checks make it rare).
 */
export function sendErrorText(error: unknown, ti: InboxMessages, fallback: string): string {
  return failedWith(error, ErrorCode.validationFailed) ? ti.sendErrors.validation(error.message) : fallback;
}

function localMessage(
  id: string,
  conversationId: string,
  userId: string,
  content: MessageContent,
  replyTo: MessageResponse | null,
): MessageResponse {
  return {
    id,
    conversationId,
    direction: "outbound",
    wamid: null,
    type: content.type,
    content,
    status: "queued",
    context: replyTo?.wamid
      ? { replyToWamid: replyTo.wamid, isForwarded: false, isFrequentlyForwarded: false }
      : null,
    referral: null,
    reactions: [],
    error: null,
    pricing: null,
    senderUserId: userId,
    automation: null,
    origin: null,
    occurredAt: new Date().toISOString(),
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
  };
}

/**
 * Sends into an open conversation: the bubble appears at once with its clock, under a fresh key that
 * is both the idempotency key and the local id; the server's answer replaces it. A refused or lost
 * send stays as a failed bubble with the reason, and "retry" reuses its key.
 */
export function useSend(conversationId: string) {
  const { clientId, userId } = useIds();
  const queryClient = useQueryClient();
  const { t, ti, fmt } = useInboxI18n();

  const run = useCallback(
    async (localId: string, body: SendMessageBody, key: string) => {
      try {
        const message = await sendMessage(body, key);
        retries.delete(localId);
        settleLocalMessage(queryClient, clientId, conversationId, localId, message);
        storeMessage(queryClient, clientId, message);
        return message;
      } catch (error) {
        retries.set(localId, { body, key });
        const explanation = sendErrorText(error, ti, describeError(error, t, fmt));
        const code = error instanceof ApiError ? error.code : "network_error";
        queryClient.setQueryData<MessagePages>(
          inboxKeys.messages(clientId, conversationId),
          (data) =>
            data && {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                messages: page.messages.map((m) =>
                  m.id === localId
                    ? {
                        ...m,
                        status: "failed",
                        error: { code: null, title: code, details: null, explanation },
                      }
                    : m,
                ),
              })),
            },
        );
        return null;
      }
    },
    [queryClient, clientId, conversationId, t, ti, fmt],
  );

  const send = useCallback(
    (
      input: Omit<SendMessageBody, "conversationId">,
      content: MessageContent,
      replyTo: MessageResponse | null,
    ) => {
      const key = crypto.randomUUID();
      const localId = `${LOCAL_PREFIX}${key}`;
      const body: SendMessageBody = {
        ...input,
        conversationId,
        ...(replyTo ? { replyToMessageId: replyTo.id } : {}),
      };
      storeMessage(queryClient, clientId, localMessage(localId, conversationId, userId, content, replyTo));
      return run(localId, body, key);
    },
    [queryClient, clientId, conversationId, userId, run],
  );

  /** Sends a failed local bubble again under its own key; false when it is not a local one. */
  const retry = useCallback(
    (localId: string) => {
      const pending = retries.get(localId);
      if (!pending) return false;
      queryClient.setQueryData<MessagePages>(
        inboxKeys.messages(clientId, conversationId),
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              messages: page.messages.map((m) =>
                m.id === localId ? { ...m, status: "queued", error: null } : m,
              ),
            })),
          },
      );
      void run(localId, pending.body, pending.key);
      return true;
    },
    [queryClient, clientId, conversationId, run],
  );

  return { send, retry };
}

/** After a first template to a new candidate: the conversation it created, into the caches. */
export function useStoreSent() {
  const { clientId, userId } = useIds();
  const queryClient = useQueryClient();
  return useCallback(
    (message: MessageResponse) => {
      storeMessage(queryClient, clientId, message);
      void queryClient
        .fetchQuery({
          queryKey: inboxKeys.detail(clientId, message.conversationId),
          queryFn: () => fetchConversation(message.conversationId),
        })
        .then((conversation) => storeConversation(queryClient, clientId, userId, conversation))
        .catch(() => undefined);
    },
    [queryClient, clientId, userId],
  );
}
