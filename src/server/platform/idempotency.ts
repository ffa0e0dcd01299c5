import { createHash } from "node:crypto";
import { ErrorCode } from "../../contracts/errors";
import { AppError } from "./errors";

/** The same JSON whatever the order of its keys. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, item]) => [key, canonical(item)]),
    );
  return value;
}

/**
 * What a call asked for, kept beside the idempotency key of what it created: a retry with the same
 * key and another body is refused rather than answered with the first call's result. Secrets
 * (passwords) stay out of it; the caller compares them with their own hash.
 */
export function requestFingerprint(body: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(body)))
    .digest("base64url");
}

export const idempotencyKeyReused = () =>
  new AppError(
    ErrorCode.idempotencyKeyReused,
    "This Idempotency-Key was already used with another request body: use a new key for a new request",
  );
