import pg from "pg";
import type { Logger } from "../logger";

const MAX_BACKOFF_MS = 30_000;
const HEARTBEAT_MS = 30_000;

export interface ListenOptions {
  channel: string;
  /** Names the connection in pg_stat_activity. */
  applicationName: string;
  onPayload(payload: string | undefined): void;
  /** The connection dropped and came back: notifications sent meanwhile are lost. */
  onReconnect(): void;
}

/**
 * LISTENs on one PostgreSQL channel over a dedicated connection (a pooled one would lose LISTEN
 * when returned), reconnecting with back-off and checking the connection is alive.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private isClosed = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    private readonly options: ListenOptions,
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
      application_name: this.options.applicationName,
      keepAlive: true,
      query_timeout: 10_000,
    });
    // Until LISTEN succeeds, failures surface as this function's rejection, not as 'error' events.
    const ignore = () => undefined;
    client.on("error", ignore);
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      void client.end().catch(ignore);
      throw error;
    }
    if (this.isClosed) {
      await client.end().catch(ignore);
      return;
    }
    client.on("notification", (message) => {
      if (message.channel === this.options.channel) this.options.onPayload(message.payload);
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
    this.log.warn(
      { err: error, channel: this.options.channel },
      "listener lost its connection; reconnecting",
    );
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
      this.log.warn(
        { err: error, attempt: this.attempt, channel: this.options.channel },
        "listener could not reconnect yet",
      );
      this.scheduleReconnect();
      return;
    }
    this.attempt = 0;
    this.log.info({ channel: this.options.channel }, "listener reconnected");
    this.options.onReconnect();
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
