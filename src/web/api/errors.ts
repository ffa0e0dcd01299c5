import { ErrorCode } from "../../contracts/constants";
import type { Formatters } from "../i18n/format";
import type { Messages } from "../i18n/fr";
import { ApiError, type ApiErrorCode } from "./client";

/**
 * The headline a user reads for a failed call: the catalogue's words for its code, never the
 * server's (English) message. Forms that know better for a code say so before calling this.
 */
export function describeError(error: unknown, t: Messages, fmt: Formatters): string {
  if (!(error instanceof ApiError)) return t.errors.generic;
  if (error.code === ErrorCode.rateLimited && error.retryAfterSeconds !== null) {
    return t.errors.rateLimited(fmt.waitDuration(error.retryAfterSeconds));
  }
  return t.errors.codes[error.code];
}

/** Whether a call failed with this code: how a form checks for a code it words its own way. */
export function failedWith(error: unknown, code: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && error.code === code;
}
