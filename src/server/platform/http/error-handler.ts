import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { ErrorCode } from "../../../contracts/errors";
import { type DatabaseAvailability, RETRY_AFTER_SECONDS } from "../db/availability";
import { AppError, serviceUnavailable } from "../errors";

interface FieldProblem {
  field: string;
  message: string;
}

/** `body.email`, `querystring.limit`: the field a client got wrong, named as the client sent it. */
function fieldName(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, "").replaceAll("/", ".");
  return [context ?? "body", path].filter(Boolean).join(".");
}

/** Fastify's own client errors by status; every other one (malformed JSON, bad URL) is a 400. */
const FASTIFY_CLIENT_ERRORS: Record<number, ErrorCode> = {
  404: ErrorCode.notFound,
  415: ErrorCode.unsupportedMediaType,
  429: ErrorCode.rateLimited,
};

/** Any thrown error as the AppError the client reads; 5xx details stay in the logs. */
export function toAppError(
  error: Partial<FastifyError> & Error,
  log: Pick<FastifyBaseLogger, "error">,
  availability: DatabaseAvailability,
): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems: FieldProblem[] = error.validation.map((v) => ({
      field: fieldName(error.validationContext, v.instancePath),
      message: v.message ?? "is invalid",
    }));
    const first = problems[0];
    return new AppError(
      ErrorCode.validationFailed,
      first ? `${first.field}: ${first.message}` : "Invalid request",
      problems,
    );
  }
  if (isResponseSerializationError(error)) {
    log.error({ err: error }, "response did not match its schema");
    return new AppError(ErrorCode.internal, "Internal error");
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError(ErrorCode.payloadTooLarge, "Request body is too large");
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, wrong content type): safe to explain.
    return new AppError(FASTIFY_CLIENT_ERRORS[status] ?? ErrorCode.validationFailed, error.message);
  }
  // An unreachable database is a 503 with Retry-After, logged once by `availability`, not per request.
  if (availability.reportFailure(error)) return serviceUnavailable(RETRY_AFTER_SECONDS);
  log.error({ err: error }, "unhandled error");
  return new AppError(ErrorCode.internal, "Internal error");
}

/** The body of an error's answer: `{ error: { code, message, details? } }`. */
export function appErrorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}

/** Writes `{ error: { code, message, details? } }` with the code's status and headers. */
export function sendAppError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.headers) void reply.headers(error.headers);
  return reply.status(error.statusCode).send(appErrorBody(error));
}

/** Maps every error once to `{ error: { code, message, details? } }`. */
export function registerErrorHandler(app: FastifyInstance, availability: DatabaseAvailability): void {
  app.setErrorHandler((error: FastifyError, request, reply) =>
    sendAppError(reply, toAppError(error, request.log, availability)),
  );
}
