// Plain constants shared by server and dashboard, kept free of zod so the dashboard's first
// bundle does not pull the schema library in for a string.

/** Header carrying the session's CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = "x-csrf-token";

/** Every error code the HTTP API returns as `{ error: { code, message, details? } }`. */
export const ErrorCode = {
  validationFailed: "validation_failed",
  unauthenticated: "unauthenticated",
  /** Login with a wrong e-mail or password. */
  invalidCredentials: "invalid_credentials",
  /** A password change whose current password is wrong: a field to correct, the session stays. */
  wrongCurrentPassword: "wrong_current_password",
  csrfFailed: "csrf_failed",
  forbidden: "forbidden",
  notFound: "not_found",
  conflict: "conflict",
  rateLimited: "rate_limited",
  payloadTooLarge: "payload_too_large",
  unsupportedMediaType: "unsupported_media_type",
  /** Meta refused a call; `details` carries its code. */
  metaError: "meta_error",
  signupStateInvalid: "signup_state_invalid",
  needsReconnect: "needs_reconnect",
  /** A free-form message outside the 24-hour window: only a template may be sent. */
  windowClosed: "window_closed",
  /** A marketing template to a candidate who asked to stop receiving messages. */
  optedOut: "opted_out",
  templateNotFound: "template_not_found",
  templateNotApproved: "template_not_approved",
  /** The client is suspended by LinkoJob: no logins, no sends, no API calls until reactivated. */
  clientSuspended: "client_suspended",
  /** The client signs in through LinkoJob only: password login is refused. */
  ssoRequired: "sso_required",
  /** A single sign-on token that is expired, replayed, for another audience or wrongly signed. */
  ssoTokenInvalid: "sso_token_invalid",
  /** A webhook endpoint's URL the service will not call: a private address in live mode, no https, no address. */
  webhookUrlRefused: "webhook_url_refused",
  /** The month's budget (the client's or the recruiter's) is spent: campaigns and paid sends wait for a raise. */
  budgetExceeded: "budget_exceeded",
  /**
   * The business portfolio reached Meta's messaging limit (unique users reached outside the
   * customer-service window in 24 h): `details.rollsAt` says when one more may be reached.
   */
  messagingLimitReached: "messaging_limit_reached",
  /** Meta held back a marketing message to this candidate (131049): none before `details.until`. */
  marketingHeldBack: "marketing_held_back",
  /**
   * The candidate is known only by their business-scoped user id (a username, no number): an
   * authentication template needs a phone number (Meta refuses it to a BSUID, 131062).
   */
  phoneNumberRequired: "phone_number_required",
  /** A campaign asked to do what its state does not allow (pause a finished one, resume a cancelled one). */
  campaignStateInvalid: "campaign_state_invalid",
  /** An `Idempotency-Key` already used for a call with another body: choose a new key per intended call. */
  idempotencyKeyReused: "idempotency_key_reused",
  /**
   * No LinkoJob number can be taken now: `details.reason` says why (`pool_empty`: none free;
   * `limit_reached`: the client holds as many as it may take itself; `not_offered`: ask LinkoJob).
   */
  linkojobNumberUnavailable: "linkojob_number_unavailable",
  /** The service cannot answer for now (its database is unreachable); retry after `Retry-After`. */
  serviceUnavailable: "service_unavailable",
  internal: "internal_error",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The one HTTP status of each code. Call sites name a code and never a status, so the same refusal
 * cannot answer 400 in one place and 401 in another.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  wrong_current_password: 400,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  meta_error: 400,
  signup_state_invalid: 400,
  needs_reconnect: 409,
  window_closed: 400,
  opted_out: 409,
  template_not_found: 400,
  template_not_approved: 400,
  client_suspended: 403,
  sso_required: 403,
  sso_token_invalid: 401,
  webhook_url_refused: 400,
  budget_exceeded: 409,
  messaging_limit_reached: 409,
  marketing_held_back: 409,
  phone_number_required: 422,
  campaign_state_invalid: 409,
  idempotency_key_reused: 422,
  linkojob_number_unavailable: 409,
  service_unavailable: 503,
  internal_error: 500,
};

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

/** Narrows a code read off the wire: a newer server may send one this build does not know. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, value);
}
