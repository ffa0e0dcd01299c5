import { Link } from "../../../../app/Link";
import type { MessageSearchHit } from "../../api";
import { useNow } from "../../hooks/useNow";
import { useInboxI18n } from "../../i18n";
import { type InboxAddressFilters, inboxPath } from "../../model/inbox-address";
import { formatPhone } from "../../model/phone";
import { useMessageSearch } from "../../queries";

/**
 * The inbox search's messages, under the chats (as WhatsApp Web lists them): each the candidate,
 * the time and the matched words marked in a snippet; opening one opens its chat at that message.
 */
export function MessageResults(props: {
  q: string;
  address: InboxAddressFilters;
  currentMessageId: string | null;
}) {
  const { ti, ifmt } = useInboxI18n();
  const now = useNow();
  const search = useMessageSearch(props.q);
  const results = search.data?.pages.flatMap((page) => page.results) ?? [];

  let body: React.ReactNode;
  if (search.isPending) body = <p className="message-results__state">{ti.search.messagesLoading}</p>;
  else if (search.isError)
    body = (
      <p className="message-results__state" role="alert">
        {ti.search.messagesError}
      </p>
    );
  else if (results.length === 0) body = <p className="message-results__state">{ti.search.noMessages}</p>;
  else
    body = (
      <ul className="message-results__list">
        {results.map((hit) => (
          <li key={hit.messageId}>
            <Result
              hit={hit}
              href={inboxPath(hit.conversationId, props.address, hit.messageId)}
              time={ifmt.listTime(hit.occurredAt, now)}
              isCurrent={hit.messageId === props.currentMessageId}
            />
          </li>
        ))}
      </ul>
    );

  return (
    <section
      className="message-results"
      aria-labelledby="message-results-title"
      aria-busy={search.isFetching}
    >
      <h3 id="message-results-title" className="message-results__title">
        {ti.search.messagesHeading}
      </h3>
      {body}
      {search.hasNextPage ? (
        <button
          type="button"
          className="button button--quiet message-results__more"
          disabled={search.isFetchingNextPage}
          onClick={() => void search.fetchNextPage()}
        >
          {ti.search.moreMessages}
        </button>
      ) : null}
    </section>
  );
}

function Result(props: { hit: MessageSearchHit; href: string; time: string; isCurrent: boolean }) {
  const { ti } = useInboxI18n();
  const { hit } = props;
  const name =
    hit.contact.displayName === hit.contact.phone
      ? formatPhone(hit.contact.displayName)
      : hit.contact.displayName;
  return (
    <Link to={props.href} className="message-result" aria-current={props.isCurrent ? "true" : undefined}>
      <span className="message-result__top">
        <bdi className="message-result__name">{name}</bdi>
        <span className="message-result__time">{props.time}</span>
      </span>
      <span className="message-result__snippet" dir="auto">
        {hit.direction === "outbound" ? <span className="message-result__you">{ti.search.you}</span> : null}
        {hit.snippet.map((part, index) =>
          part.isMatch ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never move
            <mark key={index}>{part.text}</mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never move
            <span key={index}>{part.text}</span>
          ),
        )}
      </span>
    </Link>
  );
}
