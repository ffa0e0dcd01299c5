import { apiKeyRoom, clientRoom, sessionRoom, userRoom } from "./rooms";
import type { RealtimeServer } from "./socket-auth";

/**
 * Ends the sockets of a credential that no longer holds, the moment it stops holding. Through the
 * Socket.io adapter, so with Redis the sockets on every instance go too; without Redis, other
 * instances find out at their periodic re-check or the socket's next room join. A process that
 * serves no sockets (a worker) has nothing to end.
 */
export class LiveSockets {
  private io: RealtimeServer | null = null;

  attach(io: RealtimeServer): void {
    this.io = io;
  }

  detach(): void {
    this.io = null;
  }

  /** Logout: the tabs of this session. */
  disconnectSession(sessionId: string): void {
    this.io?.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** Every socket of a client (suspended): its users' tabs and its API keys' integrations. */
  disconnectClient(clientId: string): void {
    this.io?.in(clientRoom(clientId)).disconnectSockets(true);
  }

  /** A revoked API key's sockets. */
  disconnectApiKey(keyId: string): void {
    this.io?.in(apiKeyRoom(keyId)).disconnectSockets(true);
  }

  /**
   * Every tab of a user (disabled, removed, role changed: the tabs reconnect with what holds now),
   * or every tab but one session's (a password changed from that session).
   */
  disconnectUser(userId: string, options: { exceptSessionId?: string } = {}): void {
    if (!this.io) return;
    const tabs = this.io.in(userRoom(userId));
    (options.exceptSessionId ? tabs.except(sessionRoom(options.exceptSessionId)) : tabs).disconnectSockets(
      true,
    );
  }
}
