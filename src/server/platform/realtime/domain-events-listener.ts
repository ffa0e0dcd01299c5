import type { PGlite } from "@electric-sql/pglite";
import type { Database } from "../db/client";
import { PgListener } from "../db/pg-listener";
import { DOMAIN_EVENTS_CHANNEL, parseNotification } from "../events/domain-events";
import type { Logger } from "../logger";

export interface ListenerHandlers {
  /**
   * Ids of domain events just committed (one NOTIFY: one transaction's events), and the origin of
   * the process that hands them over in-process (null: none does).
   */
  onIds(ids: number[], origin: string | null): void;
  /** The connection dropped and came back: notifications sent meanwhile are lost, replay them. */
  onGap(): void;
}

export interface DomainEventsListener {
  close(): Promise<void>;
}

/** Names the listener's connection in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "linkojob-realtime-listener";

function announce(handlers: ListenerHandlers, payload: string | undefined): void {
  const { ids, origin } = parseNotification(payload);
  handlers.onIds(ids, origin);
}

/** The PGlite instance under Drizzle, when the app runs on the embedded database. */
function pgliteOf(database: Database): PGlite | null {
  if (database.kind !== "pglite") return null;
  const client = Reflect.get(database.db, "$client") as PGlite | undefined;
  return typeof client?.listen === "function" ? client : null;
}

/**
 * Listens on PostgreSQL's domain-events channel. On a server, a dedicated connection (a pooled one
 * would lose LISTEN when returned) that reconnects with back-off; on PGlite, its in-process listen,
 * which delivers a transaction's NOTIFY at commit and nothing on rollback, like the server.
 */
export async function listenForDomainEvents(
  database: Database,
  connectionString: string | undefined,
  log: Logger,
  handlers: ListenerHandlers,
): Promise<DomainEventsListener> {
  if (database.kind === "pglite") {
    const pglite = pgliteOf(database);
    if (!pglite) throw new Error("PGlite database without its client: cannot listen for domain events");
    const unlisten = await pglite.listen(DOMAIN_EVENTS_CHANNEL, (payload) => announce(handlers, payload));
    return { close: () => unlisten() };
  }
  if (!connectionString) throw new Error("PostgreSQL database without a connection string: cannot listen");
  const listener = new PgListener(connectionString, log, {
    channel: DOMAIN_EVENTS_CHANNEL,
    applicationName: LISTENER_APPLICATION_NAME,
    onPayload: (payload) => announce(handlers, payload),
    onReconnect: () => handlers.onGap(),
  });
  await listener.start();
  return listener;
}
