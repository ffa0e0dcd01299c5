import type { ApiKeyScope, LoginBody, UserRole } from "../../../contracts/accounts";
import { ErrorCode } from "../../../contracts/errors";
import type { ServerDeps } from "../../deps";
import { AppError } from "../../platform/errors";
import { briefReads } from "../brief-reads";
import { tenantRepositories } from "../tenant-repositories";
import { authRepository } from "./auth.repository";
import { beginLoginAttempt } from "./login-throttle";
import { verifyPassword } from "./passwords";
import { parseApiKey, randomToken, safeEqual, sha256 } from "./secrets";

const invalidCredentials = () => new AppError(ErrorCode.invalidCredentials, "Wrong e-mail or password");

// Sliding sessions: extend at most once a minute, so a busy tab does not write on every request.
const TOUCH_EVERY_MS = 60_000;

export interface RequestMeta {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

/** Checks the password and opens a session; the same error for an unknown e-mail and a wrong password. */
export async function login(deps: ServerDeps, input: LoginBody, meta: RequestMeta) {
  const attempt = await beginLoginAttempt(deps, meta.ip, input.email);
  const auth = authRepository(deps.database.db);
  const found = await auth.findUserForLogin(input.email);
  const isValid = await verifyPassword(found?.user.passwordHash, input.password);
  if (!found) throw invalidCredentials();
  const repos = tenantRepositories(deps.database.db, found.client.id);
  const auditBase = {
    actorType: "user" as const,
    actorId: found.user.id,
    targetType: "user",
    targetId: found.user.id,
    ip: meta.ip,
    requestId: meta.requestId,
  };
  if (found.client.isSsoOnly) {
    // Said plainly, whatever the password: these users may have none, and would retry forever.
    await repos.audit.record({ ...auditBase, action: "auth.login_failed", metadata: { reason: "sso_only" } });
    throw new AppError(
      ErrorCode.ssoRequired,
      "This company signs in through LinkoJob: open WhatsApp from your LinkoJob space",
    );
  }
  if (!isValid || found.user.isDisabled) {
    await repos.audit.record({
      ...auditBase,
      action: "auth.login_failed",
      metadata: { reason: isValid ? "disabled" : "password" },
    });
    throw invalidCredentials();
  }

  if (found.client.suspendedAt) {
    await repos.audit.record({
      ...auditBase,
      action: "auth.login_failed",
      metadata: { reason: "suspended" },
    });
    throw clientSuspended();
  }
  const session = await openSession(deps, found.user.id, found.client.id, meta);
  await attempt.succeeded();
  await repos.audit.record({ ...auditBase, action: "auth.login", metadata: {} });
  return { ...session, user: { ...found.user, lastLoginAt: new Date() }, client: found.client };
}

export const clientSuspended = () =>
  new AppError(ErrorCode.clientSuspended, "This client is suspended by LinkoJob: contact LinkoJob");

/** Opens a session for a user whose identity is proven (password or single sign-on). */
export async function openSession(deps: ServerDeps, userId: string, clientId: string, meta: RequestMeta) {
  const auth = authRepository(deps.database.db);
  const token = randomToken();
  const csrfToken = randomToken();
  await auth.createSession({
    id: sha256(token),
    userId,
    clientId,
    csrfToken,
    expiresAt: sessionExpiry(deps),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  await auth.recordLogin(userId);
  return { token, csrfToken };
}

/**
 * The session cookie's settings. When LinkoJob may frame the dashboard, the cookie must travel in
 * a third-party frame: SameSite=None, which browsers accept only with Secure.
 */
export function sessionCookieOptions(config: ServerDeps["config"]) {
  const isFramed = config.sso.frameAncestors.length > 0;
  return {
    httpOnly: true,
    sameSite: isFramed ? ("none" as const) : ("lax" as const),
    secure: isFramed || config.http.cookieSecure,
    path: "/",
    maxAge: config.auth.sessionTtlHours * 3600,
  };
}

function sessionExpiry(deps: ServerDeps): Date {
  return new Date(Date.now() + deps.config.auth.sessionTtlHours * 3_600_000);
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  clientId: string;
  userId: string;
  role: UserRole;
}

/**
 * The live session behind a cookie token, or null (expired, logged out, user disabled, client
 * suspended). A session found is kept a second (`briefReads`), as an API key is: every request
 * would otherwise read the session, its user and its client again. Logging out, or changing or
 * removing the user, here ends it at once; elsewhere within the second. One not found is looked up
 * every time.
 */
export function resolveSession(deps: ServerDeps, token: string): Promise<ResolvedSession | null> {
  const hash = sha256(token);
  return briefReads.readCredential(
    `session:${hash}`,
    () => lookUpSession(deps, hash),
    (found) => found.clientId,
  );
}

/**
 * The session as the database has it now, without the second's memory: for a socket's re-checks
 * (a room join, the periodic sweep), rare next to requests, which end a tab that another instance
 * logged out or whose user it disabled.
 */
export function sessionNow(deps: ServerDeps, token: string): Promise<ResolvedSession | null> {
  return lookUpSession(deps, sha256(token));
}

async function lookUpSession(deps: ServerDeps, hash: string): Promise<ResolvedSession | null> {
  const auth = authRepository(deps.database.db);
  const found = await auth.findSession(hash);
  if (!found || found.user.isDisabled || found.client.suspendedAt) return null;
  if (Date.now() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await auth.touchSession(found.session.id, sessionExpiry(deps));
  }
  return {
    sessionId: found.session.id,
    csrfToken: found.session.csrfToken,
    clientId: found.client.id,
    userId: found.user.id,
    role: found.user.role,
  };
}

/** Ends the session, and its open tabs with it. */
export async function logout(deps: ServerDeps, sessionId: string): Promise<void> {
  await authRepository(deps.database.db).deleteSession(sessionId);
  deps.sockets.disconnectSession(sessionId);
}

export interface ResolvedApiKey {
  keyId: string;
  clientId: string;
  scopes: ApiKeyScope[];
  /** The key holds, but its client is suspended: every call is refused, saying so. */
  isClientSuspended: boolean;
}

/**
 * The active key behind a bearer token, or null; records its last use at most once a minute. A
 * key found is kept a second (`briefReads`: revoking it here ends it at once, elsewhere within the
 * second); a key not found is looked up every time.
 */
export function resolveApiKey(deps: ServerDeps, key: string): Promise<ResolvedApiKey | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return Promise.resolve(null);
  const hash = sha256(key);
  return briefReads.readCredential(
    hash,
    () => lookUpApiKey(deps, parsed.prefix, hash),
    (found) => found.clientId,
  );
}

async function lookUpApiKey(deps: ServerDeps, prefix: string, hash: string): Promise<ResolvedApiKey | null> {
  const auth = authRepository(deps.database.db);
  const row = await auth.findApiKey(prefix);
  if (!row || row.revokedAt || !safeEqual(row.secretHash, hash)) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS)
    await auth.touchApiKey(row.id);
  return {
    keyId: row.id,
    clientId: row.clientId,
    scopes: row.scopes as ApiKeyScope[],
    isClientSuspended: row.clientSuspendedAt !== null,
  };
}
