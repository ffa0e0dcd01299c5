import { randomUUID } from "node:crypto";
import type {
  CompleteSignupBody,
  InitiateSignupResponse,
  SignupConfigResponse,
} from "../../../contracts/connections";
import { ErrorCode } from "../../../contracts/errors";
import { AppError, conflict, forbidden } from "../../platform/errors";
import { GraphError } from "../../platform/graph/graph-error";
import { explain } from "../../platform/graph/meta-errors";
import { randomToken, sha256 } from "../accounts/secrets";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import { connectionDirectory } from "./connection-directory.repository";
import { sealPin, sealToken } from "./connection-secrets";
import type { ConnectionRow } from "./connections.repository";
import { discoverNumber } from "./discover";
import { onboardConnectionJobRef } from "./jobs/onboard-connection.job-ref";
import { resetFrom, StepFailure, withStep } from "./onboarding-steps";

const STATE_TTL_MS = 10 * 60_000;
/** The dialog's end for a WhatsApp Business app number (`featureType: whatsapp_business_app_onboarding`). */
const BUSINESS_APP_FINISH = "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING";
const LIVE_SDK_URL = "https://connect.facebook.net/en_US/sdk.js";

const redirectUriOf = (ctx: RequestContext) => `${ctx.deps.config.http.publicUrl}/api/auth/whatsapp/callback`;

function sessionOf(ctx: RequestContext) {
  if (ctx.actor.type !== "user") throw forbidden("Connecting WhatsApp needs a logged-in user");
  return ctx.actor;
}

/** The Embedded Signup settings of this deployment (sandbox: the built-in simulator). */
export function signupConfig(config: RequestContext["deps"]["config"]): SignupConfigResponse {
  const isSandbox = config.mode === "sandbox";
  const origins = isSandbox
    ? [new URL(config.http.publicUrl).origin]
    : [new URL(config.meta.facebookBaseUrl).origin, "https://web.facebook.com", "https://www.facebook.com"];
  return {
    mode: config.mode,
    appId: config.meta.appId,
    configId: config.meta.configId,
    graphVersion: config.meta.graphVersion,
    sdkUrl: isSandbox ? `${config.http.publicUrl}/simulator/sdk.js` : LIVE_SDK_URL,
    messageOrigin: origins[0]!,
    messageOrigins: [...new Set(origins)],
  };
}

/** Starts a signup: a single-use `state` bound to this session, and what the dashboard opens. */
export async function initiateSignup(ctx: RequestContext): Promise<InitiateSignupResponse> {
  const actor = sessionOf(ctx);
  const { config } = ctx.deps;
  const state = randomToken(24);
  const expiresAt = new Date(Date.now() + STATE_TTL_MS);
  await ctx.repos.connections.createSignupState({
    id: sha256(state),
    sessionId: actor.sessionId,
    userId: actor.userId,
    expiresAt,
  });
  const oauth = new URL(`${config.meta.facebookBaseUrl}/${config.meta.graphVersion}/dialog/oauth`);
  oauth.search = new URLSearchParams({
    client_id: config.meta.appId,
    redirect_uri: redirectUriOf(ctx),
    state,
    response_type: "code",
    config_id: config.meta.configId,
    override_default_response_type: "true",
  }).toString();
  return {
    ...signupConfig(config),
    oauthUrl: oauth.toString(),
    redirectUri: redirectUriOf(ctx),
    state,
    expiresAt: expiresAt.toISOString(),
  };
}

async function consumeState(ctx: RequestContext, state: string | undefined): Promise<void> {
  const actor = sessionOf(ctx);
  const isValid = state
    ? await ctx.repos.connections.consumeSignupState(sha256(state), actor.sessionId)
    : false;
  if (!isValid) {
    await recordAudit(ctx, "connection.signup_state_refused");
    throw new AppError(
      ErrorCode.signupStateInvalid,
      "This signup link is invalid, expired or already used: click Connect WhatsApp again",
    );
  }
}

/** The JS SDK flow's end: records a cancellation, or exchanges the code and starts onboarding. */
export async function completeSignup(ctx: RequestContext, input: CompleteSignupBody) {
  await consumeState(ctx, input.state);
  if (!input.code || input.session?.event === "CANCEL") {
    const detail = input.session?.data?.error_message ?? input.session?.data?.current_step ?? null;
    await recordAudit(ctx, "connection.signup_cancelled", undefined, { detail });
    return { outcome: "cancelled" as const, connection: null, detail };
  }
  const connection = await connectWithCode(ctx, input.code, undefined, input);
  return { outcome: "connecting" as const, connection, detail: null };
}

