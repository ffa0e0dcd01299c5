import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Database } from "../db/client";
import { DOMAIN_EVENTS_CHANNEL } from "../events/domain-events";
import type { Logger } from "../logger";

export interface ListenerHandlers {
  /** Ids of domain events just committed (one NOTIFY: one transaction's events). */
  onIds(ids: number[]): void;
  /** The connection dropped and came back: notifications sent meanwhile are lost, replay them. */
  onGap(): void;
}

export interface DomainEventsListener {
  close(): Promise<void>;
}

/** Names the listener's connection in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "linkojob-realtime-listener";

const MAX_BACKOFF_MS = 30_000;
const HEARTBEAT_MS = 30_000;

function parseIds(payload: string | undefined): number[] {
  if (!payload) return [];
  return payload
    .split(",")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}

/** The PGlite instance under Drizzle, when the app runs on the embedded database. */
function pgliteOf(database: Database): PGlite | null {
  const client: unknown = Reflect.get(database.db, "$client");
  return client instanceof PGlite ? client : null;
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
    const unlisten = await pglite.listen(DOMAIN_EVENTS_CHANNEL, (payload) =>
      handlers.onIds(parseIds(payload)),
    );
    return { close: () => unlisten() };
  }
  if (!connectionString) throw new Error("PostgreSQL database without a connection string: cannot listen");
  const listener = new PgListener(connectionString, log, handlers);
  await listener.start();
  return listener;
}

class PgListener implements DomainEventsListener {
  private client: pg.Client | null = null;
  private isClosed = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    private readonly handlers: ListenerHandlers,
  ) {}

  /** The first connection must succeed: a server that cannot listen would silently never push. */
  async start(): Promise<void> {
    await this.connect();
    // A half-open TCP connection raises no error; a periodic query finds it.
    this.heartbeat = setInterval(() => void this.checkAlive(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      query_timeout: 10_000,
    });
    // Until LISTEN succeeds, failures surface as this function's rejection, not as 'error' events.
    const ignore = () => undefined;
    client.on("error", ignore);
    try {
      await client.connect();
      await client.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    } catch (error) {
      void client.end().catch(ignore);
      throw error;
    }
    if (this.isClosed) {
      await client.end().catch(ignore);
      return;
    }
    client.on("notification", (message) => {
      if (message.channel === DOMAIN_EVENTS_CHANNEL) this.handlers.onIds(parseIds(message.payload));
    });
    let isDropped = false;
    const drop = (error?: Error) => {
      if (isDropped) return;
      isDropped = true;
      this.dropped(client, error);
    };
    client.off("error", ignore);
    client.on("error", drop);
    client.on("end", () => drop());
    this.client = client;
  }

  private dropped(client: pg.Client, error: Error | undefined): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (this.isClosed) return;
    this.log.warn({ err: error }, "domain events listener lost its connection; reconnecting");
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    // Exponential back-off with jitter, so many instances do not reconnect in step after an outage.
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.isClosed) return;
    try {
      await this.connect();
    } catch (error) {
      this.log.warn({ err: error, attempt: this.attempt }, "domain events listener could not reconnect yet");
      this.scheduleReconnect();
      return;
    }
    this.attempt = 0;
    this.log.info("domain events listener reconnected; replaying what it may have missed");
    this.handlers.onGap();
  }

  private async checkAlive(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await client.query("SELECT 1");
    } catch (error) {
      if (this.client === client)
        client.emit("error", error instanceof Error ? error : new Error(String(error)));
    }
  }
}
