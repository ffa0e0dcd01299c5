import type { ServerDeps } from "../../../deps";
import type { Db } from "../../../platform/db/client";
import type { PendingEvent } from "../../../platform/events/domain-events";
import type { MetaChange, MetaEntry } from "../delivery";

/** What a field handler gets: the change, its entry, the transaction, and where to put results. */
export interface ChangeContext {
  deps: ServerDeps;
  tx: Db;
  entry: MetaEntry;
  change: MetaChange;
  /** Domain events for a client, recorded with the delivery's transaction. */
  emit(clientId: string, events: PendingEvent[]): void;
  /** A change no client can receive (unknown number): kept on the delivery row and reported. */
  keepUnroutable(reason: string): void;
}

export type ChangeHandler = (ctx: ChangeContext) => Promise<void>;
