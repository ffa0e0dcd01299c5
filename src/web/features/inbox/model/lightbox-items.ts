import type { MessageResponse } from "../api";
import { isLocal } from "./message-pages";

/** The lightbox's loaded window of the chat's photos and videos (as `GET …/media` answers it). */
export interface MediaWindow {
  items: MessageResponse[];
  /** The first item's place among all the chat's photos and videos, from 1. */
  firstPosition: number;
  total: number;
}

const isViewable = (message: MessageResponse) =>
  (message.content.type === "image" || message.content.type === "video") && !isLocal(message);

const isAfter = (a: MessageResponse, b: MessageResponse) =>
  a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id);

/**
 * The window with the chat as it now is (its live messages, oldest first): each item as last
 * heard of, and, when the window reaches the chat's last photo, the photos and videos that arrived
 * since appended and counted. Nothing moves before the items already there, so the one being
 * looked at keeps its place; a window short of the end leaves them to the next load.
 */
export function withLiveMedia(page: MediaWindow, live: MessageResponse[]): MediaWindow {
  const last = page.items.at(-1);
  if (!last) return page;
  const latest = new Map(live.map((message) => [message.id, message]));
  const items = page.items.map((item) => latest.get(item.id) ?? item);
  const reachesEnd = page.firstPosition + page.items.length - 1 >= page.total;
  if (!reachesEnd) return { ...page, items };
  const known = new Set(items.map((item) => item.id));
  const arrived = live
    .filter((message) => isViewable(message) && !known.has(message.id) && isAfter(message, last))
    .sort((a, b) => (isAfter(a, b) ? 1 : -1));
  return { ...page, items: [...items, ...arrived], total: page.total + arrived.length };
}
