import type { ServerDeps } from "../../../deps";
import type { Db } from "../../../platform/db/client";
import type { PendingEvent } from "../../../platform/events/domain-events";
import type { MetaChange, MetaEntry } from "../delivery";
import type { MessagingWork } from "../messaging-work";

/**
 * Lookups shared by the deliveries of one processing batch (one transaction), such as which
 * connection a phone number id routes to: a burst of deliveries for a number looks it up once.
 */
export type BatchLookups = Map<string, Promise<unknown>>;

/** What a field handler gets: the change, its entry, the transaction, and where to put results. */
export interface ChangeContext {
  deps: ServerDeps;
  tx: Db;
  lookups: BatchLookups;
  entry: MetaEntry;
  change: MetaChange;
  /** Where inbound messages and statuses are gathered, to be written together for the batch. */
  messaging: MessagingWork;
  /** Domain events for a client, recorded with the delivery's transaction. */
  emit(clientId: string, events: PendingEvent[]): void;
  /** A change no client can receive (unknown number): kept on the delivery row and reported. */
  keepUnroutable(reason: string): void;
}

export type ChangeHandler = (ctx: ChangeContext) => Promise<void>;

/** The value of `load()` for `key`, loaded once per batch (a failed load is not kept). */
export function lookupOnce<T>(lookups: BatchLookups, key: string, load: () => Promise<T>): Promise<T> {
  let found = lookups.get(key) as Promise<T> | undefined;
  if (!found) {
    found = load();
    lookups.set(key, found);
    found.catch(() => lookups.delete(key));
  }
  return found;
}
