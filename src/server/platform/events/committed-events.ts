import type { StoredDomainEvent } from "./domain-events";

type Subscriber = (events: StoredDomainEvent[]) => void;

/**
 * Committed domain events handed from the code that recorded them to this process's sockets,
 * without a round trip through the database. PostgreSQL's notification still announces them
 * (other instances learn of them that way, and so does this one if a hand-over is missed); the
 * fan-out drops whichever copy comes second, by id. Publish only after the commit.
 */
export class CommittedEvents {
  private readonly subscribers = new Set<Subscriber>();

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  publish(events: StoredDomainEvent[]): void {
    if (events.length === 0) return;
    for (const subscriber of this.subscribers) subscriber(events);
  }
}