/** The redirect flow's end: same state check; the exchange repeats the dialog's redirect_uri. */
export async function completeSignupRedirect(ctx: RequestContext, query: { state?: string; code?: string }) {
  await consumeState(ctx, query.state);
  if (!query.code) throw new AppError(ErrorCode.validationFailed, "The dialog returned no code");
  return connectWithCode(ctx, query.code, redirectUriOf(ctx), {});
}

/**
 * Exchanges the code at once (it lives about 30 seconds), finds the number the token reaches,
 * records the connection (reusing this client's row for the number: a reconnect keeps its history)
 * and enqueues the remaining steps in the same transaction.
 */
async function connectWithCode(
  ctx: RequestContext,
  code: string,
  redirectUri: string | undefined,
  input: Pick<CompleteSignupBody, "session" | "pin">,
): Promise<ConnectionRow> {
  const { graph, vault, database, queue } = ctx.deps;
  let token: string;
  try {
    token = (await graph.exchangeCode(code, redirectUri)).accessToken;
  } catch (error) {
    throw metaRefusal(
      error,
      "Meta refused the signup code (it lasts about 30 seconds): click Connect WhatsApp again",
    );
  }
  const found = await discoverNumber(graph, token, input.session?.data, (ids) =>
    numberPreference(ctx, ids),
  ).catch((error: unknown) => {
    throw metaRefusal(error, "Could not find the WhatsApp number this signup shared");
  });

  const existing = await ctx.repos.connections.findByPhoneNumberId(found.phoneNumberId);
  if (!existing) {
    const owner = await connectionDirectory(database.db).ownerOfPhoneNumber(found.phoneNumberId);
    if (owner) throw conflict("This WhatsApp number is already connected to another LinkoJob account");
  }
  const id = existing?.id ?? randomUUID();
  // Coexistence: the dialog says so; the redirect flow (no message) keeps what the number was, and
  // the details step also reads Meta's `is_on_biz_app`.
  const businessApp = input.session
    ? input.session.event === BUSINESS_APP_FINISH
    : (existing?.businessApp ?? false);
  let steps = resetFrom(existing?.onboardingSteps ?? {}, ["details", "subscribe", "register", "activate"]);
  steps = withStep(withStep(steps, "exchange", { status: "done" }), "discover", { status: "done" });
  const values = {
    state: "onboarding" as const,
    businessId: found.businessId,
    wabaId: found.wabaId,
    phoneNumberId: found.phoneNumberId,
    onboardingSteps: steps,
    businessApp,
    accessTokenSealed: sealToken(vault, id, token),
    tokenExpiresAt: found.tokenExpiresAt,
    tokenCheckedAt: new Date(),
    stateReason: null,
    disconnectedAt: null,
    connectedBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
    ...(input.pin ? { pinSealed: sealPin(vault, id, input.pin), pinSource: "client" as const } : {}),
  };
  const row = await ctx.transaction(async (repos, tx) => {
    const saved = existing
      ? await repos.connections.update(id, values)
      : await repos.connections.create({ id, ...values });
    await queue.enqueue(onboardConnectionJobRef, { clientId: ctx.clientId, connectionId: id }, { tx });
    return saved!;
  });
  await recordAudit(
    ctx,
    existing ? "connection.reconnect_started" : "connection.signup_started",
    {
      type: "connection",
      id,
    },
    { phoneNumberId: found.phoneNumberId, wabaId: found.wabaId, businessApp },
  );
  return row;
}

function metaRefusal(error: unknown, fallback: string): AppError {
  if (error instanceof GraphError) {
    return new AppError(
      ErrorCode.metaError,
      `${fallback}. Meta said: ${explain(error.code, error.message)}`,
      { metaCode: error.code ?? null },
    );
  }
  if (error instanceof AppError) return error;
  if (error instanceof StepFailure)
    return new AppError(ErrorCode.metaError, error.message, { metaCode: error.errorCode ?? null });
  return new AppError(ErrorCode.metaError, fallback);
}

/**
 * Ranks numbers when the dialog named none: one of ours waiting for a reconnect first, then a
 * number nobody has connected, then ours already active, last one held by another client.
 */
async function numberPreference(ctx: RequestContext, phoneNumberIds: string[]): Promise<Map<string, number>> {
  const ranks = new Map<string, number>();
  const directory = connectionDirectory(ctx.deps.database.db);
  for (const id of phoneNumberIds) {
    const owner = await directory.ownerOfPhoneNumber(id);
    if (!owner) ranks.set(id, 1);
    else if (owner.clientId !== ctx.clientId) ranks.set(id, 3);
    else
      ranks.set(id, (await ctx.repos.connections.findById(owner.connectionId))?.state === "active" ? 2 : 0);
  }
  return ranks;
}
