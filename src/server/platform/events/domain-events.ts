import { sql } from "drizzle-orm";
import type { RealtimeEventName, RealtimeEventPayload } from "../../../contracts/realtime";
import type { Db } from "../db/client";
import { domainEvents } from "../db/schema/index";
import { type PendingWebhookEvent, recordWebhookEvents, webhookEventsOf } from "./webhook-outbox";

/**
 * The channel PostgreSQL notifies (at commit, never before) with the ids of new domain events:
 * `1,2,3`, or `origin:1,2,3` when the process of that origin hands them over to its own sockets
 * (`CommittedEvents`).
 */
export const DOMAIN_EVENTS_CHANNEL = "lj_domain_events";
const NOTIFY_CHUNK = 400;

/** A notification's ids, and the origin that hands them over in-process (null: none does). */
export function parseNotification(payload: string | undefined): { origin: string | null; ids: number[] } {
  if (!payload) return { origin: null, ids: [] };
  const colon = payload.indexOf(":");
  const ids = (colon < 0 ? payload : payload.slice(colon + 1))
    .split(",")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
  return { origin: colon < 0 ? null : payload.slice(0, colon), ids };
}

type PayloadOf<N extends RealtimeEventName> = Omit<RealtimeEventPayload<N>, "eventId">;

/** A domain event for the dashboards, also announced to the client's webhook endpoints when it maps to one. */
export interface PendingRealtimeEvent<N extends RealtimeEventName = RealtimeEventName> {
  name: N;
  payload: PayloadOf<N>;
  /** False: the dashboards only (a media download finishing is not a status to announce outside). */
  toWebhooks?: false;
}

/** What a change records in its transaction: a domain event, or an event for webhook endpoints only. */
export type PendingEvent<N extends RealtimeEventName = RealtimeEventName> =
  | PendingRealtimeEvent<N>
  | PendingWebhookEvent;

export function event<N extends RealtimeEventName>(
  name: N,
  payload: PayloadOf<N>,
  options: { toWebhooks?: false } = {},
): PendingRealtimeEvent<N> {
  return { name, payload, ...options };
}

/** A domain event as stored: what the fan-out emits, to its client's room only. */
export interface StoredDomainEvent {
  id: number;
  clientId: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Records a client's domain events inside the caller's transaction and asks PostgreSQL to notify
 * listeners with their ids. NOTIFY is delivered at commit, so sockets never see a change that
 * rolled back, and a change that committed is always announced (and replayable from the table).
 */
export async function recordEvents(
  tx: Db,
  clientId: string,
  events: PendingEvent[],
): Promise<StoredDomainEvent[]> {
  return recordEventsOfClients(tx, [{ clientId, events }]);
}

interface StoredRow {
  id: string | number;
  client_id: string;
  type: string;
  payload: Record<string, unknown> | string;
  created_at: Date | string;
}

/**
 * The same for several clients at once (a batch of webhook deliveries). One statement, one round
 * trip: it inserts the events in the order given, notifies their ids (a notification carries at
 * most 8,000 bytes, so in chunks of 400), and returns the rows as stored, for a process that can
 * hand them to its own sockets once the transaction commits. The events the clients' webhook
 * endpoints subscribe to are queued for them in the same transaction (`webhook-outbox.ts`).
 * `handedOverBy`: the origin of the process that will hand the rows to its sockets after the
 * commit (`CommittedEvents.origin`), named in the notification.
 */
export async function recordEventsOfClients(
  tx: Db,
  groups: { clientId: string; events: PendingEvent[] }[],
  handedOverBy?: string,
): Promise<StoredDomainEvent[]> {
  await recordWebhookEvents(
    tx,
    groups.map(({ clientId, events }) => ({ clientId, events: events.flatMap(webhookEventsOf) })),
  );
  const values = groups.flatMap(({ clientId, events }) =>
    events.flatMap((e) =>
      e.name === "webhook" ? [] : [{ client_id: clientId, type: e.name, payload: e.payload }],
    ),
  );
  if (values.length === 0) return [];
  const result = (await tx.execute(sql`
    WITH given AS (
      SELECT * FROM ROWS FROM (
        jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS (client_id uuid, type text, payload jsonb)
      ) WITH ORDINALITY AS g(client_id, type, payload, n)
    ), inserted AS (
      INSERT INTO ${domainEvents} (client_id, type, payload)
      SELECT client_id, type, payload FROM given ORDER BY n
      RETURNING id, client_id, type, payload, created_at
    ), notified AS (
      SELECT pg_notify(${DOMAIN_EVENTS_CHANNEL}, ${handedOverBy ? `${handedOverBy}:` : ""} || string_agg(id::text, ',' ORDER BY id))
      FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${sql.raw(String(NOTIFY_CHUNK))} AS chunk FROM inserted) ids
      GROUP BY chunk
    )
    -- A CTE that only reads runs only when referenced: counting its rows is what sends the notifications.
    SELECT inserted.*, (SELECT count(*) FROM notified) AS notifications FROM inserted ORDER BY id
  `)) as unknown as { rows: StoredRow[] };
  return result.rows.map((row) => ({
    id: Number(row.id),
    clientId: row.client_id,
    type: row.type,
    payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload,
    createdAt: new Date(row.created_at),
  }));
}
