import { z } from "zod";

export const ConnectionState = z.enum(["onboarding", "active", "needs_reconnect", "failed", "disconnected"]);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const OnboardingStepName = z.enum([
  "exchange",
  "discover",
  "details",
  "subscribe",
  "register",
  "activate",
]);
export type OnboardingStepName = z.infer<typeof OnboardingStepName>;

export const OnboardingStep = z.object({
  name: OnboardingStepName,
  status: z.enum(["pending", "running", "done", "failed", "skipped"]),
  at: z.string().nullable(),
  /** Meta's error code when the step failed on a Graph call. */
  errorCode: z.number().nullable(),
  error: z.string().nullable(),
});
export type OnboardingStep = z.infer<typeof OnboardingStep>;

export const ConnectionSummary = z.object({
  id: z.uuid(),
  state: ConnectionState,
  /** The client's own number (Embedded Signup), or one of LinkoJob's lent to it (a monthly fee). */
  numberKind: z.enum(["own", "linkojob"]),
  wabaId: z.string().nullable(),
  phoneNumberId: z.string().nullable(),
  displayPhoneNumber: z.string().nullable(),
  verifiedName: z.string().nullable(),
  qualityRating: z.string().nullable(),
  messagingLimitTier: z.string().nullable(),
  createdAt: z.string(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummary>;

/** A connection with its onboarding steps and health; never its token or PIN. */
export const ConnectionResponse = ConnectionSummary.extend({
  businessId: z.string().nullable(),
  nameStatus: z.string().nullable(),
  /** A display name submitted to Meta's review and not approved yet (rejected when `nameStatus` says so). */
  requestedName: z.string().nullable(),
  throughputLevel: z.string().nullable(),
  numberStatus: z.string().nullable(),
  stateReason: z.string().nullable(),
  steps: z.array(OnboardingStep),
  /** True when registration failed for want of the number's existing two-step PIN. */
  needsPin: z.boolean(),
  healthWarnings: z.array(z.string()),
  tokenExpiresAt: z.string().nullable(),
  tokenCheckedAt: z.string().nullable(),
  connectedAt: z.string().nullable(),
  disconnectedAt: z.string().nullable(),
  /** Messages per second Meta lets the number send (20, fixed, for a WhatsApp Business app number). */
  throughputPerSecond: z.number(),
  /**
   * The number stays on the WhatsApp Business app too (coexistence): not registered by LinkoJob,
   * no groups or calling through the API, what the phone sends shows in the inbox.
   */
  businessApp: z.boolean(),
  /** The app's chat history import, once Meta has said anything of it. */
  historySync: z
    .object({
      status: z.enum(["shared", "declined"]),
      /** 0: the first day, 1: up to 90 days, 2: up to 180 days. */
      phase: z.number(),
      /** Meta's progress of that phase, 0–100. */
      progress: z.number(),
      messages: z.number(),
      updatedAt: z.string(),
    })
    .nullable(),
});
export type ConnectionResponse = z.infer<typeof ConnectionResponse>;

export const ConnectionListResponse = z.object({ connections: z.array(ConnectionResponse) });

/** How this deployment runs Embedded Signup (no state is created by asking). */
export const SignupConfigResponse = z.object({
  mode: z.enum(["sandbox", "live"]),
  appId: z.string(),
  configId: z.string(),
  graphVersion: z.string(),
  /** Meta's JS SDK live; the simulator's stand-in in sandbox. */
  sdkUrl: z.string(),
  /** Origin the `WA_EMBEDDED_SIGNUP` messages come from (checked before reading them). */
  messageOrigin: z.string(),
  /** Every origin Meta may post them from (www. and web.facebook.com live). */
  messageOrigins: z.array(z.string()),
});
export type SignupConfigResponse = z.infer<typeof SignupConfigResponse>;

/** What the dashboard needs to open Embedded Signup (JS SDK) or the redirect dialog. */
export const InitiateSignupResponse = SignupConfigResponse.extend({
  /** The redirect-based OAuth dialog, already carrying `state`. */
  oauthUrl: z.string(),
  redirectUri: z.string(),
  state: z.string(),
  expiresAt: z.string(),
});
export type InitiateSignupResponse = z.infer<typeof InitiateSignupResponse>;

/** The `WA_EMBEDDED_SIGNUP` message as Meta posts it to the page. */
export const EmbeddedSignupSession = z.object({
  type: z.literal("WA_EMBEDDED_SIGNUP").optional(),
  event: z.string().max(60),
  data: z
    .object({
      phone_number_id: z.string().max(40).optional(),
      waba_id: z.string().max(40).optional(),
      business_id: z.string().max(40).optional(),
      current_step: z.string().max(80).optional(),
      error_message: z.string().max(500).optional(),
      error_id: z.string().max(40).optional(),
    })
    .passthrough()
    .optional(),
});
export type EmbeddedSignupSession = z.infer<typeof EmbeddedSignupSession>;

const Pin = z.string().regex(/^\d{6}$/, "must be 6 digits");

export const CompleteSignupBody = z.object({
  state: z.string().min(10).max(200),
  /** The exchangeable code from FB.login (absent when the user cancelled). */
  code: z.string().min(1).max(2000).optional(),
  session: EmbeddedSignupSession.optional(),
  /** The number's existing two-step verification PIN, when it has one. */
  pin: Pin.optional(),
});
export type CompleteSignupBody = z.infer<typeof CompleteSignupBody>;

export const CompleteSignupResponse = z.object({
  outcome: z.enum(["connecting", "cancelled"]),
  connection: ConnectionResponse.nullable(),
  /** For a cancellation: the step or error the dialog reported. */
  detail: z.string().nullable(),
});
export type CompleteSignupResponse = z.infer<typeof CompleteSignupResponse>;

export const SignupCallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_reason: z.string().max(200).optional(),
  error_description: z.string().max(500).optional(),
});

export const RetryConnectionBody = z.object({ pin: Pin.optional() });

export const DisconnectBody = z.object({ connectionId: z.uuid() });
