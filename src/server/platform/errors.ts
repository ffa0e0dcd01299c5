import { ERROR_STATUS, ErrorCode } from "../../contracts/errors";

/** A failure the API reports with a stable code; its HTTP status comes from the code, never the call site. */
export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.statusCode = ERROR_STATUS[code];
  }
}

/** Unknown and forbidden look the same, so ids of other clients reveal nothing. */
export const notFound = (what: string) => new AppError(ErrorCode.notFound, `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") =>
  new AppError(ErrorCode.forbidden, message);
export const unauthenticated = (message = "Log in to continue") =>
  new AppError(ErrorCode.unauthenticated, message);
export const conflict = (message: string) => new AppError(ErrorCode.conflict, message);
export const validationFailed = (field: string, message: string) =>
  new AppError(ErrorCode.validationFailed, `${field}: ${message}`, [{ field, message }]);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    ErrorCode.rateLimited,
    `Too many requests: try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
    { "retry-after": String(retryAfterSeconds) },
  );
