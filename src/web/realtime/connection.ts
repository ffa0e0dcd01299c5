import { io, type Socket } from "socket.io-client";
import type {
  CatchUpPage,
  ClientToServerEvents,
  RealtimeEventName,
  RealtimeEventPayload,
  ServerToClientEvents,
} from "../../contracts/realtime";
import { EventLog } from "./event-log";
import { setTyping } from "./typing-store";

export type RealtimeStatus = "connecting" | "connected" | "disconnected";

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RealtimeHandlers {
  /** A domain event not seen before, live or from a catch-up. */
  apply<N extends RealtimeEventName>(name: N, payload: RealtimeEventPayload<N>): void;
  /** The tab missed events it cannot replay: refetch what is on screen. */
  refetch(): void;
  /** The session ended (refused socket or revoked): re-check it over HTTP. */
  sessionEnded(): void;
}

/** Every domain event the tab listens to; a new one in the contract fails the typecheck until listed. */
const LISTENED: Record<RealtimeEventName, true> = {
  "message:received": true,
  "message:created": true,
  "message:status": true,
  "conversation:updated": true,
  "conversation:removed": true,
  "conversation:preferences": true,
  "pipeline:updated": true,
  "note:created": true,
  "connection:updated": true,
  "template:updated": true,
  "webhook-endpoint:updated": true,
  "budget:crossed": true,
  "campaign:updated": true,
};
const EVENTS = Object.keys(LISTENED) as RealtimeEventName[];

/** Catch-up pages before a refetch is cheaper (2,000 events a page). */
const MAX_CATCH_UP_PAGES = 3;

/**
 * One socket per tab: dedupes domain events by id, catches up from the settled mark after a drop
 * (or asks for a refetch), re-joins watched conversations and relays typing. See the realtime README.
 */
export class RealtimeConnection {
  readonly socket: AppSocket;
  private readonly log = new EventLog();
  private readonly watched = new Set<string>();
  private readonly statusListeners = new Set<(status: RealtimeStatus) => void>();
  private hasConnected = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  status: RealtimeStatus = "connecting";

  constructor(private readonly handlers: RealtimeHandlers) {
    this.socket = io({ path: "/socket.io", withCredentials: true, transports: ["websocket", "polling"] });
    for (const name of EVENTS) {
      this.socket.on(name, (payload: RealtimeEventPayload<typeof name>) => this.receive(name, payload));
    }
    this.socket.on("conversation:typing", (event) =>
      setTyping(event.conversationId, event.userId, event.isTyping),
    );
    this.socket.on("connect", () => void this.onConnect());
    this.socket.on("disconnect", (reason) => {
      this.setStatus("disconnected");
      // The server ended this socket. Its session was revoked: the HTTP re-check leads to the login
      // page (and the one reconnect below is refused). Or the user's role changed: the session
      // holds, and the reconnect carries the new role.
      if (reason === "io server disconnect") {
        this.handlers.sessionEnded();
        this.scheduleRetry(1000);
      }
    });
    this.socket.on("connect_error", (error) => {
      this.setStatus("disconnected");
      const code = (error as Error & { data?: { code?: string } }).data?.code;
      if (code === "unauthenticated") {
        this.handlers.sessionEnded();
        return;
      }
      // A refusal by the server's middleware is not retried by socket.io itself.
      if (!this.socket.active) this.scheduleRetry(5000);
    });
  }

  onStatus(listener: (status: RealtimeStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Reconnect now (the banner's "retry"). */
  retry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (!this.socket.connected) {
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  /** Joins a conversation's room (teammates typing); re-joined after each reconnect. */
  watch(conversationId: string): void {
    this.watched.add(conversationId);
    if (this.socket.connected) this.socket.emit("conversation:watch", { conversationId }, () => undefined);
  }

  unwatch(conversationId: string): void {
    this.watched.delete(conversationId);
  }

  typing(conversationId: string, isTyping: boolean): void {
    if (this.socket.connected) this.socket.emit("conversation:typing", { conversationId, isTyping });
  }

  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.statusListeners.clear();
  }

  private setStatus(status: RealtimeStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private scheduleRetry(delayMs: number): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.socket.connected) this.socket.connect();
    }, delayMs);
  }

  private receive<N extends RealtimeEventName>(name: N, payload: RealtimeEventPayload<N>): void {
    if (typeof payload?.eventId === "number" && !this.log.accept(payload.eventId)) return;
    this.handlers.apply(name, payload);
  }

  private async onConnect(): Promise<void> {
    const isReconnect = this.hasConnected;
    this.hasConnected = true;
    this.setStatus("connected");
    for (const conversationId of this.watched) {
      this.socket.emit("conversation:watch", { conversationId }, () => undefined);
    }
    if (!isReconnect) return;
    const mark = this.log.settledMark();
    if (mark === null || !(await this.catchUp(mark))) this.handlers.refetch();
  }

  /** Replays what the tab missed; false when it is too much (or fails) and a refetch is needed. */
  private async catchUp(afterEventId: number): Promise<boolean> {
    let after = afterEventId;
    for (let page = 0; page < MAX_CATCH_UP_PAGES; page += 1) {
      let result: CatchUpPage;
      try {
        result = await this.socket.timeout(10_000).emitWithAck("catch-up", { afterEventId: after });
      } catch {
        return false;
      }
      const { events, isComplete } = result;
      for (const event of events) {
        const id = event.payload.eventId;
        if (typeof id === "number") after = Math.max(after, id);
        this.receive(event.name, event.payload);
      }
      if (isComplete) return true;
    }
    return false;
  }
}
