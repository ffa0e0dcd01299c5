import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import type { PendingEvent } from "../../platform/events/domain-events";
import type { MetaChange, MetaEntry } from "./delivery";

/** One change of a delivery, with its entry and its field (`"(none)"` when Meta sent none). */
export interface WebhookChange {
  field: string;
  entry: MetaEntry;
  change: MetaChange;
}

/** What handling a change produced: each client's domain events, and the changes no client holds. */
export interface HandlerResult {
  events: Map<string, PendingEvent[]>;
  /** Why a change could not be routed (an unknown number or account): kept on its delivery, counted. */
  unroutable: string[];
}

/** A field's handler for one processing batch, working in the batch's transaction. */
export interface BatchFieldHandler {
  /** Handles one change, or gathers it for `finish`. */
  handle(change: WebhookChange): Promise<HandlerResult>;
  /** Writes what `handle` gathered, once for the whole batch; returns each client's events. */
  finish?(): Promise<Map<string, PendingEvent[]>>;
}

/**
 * How a module takes the webhook fields it owns. `forBatch` is told every change of its fields in
 * the batch before any is handled, so that it can look up what they need in one query.
 */
export interface FieldHandler {
  fields: readonly string[];
  forBatch(deps: ServerDeps, tx: Db, changes: WebhookChange[]): Promise<BatchFieldHandler>;
}

export const handled = (): HandlerResult => ({ events: new Map(), unroutable: [] });
export const unroutable = (reason: string): HandlerResult => ({ events: new Map(), unroutable: [reason] });

/** A handler whose changes are each handled on their own, at once. */
export function eachChange(
  fields: readonly string[],
  handle: (deps: ServerDeps, tx: Db, change: WebhookChange) => Promise<HandlerResult>,
): FieldHandler {
  return { fields, forBatch: async (deps, tx) => ({ handle: (change) => handle(deps, tx, change) }) };
}
