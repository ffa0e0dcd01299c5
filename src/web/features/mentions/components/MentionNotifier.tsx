import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { NoteResponse } from "../../../../contracts/conversations";
import { Link } from "../../../app/Link";
import { onMention } from "../../../realtime/RealtimeProvider";
import { Icon } from "../../../ui/Icon";
import { useRequiredSession } from "../../auth/queries";
import { useInboxI18n } from "../../inbox/i18n";
import { showBrowserNotification } from "../../inbox/notifications";
import { useUsers } from "../../team/queries";
import { mentionKeys } from "../queries";
import "./mentions.css";

/** How long the in-app notice stays (it stays while hovered or focused). */
const NOTICE_MS = 10_000;

/**
 * A colleague's note that mentions the user, live: the bell's count goes up, a notice in the page
 * says who and where (with a link to the chat), and, while the tab is in the background, a browser
 * notification (if allowed) does the same.
 */
export function MentionNotifier() {
  const { t, ti } = useInboxI18n();
  const queryClient = useQueryClient();
  const { client, user } = useRequiredSession();
  const users = useUsers();
  const [notice, setNotice] = useState<{ note: NoteResponse; author: string; candidate: string } | null>(
    null,
  );
  const [held, setHeld] = useState(false);
  const team = users.data?.users;

  useEffect(
    () =>
      onMention((note, candidateName) => {
        void queryClient.invalidateQueries({ queryKey: mentionKeys.list(client.id, user.id) });
        const author = team?.find((u) => u.id === note.authorId)?.name ?? ti.chat.teammate;
        setNotice({ note, author, candidate: candidateName });
        if (document.visibilityState !== "visible")
          showBrowserNotification({
            title: t.mentions.notice(author, candidateName),
            body: note.body.slice(0, 140),
            tag: `mention-${note.id}`,
            conversationId: note.conversationId,
          });
      }),
    [queryClient, client.id, user.id, team, t, ti],
  );

  useEffect(() => {
    if (!notice || held) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, held]);

  return (
    <div className="mention-notice-region" role="status" aria-live="polite">
      {notice ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: hovering only holds the notice open
        <div
          className="mention-notice"
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={() => setHeld(false)}
        >
          <Icon name="at" size={20} />
          <p className="mention-notice__text">
            <bdi>{t.mentions.notice(notice.author, notice.candidate)}</bdi>
          </p>
          <Link
            to={`/inbox/${encodeURIComponent(notice.note.conversationId)}`}
            className="button button--small"
            onClick={() => setNotice(null)}
          >
            {t.mentions.open}
          </Link>
          <button
            type="button"
            className="icon-button"
            aria-label={t.mentions.dismiss}
            title={t.mentions.dismiss}
            onClick={() => setNotice(null)}
          >
            <Icon name="close" size={18} />
          </button>
        </div>
      ) : null}
    </div>
  );
}
