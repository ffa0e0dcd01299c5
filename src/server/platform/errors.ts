import { ErrorCode } from "../../contracts/errors";

/** A failure the API reports with a stable code; the HTTP layer maps it to a status once. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly statusCode: number,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** Unknown and forbidden look the same, so ids of other clients reveal nothing. */
export const notFound = (what: string) => new AppError(ErrorCode.notFound, `${what} not found`, 404);
export const forbidden = (message = "You are not allowed to do this") =>
  new AppError(ErrorCode.forbidden, message, 403);
export const unauthenticated = (message = "Log in to continue") =>
  new AppError(ErrorCode.unauthenticated, message, 401);
export const conflict = (message: string) => new AppError(ErrorCode.conflict, message, 409);
export const validationFailed = (field: string, message: string) =>
  new AppError(ErrorCode.validationFailed, `${field}: ${message}`, 400, [{ field, message }]);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    ErrorCode.rateLimited,
    `Too many requests: try again in ${retryAfterSeconds} s`,
    429,
    { retryAfterSeconds },
    { "retry-after": String(retryAfterSeconds) },
  );
/** A dependency (the database) is unreachable: retry later. Meta re-sends webhooks on any non-2xx. */
export const serviceUnavailable = (retryAfterSeconds: number) =>
  new AppError(
    ErrorCode.serviceUnavailable,
    `The service is unavailable for a moment: try again in ${retryAfterSeconds} s`,
    503,
    { retryAfterSeconds },
    { "retry-after": String(retryAfterSeconds) },
  );
