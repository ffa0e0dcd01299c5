import { randomBytes } from "node:crypto";
import type { StoredDomainEvent } from "./domain-events";

type Subscriber = (events: StoredDomainEvent[]) => void;

/**
 * Committed domain events handed from the code that recorded them to this process's sockets,
 * without a round trip through the database. PostgreSQL's notification still announces them
 * (other instances learn of them that way, and so does this one if a hand-over is missed); the
 * fan-out drops whichever copy comes second, by id. Publish only after the commit.
 *
 * The notification of events that will be handed over names `origin`, this process's own token
 * (its worker thread shares it): the fan-out gives the hand-over a moment to come before reading
 * such events back. The notification is sent at commit, and the hand-over a turn of the event loop
 * (or a thread's message) later, so without the token most of a batch's events were read back from
 * the table by the very process that had written them.
 */
export class CommittedEvents {
  private readonly subscribers = new Set<Subscriber>();

  constructor(readonly origin: string = newEventsOrigin()) {}

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  publish(events: StoredDomainEvent[]): void {
    if (events.length === 0) return;
    for (const subscriber of this.subscribers) subscriber(events);
  }
}

/** A process's token in the notifications of events it hands over: random, 12 hex characters. */
export function newEventsOrigin(): string {
  return randomBytes(6).toString("hex");
}
