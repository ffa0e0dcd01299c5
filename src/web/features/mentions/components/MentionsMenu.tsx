import { useEffect } from "react";
import { Link } from "../../../app/Link";
import { Icon } from "../../../ui/Icon";
import { Popover } from "../../../ui/Popover";
import { useNow } from "../../inbox/hooks/useNow";
import { useInboxI18n } from "../../inbox/i18n";
import { useUsers } from "../../team/queries";
import { useMarkMentionsSeen, useMentions } from "../queries";
import "./mentions.css";

/**
 * The rail's bell: the notes where colleagues @mentioned the user, newest first, with a badge for
 * those since they last looked. Opening the list marks them seen; each opens its chat.
 */
export function MentionsMenu() {
  const { t } = useInboxI18n();
  const mentions = useMentions();
  const newCount = mentions.data?.newCount ?? 0;
  return (
    <Popover
      label={newCount > 0 ? t.mentions.buttonNew(newCount) : t.mentions.button}
      placement="rail"
      buttonClassName="rail__button rail__mentions"
      button={
        <>
          <Icon name="at" size={22} />
          {newCount > 0 ? (
            <span className="rail__badge" aria-hidden="true">
              {newCount > 99 ? "99+" : newCount}
            </span>
          ) : null}
        </>
      }
    >
      {(close) => <MentionsPanel close={close} />}
    </Popover>
  );
}

/** The open list; what it shows is marked seen once it is open. */
function MentionsPanel({ close }: { close(): void }) {
  const { t, ti, ifmt } = useInboxI18n();
  const now = useNow();
  const mentions = useMentions();
  const users = useUsers();
  const { mutate: markSeen } = useMarkMentionsSeen();
  const newCount = mentions.data?.newCount ?? 0;
  useEffect(() => {
    if (newCount > 0) markSeen();
  }, [newCount, markSeen]);
  const nameOf = (id: string | null) =>
    users.data?.users.find((user) => user.id === id)?.name ?? ti.chat.teammate;
  return (
    <section className="mentions" aria-labelledby="mentions-title">
      <h2 id="mentions-title" className="mentions__title">
        {t.mentions.title}
      </h2>
      {mentions.isError ? (
        <p className="alert alert--danger" role="alert">
          {t.mentions.loadError}
        </p>
      ) : mentions.data && mentions.data.mentions.length === 0 ? (
        <p className="mentions__empty">{t.mentions.empty}</p>
      ) : (
        <ul className="mentions__list">
          {(mentions.data?.mentions ?? []).map(({ note, candidateName, isNew }) => (
            <li key={note.id}>
              <Link
                to={`/inbox/${encodeURIComponent(note.conversationId)}`}
                className={`mentions__item${isNew ? " mentions__item--new" : ""}`}
                data-popover-item
                onClick={() => close()}
              >
                <span className="mentions__head">
                  <bdi>{t.mentions.item(nameOf(note.authorId), candidateName)}</bdi>
                  <time dateTime={note.createdAt} title={ifmt.full(note.createdAt)}>
                    {ifmt.listTime(note.createdAt, now)}
                  </time>
                </span>
                <span className="mentions__body" dir="auto">
                  {note.body.length > 140 ? `${note.body.slice(0, 140)}…` : note.body}
                </span>
                {isNew ? <span className="visually-hidden">{t.mentions.isNew}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
