import cookie from "@fastify/cookie";
import type { Server, Socket } from "socket.io";
import { ErrorCode } from "../../../contracts/errors";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../contracts/realtime";
import { roleMay } from "../../../contracts/roles";
import type { ServerDeps } from "../../deps";
import { SESSION_COOKIE } from "../../modules/accounts/auth.hook";
import { resolveApiKey, resolveSession, sessionNow } from "../../modules/accounts/auth.service";

/** The scope an API key needs to receive a client's events over a socket. */
export const SOCKET_SCOPE = "conversations:read";

export type SocketActor =
  | { type: "user"; userId: string; sessionId: string }
  | { type: "api_key"; keyId: string };

/** Set once by the auth middleware, before the socket joins any room. */
export interface SocketData {
  clientId: string;
  actor: SocketActor;
}

// biome-ignore lint/complexity/noBannedTypes: Socket.io's slot for server-to-server events, unused here.
type InterServerEvents = {};
export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** How a socket proved who it is; kept in this process only, to re-check it later. */
export type Credential = { kind: "session"; token: string } | { kind: "api_key"; key: string };

type Handshake = RealtimeSocket["handshake"];
type Outcome =
  | { ok: true; data: SocketData; credential: Credential }
  | { ok: false; code: ErrorCode; message: string };

const refuse = (code: ErrorCode, message: string): Outcome => ({ ok: false, code, message });

/**
 * Browsers send the session cookie on a cross-origin WebSocket handshake too (same-site origins get
 * past SameSite=Lax), so a cookie only counts when the page that opened the socket is ours: the
 * public URL, or the host the request was addressed to (the Vite dev proxy keeps its own host).
 * Clients without an Origin header are not browsers and cannot carry a victim's cookie.
 */
function isTrustedOrigin(deps: ServerDeps, handshake: Handshake): boolean {
  const origin = handshake.headers.origin;
  if (!origin) return true;
  try {
    const parsed = new URL(origin);
    return (
      parsed.origin === new URL(deps.config.http.publicUrl).origin || parsed.host === handshake.headers.host
    );
  } catch {
    return false;
  }
}

/** Who opens this socket: an API key given as `auth.token`, else the session cookie. */
export async function authenticateHandshake(deps: ServerDeps, handshake: Handshake): Promise<Outcome> {
  const auth: unknown = handshake.auth;
  const token = typeof auth === "object" && auth !== null ? Reflect.get(auth, "token") : undefined;
  if (typeof token === "string" && token.length > 0) return authenticateApiKey(deps, token);

  const header = handshake.headers.cookie;
  const session = header ? cookie.parse(header)[SESSION_COOKIE] : undefined;
  if (!session) {
    return refuse(
      ErrorCode.unauthenticated,
      "Authentication required: log in, or pass an API key as auth.token",
    );
  }
  if (!isTrustedOrigin(deps, handshake)) {
    return refuse(ErrorCode.forbidden, "The session cookie is only accepted from the dashboard's own origin");
  }
  const resolved = await resolveSession(deps, session);
  if (!resolved) return refuse(ErrorCode.unauthenticated, "Session expired or logged out: log in again");
  if (!roleMay(resolved.role, "conversations.read"))
    return refuse(ErrorCode.forbidden, "This role does not receive live conversations");
  return {
    ok: true,
    data: {
      clientId: resolved.clientId,
      actor: { type: "user", userId: resolved.userId, sessionId: resolved.sessionId },
    },
    credential: { kind: "session", token: session },
  };
}

async function authenticateApiKey(deps: ServerDeps, key: string): Promise<Outcome> {
  const resolved = await resolveApiKey(deps, key);
  if (!resolved) return refuse(ErrorCode.unauthenticated, "Invalid or revoked API key");
  if (resolved.isClientSuspended) return refuse(ErrorCode.clientSuspended, "This client is suspended");
  if (!resolved.scopes.includes(SOCKET_SCOPE)) {
    return refuse(ErrorCode.forbidden, `This API key lacks the scope ${SOCKET_SCOPE}`);
  }
  return {
    ok: true,
    data: { clientId: resolved.clientId, actor: { type: "api_key", keyId: resolved.keyId } },
    credential: { kind: "api_key", key },
  };
}

/**
 * Whether a credential still opens a socket now: not logged out, expired or revoked, the user not
 * disabled, and the user's role (as it is now) or the key's scopes still reading conversations.
 */
export async function isCredentialValid(deps: ServerDeps, credential: Credential): Promise<boolean> {
  if (credential.kind === "session") {
    const session = await sessionNow(deps, credential.token);
    return session !== null && roleMay(session.role, "conversations.read");
  }
  const key = await resolveApiKey(deps, credential.key);
  return (key?.scopes.includes(SOCKET_SCOPE) && !key.isClientSuspended) ?? false;
}

/** Socket.io middleware: refuses with a `connect_error` saying why, before any room is joined. */
export function socketAuthMiddleware(deps: ServerDeps, credentials: WeakMap<RealtimeSocket, Credential>) {
  return async (socket: RealtimeSocket, next: (error?: Error) => void): Promise<void> => {
    try {
      const outcome = await authenticateHandshake(deps, socket.handshake);
      if (!outcome.ok) {
        next(Object.assign(new Error(outcome.message), { data: { code: outcome.code } }));
        return;
      }
      socket.data = outcome.data;
      credentials.set(socket, outcome.credential);
      next();
    } catch (error) {
      // Tabs retry every few seconds: an unreachable database is logged once, by the tracker.
      if (!deps.databaseAvailability.reportFailure(error))
        deps.log.error({ err: error }, "socket authentication failed");
      next(
        Object.assign(new Error("Authentication is unavailable, retry shortly"), {
          data: { code: ErrorCode.internal },
        }),
      );
    }
  };
}
