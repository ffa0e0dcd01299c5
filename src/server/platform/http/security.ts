import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AttemptCounters } from "../attempt-counters";
import type { Config } from "../config";
import { rateLimited } from "../errors";
import { rateLimitStoreOver } from "./rate-limit-store";

/** Per user, per API key, else per address: the key the API's rate limit counts under. */
function rateLimitKey(request: FastifyRequest): string {
  const actor = request.ctx?.actor;
  if (actor?.type === "user") return `user:${actor.userId}`;
  if (actor?.type === "api_key") return `key:${actor.keyId}`;
  if (request.operator) return `operator:${request.operator.operatorId}`;
  return `ip:${request.ip}`;
}

/**
 * Security headers on every answer; rate limits on `/api` (after authentication, so keyed by actor),
 * shared by every instance through the attempt counters.
 */
export async function registerSecurity(
  app: FastifyInstance,
  config: Config,
  counters: AttemptCounters,
): Promise<void> {
  // LinkoJob may show the dashboard in an iframe: only from the configured origins. Otherwise no
  // one frames it (helmet's default: our own origin, and X-Frame-Options for older browsers).
  const framers = config.sso.frameAncestors;
  await app.register(helmet, {
    frameguard: framers.length > 0 ? false : { action: "sameorigin" },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Live mode loads Meta's JS SDK and opens its dialog; sandbox uses the built-in simulator.
        scriptSrc: ["'self'", "https://connect.facebook.net"],
        frameSrc: ["'self'", "https://www.facebook.com", "https://web.facebook.com"],
        connectSrc: ["'self'", "https://graph.facebook.com", "https://www.facebook.com"],
        imgSrc: ["'self'", "data:", "blob:"],
        mediaSrc: ["'self'", "blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        upgradeInsecureRequests: config.http.cookieSecure ? [] : null,
        frameAncestors: ["'self'", ...framers],
      },
    },
    // Meta's Embedded Signup popup must be able to post back to its opener.
    crossOriginOpenerPolicy: { policy: "same-origin-allow-popups" },
    hsts: config.http.cookieSecure,
  });

  await app.register(rateLimit, {
    global: true,
    hook: "preHandler",
    max: config.auth.apiLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    // Counted across instances when Redis is configured (see rate-limit-store.ts).
    store: rateLimitStoreOver(counters) as never,
    allowList: (request) => !request.url.startsWith("/api/"),
    errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
}
