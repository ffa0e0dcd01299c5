import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { navigate } from "../../../../app/router";
import { usePipelineI18n } from "../../../pipeline/i18n";
import { useLabels, useStages } from "../../../pipeline/queries";
import { useUsers } from "../../../team/queries";
import type { ConversationResponse } from "../../api";
import { useNow } from "../../hooks/useNow";
import { useInboxI18n } from "../../i18n";
import { useStatusI18n } from "../../i18n/status";
import { type InboxAddressFilters, inboxPath } from "../../model/inbox-address";
import { useCampaignNames } from "../../queries";
import { ConversationRow } from "./ConversationRow";

const ROW = 72;

/**
 * The virtualised list: fixed 72 px rows, the next page fetched at 80 %, a roving tab stop (↑/↓,
 * Home/End, Enter), and the viewport held still when a chat jumps to the top while scrolled down.
 */
export function ConversationList(props: {
  conversations: ConversationResponse[];
  currentId: string | null;
  /** The campaign the list is filtered on: opening a chat keeps the filter. */
  /** The filters the list's links carry, so they stay while chats are opened. */
  address: InboxAddressFilters;
  hasMore: boolean;
  isFetchingMore: boolean;
  fetchMore(): void;
}) {
  const { conversations, currentId, hasMore } = props;
  const { ti, ifmt } = useInboxI18n();
  const statusText = useStatusI18n().row;
  const pipelineText = usePipelineI18n();
  const stages = useStages().data;
  const labels = useLabels().data;
  const stageById = useMemo(() => new Map((stages ?? []).map((stage) => [stage.id, stage])), [stages]);
  const labelById = useMemo(() => new Map((labels ?? []).map((label) => [label.id, label])), [labels]);
  const now = useNow();
  const users = useUsers();
  const names = useMemo(
    () => new Map((users.data?.users ?? []).map((user) => [user.id, user.name])),
    [users.data],
  );
  const campaignIds = useMemo(
    () => [...new Set(conversations.map((item) => item.campaignId))],
    [conversations],
  );
  const campaignNames = useCampaignNames(campaignIds);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const [updatesAbove, setUpdatesAbove] = useState(0);

  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 8,
    getItemKey: (index) => conversations[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !props.isFetchingMore && lastIndex >= conversations.length * 0.8 - 1) props.fetchMore();
  }, [hasMore, props.isFetchingMore, lastIndex, conversations.length, props.fetchMore]);

  // Hold the viewport: the row at the top of the view stays there when rows are added above it.
  const anchor = useRef<{ id: string; index: number } | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const previous = anchor.current;
    if (element && previous && element.scrollTop > ROW / 2) {
      const index = conversations.findIndex((item) => item.id === previous.id);
      const moved = index - previous.index;
      if (index !== -1 && moved > 0) {
        element.scrollTop += moved * ROW;
        setUpdatesAbove((count) => count + moved);
      }
    }
    const top = element ? Math.floor(element.scrollTop / ROW) : 0;
    const item = conversations[top];
    anchor.current = item ? { id: item.id, index: top } : null;
  }, [conversations]);

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const top = Math.floor(element.scrollTop / ROW);
    const item = conversations[top];
    anchor.current = item ? { id: item.id, index: top } : null;
    if (element.scrollTop < ROW / 2) setUpdatesAbove(0);
  }, [conversations]);

  const focusRow = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(conversations.length - 1, index));
      setFocusIndex(target);
      virtualizer.scrollToIndex(target, { align: "auto" });
      requestAnimationFrame(() =>
        scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${target}"]`)?.focus(),
      );
    },
    [conversations.length, virtualizer],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const keys: Record<string, number> = {
      ArrowDown: focusIndex + 1,
      ArrowUp: focusIndex - 1,
      Home: 0,
      End: conversations.length - 1,
    };
    const next = keys[event.key];
    if (next === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    focusRow(next);
  }

  // The open chat's row is the tab stop when there is one.
  const currentIndex = currentId ? conversations.findIndex((item) => item.id === currentId) : -1;
  useEffect(() => {
    if (currentIndex >= 0) setFocusIndex(currentIndex);
  }, [currentIndex]);
  const tabStop = Math.min(focusIndex, Math.max(0, conversations.length - 1));

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move a roving focus between the row links inside
    <div className="list-scroll" ref={scrollRef} onScroll={onScroll} onKeyDown={onKeyDown}>
      {updatesAbove > 0 ? (
        <button
          type="button"
          className="updates-pill"
          onClick={() => {
            scrollRef.current?.scrollTo({ top: 0 });
            setUpdatesAbove(0);
          }}
        >
          ↑ {ti.list.updatesAbove(updatesAbove, ifmt.number(updatesAbove))}
        </button>
      ) : null}
      <ul className="list-rows" style={{ blockSize: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const conversation = conversations[item.index];
          if (!conversation) return null;
          return (
            <li
              key={item.key}
              className="list-rows__item"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <ConversationRow
                conversation={conversation}
                href={inboxPath(conversation.id, props.address)}
                campaignName={
                  conversation.campaignId ? (campaignNames.get(conversation.campaignId) ?? null) : null
                }
                isCurrent={conversation.id === currentId}
                isFocusable={item.index === tabStop}
                now={now}
                ti={ti}
                statusText={statusText}
                pipelineText={pipelineText}
                stage={conversation.stageId ? stageById.get(conversation.stageId) : undefined}
                labels={conversation.labelIds.flatMap((id) => labelById.get(id) ?? [])}
                ifmt={ifmt}
                assigneeName={conversation.assigneeId ? (names.get(conversation.assigneeId) ?? "…") : null}
                posInSet={item.index + 1}
                setSize={hasMore ? -1 : conversations.length}
                onFocusRow={setFocusIndex}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Alt+↓/↑ opens the next or previous chat from anywhere in the inbox. */
export function stepConversation(
  conversations: ConversationResponse[],
  currentId: string | null,
  step: 1 | -1,
  address: Partial<InboxAddressFilters> = {},
) {
  const index = currentId ? conversations.findIndex((item) => item.id === currentId) : -1;
  const next = conversations[Math.max(0, Math.min(conversations.length - 1, index + step))];
  if (next) navigate(inboxPath(next.id, address));
}
