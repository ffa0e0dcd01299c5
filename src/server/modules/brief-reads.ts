import { BroadcastChannel } from "node:worker_threads";
import { BriefCache, SHARED } from "../platform/brief-cache";
import type { RequestContext } from "./context";

/**
 * This process's one-second memory of what a burst of sends (or of a recruiter's requests) reads
 * every time and what rarely changes: an API key's or a session's resolution, a number
 * (connection) by id, the client's row, an approved template, a budget's setting, the rate card.
 *
 * Why one second is safe. Every change this process makes drops the client's entries at once (the
 * repositories that write these rows call `forgetBriefReads`), so a revoked key, a logout, a
 * disabled or demoted user, a suspended client, a disconnected number, a paused template or a new
 * budget holds here from the next request. Another instance (a second web process, the worker
 * applying Meta's webhooks, the `rates:set` command) does not tell this one: this process may use
 * the old row for at most one second after the change commits. In that second: a revoked or rotated
 * API key, or a client just suspended, can still queue sends (what it could do a second earlier;
 * the audit log keeps them); a session logged out, or a user disabled or demoted, through another
 * instance can still make requests with what it had a second earlier (its open sockets are closed
 * by the instance that ended it); a number Meta just disconnected, or a template Meta just paused,
 * can still be queued (the send worker reads them again and Meta refuses, as for a send queued a
 * second before the change); a new messaging limit tier or budget, or a price entered on the rate
 * card, counts from a second later. Only what is found is kept: a template, number or key created
 * elsewhere answers at once. What is counted per send (the messaging limit's usage, a budget's
 * spend, the window, opt-outs) is never cached.
 *
 * The threads of one process count as this process: a `ROLE=all` process's worker thread keeps its
 * own memory, and each thread's forgetting reaches the others (`BRIEF_READS_CHANNEL`) within a turn
 * of their event loops.
 */
export const briefReads = new BriefCache(1000);

/** The channel on which this process's threads tell each other whose entries to drop. */
export const BRIEF_READS_CHANNEL = "linkojob-brief-reads";
const otherThreads = new BroadcastChannel(BRIEF_READS_CHANNEL);
otherThreads.onmessage = (event) => briefReads.forget(String((event as { data: unknown }).data));
// Listening must not keep a process (or a thread) alive that has nothing else to do.
otherThreads.unref();

function forget(owner: string): void {
  briefReads.forget(owner);
  otherThreads.postMessage(owner);
}

/** Drops this client's entries, in every thread: call after any write to a row `briefReads` keeps. */
export function forgetBriefReads(clientId: string): void {
  forget(clientId);
}

/** Drops what every client shares (the rate card), in every thread. */
export function forgetSharedBriefReads(): void {
  forget(SHARED);
}

/**
 * The client's value under `key`, from the last second's read or loaded. Work inside its caller's
 * transaction reads for itself: that transaction may hold changes no one else should see yet.
 */
export function readBrief<T>(
  ctx: Pick<RequestContext, "clientId" | "withinTransaction">,
  key: readonly string[],
  load: () => Promise<T>,
  keep?: (value: T) => boolean,
): Promise<T> {
  if (ctx.withinTransaction) return load();
  return briefReads.read(ctx.clientId, key, load, keep);
}

/** What every client shares (the rate card), from the last second's read or loaded. */
export function readSharedBrief<T>(key: readonly string[], load: () => Promise<T>): Promise<T> {
  return briefReads.read(SHARED, key, load);
}
