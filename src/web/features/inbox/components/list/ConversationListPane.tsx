import { type RefObject, useMemo } from "react";
import { Link } from "../../../../app/Link";
import { useLocation } from "../../../../app/router";
import { EmptyState } from "../../../../ui/EmptyState";
import { useCurrentClient, visibleConnections } from "../../../clients/queries";
import type { ConversationFilter, ConversationListParams, ConversationView } from "../../api";
import { useInboxI18n } from "../../i18n";
import { messageOfSearch } from "../../model/inbox-address";
import { MIN_MESSAGE_SEARCH, useConversationList } from "../../queries";
import { CampaignFilter } from "./CampaignFilter";
import { ConversationList } from "./ConversationList";
import { InboxFilters } from "./InboxFilters";
import { ListHeader } from "./ListHeader";
import { MessageResults } from "./MessageResults";
import { PipelineFilter } from "./PipelineFilter";
import { SearchBox } from "./SearchBox";
import { ViewTabs } from "./ViewTabs";

/** The conversation column: header, search, filters and the virtualised list (or why it is empty). */
export function ConversationListPane(props: {
  currentId: string | null;
  search: string;
  onSearch(value: string): void;
  params: ConversationListParams;
  onFilter(filter: ConversationFilter | null): void;
  onView(view: ConversationView | null): void;
  onConnection(id: string | null): void;
  onCampaign(id: string | null): void;
  onPipeline(filter: { stage: string | null; label: string | null }): void;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { t, ti } = useInboxI18n();
  const client = useCurrentClient();
  const connections = client.data ? visibleConnections(client.data.connections) : null;
  const list = useConversationList(props.params);
  const conversations = useMemo(
    () => list.data?.pages.flatMap((page) => page.conversations) ?? [],
    [list.data],
  );
  // Two characters or more: the messages that match are listed under the chats.
  const searchesMessages = [...(props.params.q ?? "").trim()].length >= MIN_MESSAGE_SEARCH;
  const currentMessageId = messageOfSearch(useLocation().search);
  const address = {
    campaignId: props.params.campaignId ?? null,
    stage: props.params.stage,
    label: props.params.label,
  };
  const isFiltered = Boolean(
    props.params.q ||
      props.params.filter ||
      props.params.view ||
      props.params.campaignId ||
      props.params.stage ||
      props.params.label,
  );

  let body: React.ReactNode;
  if (list.isPending || connections === null) {
    body = <ListSkeleton />;
  } else if (list.isError) {
    body = (
      <EmptyState
        icon="warning"
        title={ti.list.loadError}
        titleId="inbox-empty-title"
        action={
          <button type="button" className="button" onClick={() => list.refetch()}>
            {t.common.retry}
          </button>
        }
      />
    );
  } else if (conversations.length > 0) {
    body = (
      <ConversationList
        conversations={conversations}
        currentId={props.currentId}
        address={address}
        hasMore={list.hasNextPage}
        isFetchingMore={list.isFetchingNextPage}
        fetchMore={list.fetchNextPage}
      />
    );
  } else if (searchesMessages) {
    body = <p className="message-results__state">{ti.list.emptyFilterTitle}</p>;
  } else if (isFiltered) {
    body = (
      <EmptyState
        icon="search"
        title={ti.list.emptyFilterTitle}
        titleId="inbox-empty-title"
        action={
          <button
            type="button"
            className="button"
            onClick={() => {
              props.onSearch("");
              props.onFilter(null);
              props.onView(null);
              props.onPipeline({ stage: null, label: null });
              if (props.params.campaignId) props.onCampaign(null);
            }}
          >
            {ti.list.clearFilters}
          </button>
        }
      >
        <p>{ti.list.emptyFilterBody}</p>
      </EmptyState>
    );
  } else if (connections.length > 0) {
    body = (
      <EmptyState icon="chat" title={t.inbox.emptyListTitle} titleId="inbox-empty-title">
        <p>{t.inbox.emptyListBody}</p>
      </EmptyState>
    );
  } else {
    body = (
      <EmptyState
        icon="phone"
        title={t.inbox.emptyConnectTitle}
        titleId="inbox-empty-title"
        action={
          <Link to="/connections" className="button button--primary">
            {t.inbox.connectCta}
          </Link>
        }
      >
        <p>{t.inbox.emptyConnectBody}</p>
      </EmptyState>
    );
  }

  return (
    <nav className="list-pane" aria-label={t.inbox.listLabel}>
      <ListHeader
        connections={connections}
        connectionId={props.params.connectionId}
        onConnectionChange={props.onConnection}
      />
      <div className="list-pane__search">
        <SearchBox ref={props.searchRef} value={props.search} onChange={props.onSearch} />
      </div>
      <ViewTabs value={props.params.view} onChange={props.onView} params={props.params} />
      <InboxFilters value={props.params.filter} onChange={props.onFilter}>
        <CampaignFilter value={props.params.campaignId ?? null} onChange={props.onCampaign} />
      </InboxFilters>
      <PipelineFilter params={props.params} onChange={props.onPipeline} />
      <div className="list-pane__body" aria-busy={list.isFetching && !list.isFetchingNextPage}>
        {searchesMessages ? (
          <>
            <h3 className="message-results__title">{ti.search.chatsHeading}</h3>
            {body}
            <MessageResults q={props.params.q ?? ""} address={address} currentMessageId={currentMessageId} />
          </>
        ) : (
          body
        )}
      </div>
    </nav>
  );
}

/** Rows in the final 72 px geometry, so nothing moves when data arrives. */
function ListSkeleton() {
  return (
    <ul className="skeleton-list" aria-hidden="true">
      {[0, 1, 2, 3, 4].map((row) => (
        <li key={row} className="skeleton-row">
          <span className="skeleton skeleton--avatar" />
          <span className="skeleton-row__lines">
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
          </span>
        </li>
      ))}
    </ul>
  );
}
