import { useEffect } from "react";
import { onIncoming } from "../../../realtime/RealtimeProvider";
import { useInboxI18n } from "../i18n";
import { summaryText } from "../model/preview";
import { notifyIncoming } from "../notifications";

/** Turns every candidate message that arrives while the tab is hidden into a badge, notification and chime. */
export function IncomingNotifier() {
  const { ti } = useInboxI18n();
  useEffect(
    () =>
      onIncoming((message, conversation) => {
        const summary = summaryText(message.content);
        const body =
          summary.kind === "text" ? summary.text : `${ti.list.kinds[summary.kind]} ${summary.text}`.trim();
        notifyIncoming({
          title: ti.notifications.newMessage(conversation.contact.displayName),
          body: body.slice(0, 140),
          conversationId: conversation.id,
        });
      }),
    [ti],
  );
  return null;
}
