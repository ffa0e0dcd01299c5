import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { SimContext } from "../context";
import { MetaError } from "../errors";
import type { AccessTokenRecord } from "../state";

export const MANAGEMENT = "whatsapp_business_management";
export const MESSAGING = "whatsapp_business_messaging";

/** Why a token stopped working, with Graph's subcode and wording for each. */
export const TOKEN_INVALID_REASONS = {
  expired: { subcode: 463, message: "Error validating access token: Session has expired." },
  password_changed: {
    subcode: 460,
    message:
      "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
  },
  app_uninstalled: {
    subcode: 458,
    message: "Error validating access token: The user has not authorized application.",
  },
  logged_out: { subcode: 467, message: "Error validating access token: The user is not logged in." },
  /** Revoked by the app (`/oauth/revoke`): Graph's 467, "expired, been revoked, or is otherwise invalid". */
  revoked: {
    subcode: 467,
    message: "Error validating access token: The session was invalidated explicitly using an API call.",
  },
} as const;
export type TokenInvalidReason = keyof typeof TOKEN_INVALID_REASONS;

/**
 * Where Graph reads the token: the `Authorization` header first (`Bearer`, or `OAuth` as the
 * resumable upload API writes it), then `access_token` in query or body.
 */
export function tokenFromRequest(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim();
  if (header?.startsWith("OAuth ")) return header.slice(6).trim();
  const query = req.query as Record<string, unknown> | undefined;
  if (typeof query?.access_token === "string") return query.access_token;
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === "object" && typeof body.access_token === "string") return body.access_token;
  return null;
}

export type Caller = { kind: "app" } | { kind: "token"; token: AccessTokenRecord };

/** Resolves the caller or throws Graph's 104 / 190 errors. App tokens are `app_id|app_secret`. */
export function authenticate(ctx: SimContext, req: FastifyRequest): Caller {
  const raw = tokenFromRequest(req);
  if (!raw) throw new MetaError(104, { withoutErrorData: true });
  if (raw === `${ctx.options.appId}|${ctx.options.appSecret}`) return { kind: "app" };
  const token = ctx.state.tokens.find((t) => t.token === raw);
  if (!token) {
    throw new MetaError(190, {
      message: "Invalid OAuth access token - Cannot parse access token",
      withoutErrorData: true,
    });
  }
  checkTokenValid(ctx, token);
  return { kind: "token", token };
}

export function checkTokenValid(ctx: SimContext, token: AccessTokenRecord): void {
  if (token.expiresAt !== 0 && ctx.clock.now() >= token.expiresAt) {
    token.valid = false;
    token.invalidReason ??= "expired";
  }
  if (!token.valid) {
    const reason = TOKEN_INVALID_REASONS[token.invalidReason ?? "expired"];
    throw new MetaError(190, { message: reason.message, subcode: reason.subcode, withoutErrorData: true });
  }
}

/**
 * Graph hides objects a token cannot see behind the same error as missing ones (100, subcode 33);
 * a token that sees the WABA but lacks the scope for this call gets 200.
 */
export function requireWabaAccess(
  caller: Caller,
  wabaId: string | null,
  scope: string,
  objectId: string,
  method: string,
): void {
  const targets = (s: string) =>
    caller.kind === "token" ? (caller.token.granularScopes.find((g) => g.scope === s)?.target_ids ?? []) : [];
  if (wabaId && targets(scope).includes(wabaId)) return;
  const seesIt = wabaId !== null && [MANAGEMENT, MESSAGING].some((s) => targets(s).includes(wabaId));
  if (seesIt) {
    throw new MetaError(200, {
      message: "(#200) Permissions error",
      details: `The access token is missing the ${scope} permission for this WhatsApp Business Account.`,
    });
  }
  throw unsupportedRequest(objectId, method);
}

export function unsupportedRequest(objectId: string, method: string): MetaError {
  return new MetaError(100, {
    type: "GraphMethodException",
    subcode: 33,
    withoutErrorData: true,
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  });
}

/**
 * `appsecret_proof` (hex HMAC-SHA256 of the token, keyed by the app secret), as Graph checks it: a
 * proof that is given must match, whether or not the app requires one; with "Require App Secret" on
 * (`ctx.appSecretProof.required`), a user or business token without one is refused. Both answer 100,
 * `GraphMethodException`, without `error_data`. App tokens (`app_id|app_secret`) carry the secret.
 */
export function checkAppSecretProof(ctx: SimContext, req: FastifyRequest): void {
  const token = tokenFromRequest(req);
  if (!token || token === `${ctx.options.appId}|${ctx.options.appSecret}`) return;
  const query = req.query as Record<string, unknown> | undefined;
  const body = req.body as Record<string, unknown> | undefined;
  const given =
    typeof query?.appsecret_proof === "string"
      ? query.appsecret_proof
      : body && typeof body === "object" && !Buffer.isBuffer(body) && typeof body.appsecret_proof === "string"
        ? body.appsecret_proof
        : null;
  if (given === null) {
    if (!ctx.appSecretProof.required) return;
    throw new MetaError(100, {
      type: "GraphMethodException",
      message: "API calls from the server require an appsecret_proof argument",
      withoutErrorData: true,
    });
  }
  const expected = createHmac("sha256", ctx.options.appSecret).update(token).digest("hex");
  const matches =
    given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!matches) {
    throw new MetaError(100, {
      type: "GraphMethodException",
      message: "Invalid appsecret_proof provided in the API argument",
      withoutErrorData: true,
    });
  }
}
