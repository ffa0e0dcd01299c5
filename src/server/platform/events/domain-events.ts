import { sql } from "drizzle-orm";
import type { RealtimeEventName, ServerToClientEvents } from "../../../contracts/realtime";
import type { Db } from "../db/client";
import { domainEvents } from "../db/schema/index";

/** The channel PostgreSQL notifies (at commit, never before) with the ids of new domain events. */
export const DOMAIN_EVENTS_CHANNEL = "lj_domain_events";
const NOTIFY_CHUNK = 400;

type PayloadOf<N extends RealtimeEventName> = Omit<Parameters<ServerToClientEvents[N]>[0], "eventId">;

export interface PendingEvent<N extends RealtimeEventName = RealtimeEventName> {
  name: N;
  payload: PayloadOf<N>;
}

export function event<N extends RealtimeEventName>(name: N, payload: PayloadOf<N>): PendingEvent<N> {
  return { name, payload };
}

/**
 * Records a client's domain events inside the caller's transaction and asks PostgreSQL to notify
 * listeners with their ids. NOTIFY is delivered at commit, so sockets never see a change that
 * rolled back, and a change that committed is always announced (and replayable from the table).
 */
export async function recordEvents(tx: Db, clientId: string, events: PendingEvent[]): Promise<number[]> {
  return recordEventsOfClients(tx, [{ clientId, events }]);
}

/** The same for several clients at once (a batch of webhook deliveries): one insert, one notify. */
export async function recordEventsOfClients(
  tx: Db,
  groups: { clientId: string; events: PendingEvent[] }[],
): Promise<number[]> {
  const values = groups.flatMap(({ clientId, events }) =>
    events.map((e) => ({ clientId, type: e.name, payload: e.payload as Record<string, unknown> })),
  );
  if (values.length === 0) return [];
  const rows = await tx.insert(domainEvents).values(values).returning({ id: domainEvents.id });
  const ids = rows.map((r) => r.id);
  // A notification carries at most 8,000 bytes: announce the ids in chunks.
  for (let i = 0; i < ids.length; i += NOTIFY_CHUNK) {
    await tx.execute(
      sql`SELECT pg_notify(${DOMAIN_EVENTS_CHANNEL}, ${ids.slice(i, i + NOTIFY_CHUNK).join(",")})`,
    );
  }
  return ids;
}
