import type { Formatters } from "../i18n/format";
import type { Messages } from "../i18n/fr";
import { ApiError } from "./client";

/** The words a user reads for a failed call; forms map their own specific codes first. */
export function describeError(error: unknown, t: Messages, fmt: Formatters): string {
  if (!(error instanceof ApiError)) return t.errors.generic;
  switch (error.code) {
    case "network_error":
      return t.errors.network;
    case "rate_limited":
      return error.retryAfterSeconds === null
        ? t.errors.rateLimitedNoWait
        : t.errors.rateLimited(fmt.waitDuration(error.retryAfterSeconds));
    case "forbidden":
      return t.errors.forbidden;
    case "not_found":
      return t.errors.notFound;
    case "conflict":
      return t.errors.conflict;
    case "validation_failed":
      return t.errors.validation;
    case "csrf_failed":
      return t.errors.csrf;
    default:
      return t.errors.generic;
  }
}
