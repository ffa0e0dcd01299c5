import type { QuickReplyResponse } from "../../../../contracts/quick-replies";
import { useQuickRepliesI18n } from "../i18n";

/** A quick reply's shortcut, title and language, as the composer's list and Settings both show them. */
export function QuickReplyHeading(props: { reply: QuickReplyResponse }) {
  const { tq } = useQuickRepliesI18n();
  const { reply } = props;
  return (
    <>
      <bdi dir="ltr" className="quick-replies__shortcut">
        /{reply.shortcut}
      </bdi>
      <span className="quick-replies__title" dir="auto">
        {reply.title}
      </span>
      <span className="quick-reply-chip quick-reply-chip--static">{tq.languages[reply.language]}</span>
    </>
  );
}
