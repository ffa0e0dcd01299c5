import type { FastifyInstance } from "fastify";
import type { SimContext } from "../context";
import { MetaError } from "../errors";
import { newAccessToken, newObjectId } from "../ids";
import type { AccessTokenRecord } from "../state";
import { authenticate, checkTokenValid, MANAGEMENT, MESSAGING, TOKEN_INVALID_REASONS } from "./auth";
import { graphParams } from "./params";

const SIXTY_DAYS_S = 5_183_944;

/** Issues the business token an Embedded Signup code stands for: scoped to the WABA the user picked. */
export function issueBusinessToken(ctx: SimContext, wabaId: string, businessId: string): AccessTokenRecord {
  const record: AccessTokenRecord = {
    token: newAccessToken(),
    type: "SYSTEM_USER",
    appId: ctx.options.appId,
    userId: newObjectId(),
    scopes: [MANAGEMENT, MESSAGING, "business_management"],
    granularScopes: [
      { scope: MANAGEMENT, target_ids: [wabaId] },
      { scope: MESSAGING, target_ids: [wabaId] },
      { scope: "business_management", target_ids: [businessId] },
    ],
    issuedAt: ctx.clock.now(),
    // Business tokens from our Login-for-Business configuration never expire (debug_token: 0).
    expiresAt: 0,
    valid: true,
  };
  ctx.state.tokens.push(record);
  ctx.persist();
  return record;
}

function checkApp(ctx: SimContext, params: Record<string, unknown>): void {
  if (params.client_id !== ctx.options.appId) throw new MetaError(101, { withoutErrorData: true });
  if (params.client_secret !== ctx.options.appSecret) {
    throw new MetaError(1, { message: "Error validating client secret.", withoutErrorData: true });
  }
}

function exchangeCode(ctx: SimContext, params: Record<string, unknown>) {
  const record = ctx.state.codes.find((c) => c.code === params.code);
  if (!record)
    throw new MetaError(100, { message: "Invalid verification code format.", withoutErrorData: true });
  if (record.used) {
    throw new MetaError(100, {
      message: "This authorization code has been used.",
      subcode: 36009,
      withoutErrorData: true,
    });
  }
  if (ctx.clock.now() - record.createdAt > ctx.options.codeTtlMs) {
    throw new MetaError(100, {
      message: "This authorization code has expired.",
      subcode: 36007,
      withoutErrorData: true,
    });
  }
  // JS SDK popup codes must be exchanged without redirect_uri; redirect-dialog codes with the same one.
  const redirectUri = typeof params.redirect_uri === "string" ? params.redirect_uri : null;
  if (redirectUri !== record.redirectUri) {
    throw new MetaError(100, {
      message:
        "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
      subcode: 36008,
      withoutErrorData: true,
    });
  }
  record.used = true;
  const token = issueBusinessToken(ctx, record.wabaId, record.businessId);
  return { access_token: token.token, token_type: "bearer" };
}

function exchangeLongLived(ctx: SimContext, params: Record<string, unknown>) {
  const old = ctx.state.tokens.find((t) => t.token === params.fb_exchange_token);
  if (!old)
    throw new MetaError(190, {
      message: "Invalid OAuth access token - Cannot parse access token",
      withoutErrorData: true,
    });
  checkTokenValid(ctx, old);
  const record: AccessTokenRecord = {
    ...structuredClone(old),
    token: newAccessToken(),
    issuedAt: ctx.clock.now(),
    expiresAt: ctx.clock.now() + SIXTY_DAYS_S * 1000,
  };
  ctx.state.tokens.push(record);
  ctx.persist();
  return { access_token: record.token, token_type: "bearer", expires_in: SIXTY_DAYS_S };
}

function debugInfo(ctx: SimContext, input: unknown) {
  const token = ctx.state.tokens.find((t) => t.token === input);
  if (!token) {
    return {
      data: { error: { code: 190, message: "Invalid OAuth access token." }, is_valid: false, scopes: [] },
    };
  }
  let error: { code: number; message: string; subcode: number } | null = null;
  try {
    checkTokenValid(ctx, token);
  } catch {
    const reason = TOKEN_INVALID_REASONS[token.invalidReason ?? "expired"];
    error = { code: 190, message: reason.message, subcode: reason.subcode };
  }
  const seconds = (ms: number) => Math.floor(ms / 1000);
  return {
    data: {
      app_id: token.appId,
      type: token.type,
      application: ctx.options.appName,
      data_access_expires_at: seconds(token.issuedAt) + 90 * 24 * 3600,
      expires_at: token.expiresAt === 0 ? 0 : seconds(token.expiresAt),
      is_valid: error === null,
      issued_at: seconds(token.issuedAt),
      scopes: token.scopes,
      granular_scopes: token.granularScopes,
      user_id: token.userId,
      ...(error ? { error } : {}),
    },
  };
}

/**
 * `GET /oauth/revoke?client_id&client_secret&revoke_token&access_token` (Meta documents it for
 * system-user tokens): the app revokes one of its tokens, which Graph then refuses with 190/467.
 */
function revoke(ctx: SimContext, params: Record<string, unknown>) {
  checkApp(ctx, params);
  if (typeof params.revoke_token !== "string") {
    throw new MetaError(100, {
      message: "(#100) The parameter revoke_token is required",
      withoutErrorData: true,
    });
  }
  const token = ctx.state.tokens.find(
    (t) => t.token === params.revoke_token && t.appId === ctx.options.appId,
  );
  if (!token) {
    throw new MetaError(190, {
      message: "Invalid OAuth access token - Cannot parse access token",
      withoutErrorData: true,
    });
  }
  token.valid = false;
  token.invalidReason = "revoked";
  ctx.persist();
  return { success: "true" };
}

/** `/oauth/access_token` and `/debug_token`, with or without a version prefix as Graph allows. */
export async function oauthRoutes(app: FastifyInstance, ctx: SimContext): Promise<void> {
  for (const prefix of ["", "/:version"]) {
    app.get(`${prefix}/oauth/access_token`, async (req) => {
      const params = graphParams(req);
      checkApp(ctx, params);
      if (params.grant_type === "fb_exchange_token") return exchangeLongLived(ctx, params);
      if (typeof params.code !== "string") {
        throw new MetaError(100, { message: "(#100) Missing code parameter.", withoutErrorData: true });
      }
      return exchangeCode(ctx, params);
    });
    app.get(`${prefix}/oauth/revoke`, async (req) => revoke(ctx, graphParams(req)));
    app.get(`${prefix}/debug_token`, async (req) => {
      authenticate(ctx, req);
      const params = graphParams(req);
      if (typeof params.input_token !== "string") {
        throw new MetaError(100, {
          message: "(#100) The parameter input_token is required",
          withoutErrorData: true,
        });
      }
      return debugInfo(ctx, params.input_token);
    });
  }
}
