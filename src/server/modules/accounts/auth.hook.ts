import "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ApiKeyScope, UserRole } from "../../../contracts/accounts";
import { CSRF_HEADER, ErrorCode } from "../../../contracts/errors";
import type { ServerDeps } from "../../deps";
import { AppError, forbidden, unauthenticated } from "../../platform/errors";
import type { Actor, RequestContext } from "../context";
import { isOperatorCredential, type OperatorActor, resolveOperator } from "../operator/operator-auth";
import { inTenantTransaction, tenantRepositories } from "../tenant-repositories";
import { clientSuspended, resolveApiKey, resolveSession } from "./auth.service";
import { safeEqual } from "./secrets";

export const SESSION_COOKIE = "lj_session";

/**
 * How a route is reached. Default for `/api/*`: a logged-in user, no API key.
 * `scope` also lets API keys that carry it in; `roles` narrows the users allowed.
 * `operator`: LinkoJob's back office only (an operator credential), never a client's user or key.
 */
export type RouteAuth = { public: true } | { operator: true } | { scope?: ApiKeyScope; roles?: UserRole[] };

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    ctx: RequestContext | null;
    /** Set on operator routes only, for LinkoJob's back office. */
    operator: OperatorActor | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

async function resolveActor(
  deps: ServerDeps,
  request: FastifyRequest,
): Promise<{ actor: Actor; clientId: string } | null> {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    const key = await resolveApiKey(deps, header.slice("Bearer ".length).trim());
    if (!key) throw unauthenticated("Invalid or revoked API key");
    if (key.isClientSuspended) throw clientSuspended();
    return { clientId: key.clientId, actor: { type: "api_key", keyId: key.keyId, scopes: key.scopes } };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const session = await resolveSession(deps, token);
  if (!session) return null;
  return {
    clientId: session.clientId,
    actor: {
      type: "user",
      userId: session.userId,
      role: session.role,
      sessionId: session.sessionId,
      csrfToken: session.csrfToken,
    },
  };
}

/** Checks what the route requires of the actor; throws the error the client should see. */
function enforce(request: FastifyRequest, auth: RouteAuth | undefined, actor: Actor | undefined): void {
  if (auth && "public" in auth) return;
  if (auth && "operator" in auth) {
    // Reached here, the request carries no operator credential.
    if (actor) throw forbidden("This route is for LinkoJob's operators only");
    throw unauthenticated("An operator credential is required: Authorization: Bearer ljop_...");
  }
  if (!actor) throw unauthenticated();
  if (actor.type === "api_key") {
    if (!auth?.scope) throw forbidden("This route is not available to API keys");
    if (!actor.scopes.includes(auth.scope)) throw forbidden(`This API key lacks the scope ${auth.scope}`);
    return;
  }
  if (actor.type === "system") throw forbidden(); // never from a request: jobs build it
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== "string" || !safeEqual(sent, actor.csrfToken)) {
      throw new AppError(ErrorCode.csrfFailed, `Missing or wrong ${CSRF_HEADER} header`);
    }
  }
  if (auth?.roles && !auth.roles.includes(actor.role)) throw forbidden();
}

/** Authenticates every `/api` request and builds its tenant-scoped context before validation. */
export function registerAuthHook(app: FastifyInstance, deps: ServerDeps): void {
  app.decorateRequest("ctx", null);
  app.decorateRequest("operator", null);
  app.addHook("onRequest", async (request) => {
    // Unmatched URLs fall through to the JSON 404: the routes are public in the OpenAPI document anyway.
    if (!request.url.startsWith("/api/") || !request.routeOptions.url) return;
    const auth = request.routeOptions.config.auth;
    const bearer = request.headers.authorization?.startsWith("Bearer ")
      ? request.headers.authorization.slice("Bearer ".length).trim()
      : undefined;
    if (bearer !== undefined && isOperatorCredential(bearer)) {
      // An operator credential opens operator routes and nothing else: it is no client's.
      if (auth && "public" in auth) return;
      const operator = await resolveOperator(deps, bearer);
      if (!operator) throw unauthenticated("Invalid or revoked operator credential");
      if (!auth || !("operator" in auth))
        throw forbidden("An operator credential reaches only the /api/operator routes");
      request.operator = operator;
      return;
    }
    const resolved = await resolveActor(deps, request);
    if (resolved) {
      request.ctx = {
        requestId: request.id,
        ip: request.ip,
        log: request.log.child({ clientId: resolved.clientId }),
        clientId: resolved.clientId,
        actor: resolved.actor,
        repos: tenantRepositories(deps.database.db, resolved.clientId),
        transaction: (work) => inTenantTransaction(deps.database.db, resolved.clientId, work),
        deps,
      };
    }
    enforce(request, auth, resolved?.actor);
  });
}

/** The operator of an operator route (the hook has already refused everyone else). */
export function operatorOf(request: FastifyRequest): OperatorActor {
  if (!request.operator) throw unauthenticated();
  return request.operator;
}

/** The authenticated context of a route that requires one (the hook has already refused the others). */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.ctx) throw unauthenticated();
  return request.ctx;
}
