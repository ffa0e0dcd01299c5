import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { onIncoming } from "../../../realtime/RealtimeProvider";
import { isMutedForMe } from "../cache";
import { useInboxI18n } from "../i18n";
import { summaryText } from "../model/preview";
import { notifyIncoming } from "../notifications";
import { useIds } from "../queries";

/** Turns every candidate message that arrives while the tab is hidden into a badge, notification and chime. */
export function IncomingNotifier() {
  const { ti } = useInboxI18n();
  const queryClient = useQueryClient();
  const { clientId } = useIds();
  useEffect(
    () =>
      onIncoming((message, conversation) => {
        // Muted by this user: no badge, notification or chime (the list still shows the message).
        if (isMutedForMe(queryClient, clientId, conversation.id)) return;
        const summary = summaryText(message.content);
        const body =
          summary.kind === "text" ? summary.text : `${ti.list.kinds[summary.kind]} ${summary.text}`.trim();
        notifyIncoming({
          title: ti.notifications.newMessage(conversation.contact.displayName),
          body: body.slice(0, 140),
          conversationId: conversation.id,
        });
      }),
    [ti, queryClient, clientId],
  );
  return null;
}
