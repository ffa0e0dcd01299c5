// Plain constants shared by server and dashboard, kept free of zod so the dashboard's first
// bundle does not pull the schema library in for a string.

/** Header carrying the session's CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = "x-csrf-token";

/** Stable error codes returned by the HTTP API as `{ error: { code, message } }`. */
export const ErrorCode = {
  validationFailed: "validation_failed",
  unauthenticated: "unauthenticated",
  invalidCredentials: "invalid_credentials",
  csrfFailed: "csrf_failed",
  forbidden: "forbidden",
  notFound: "not_found",
  conflict: "conflict",
  rateLimited: "rate_limited",
  payloadTooLarge: "payload_too_large",
  externalService: "external_service_error",
  /** Meta refused a call; `details` carries its code. */
  metaError: "meta_error",
  signupStateInvalid: "signup_state_invalid",
  needsReconnect: "needs_reconnect",
  /** The service cannot answer for now (its database is unreachable); retry after `Retry-After`. */
  serviceUnavailable: "service_unavailable",
  internal: "internal_error",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
