import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
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

function render(reply: FastifyReply, error: AppError) {
  if (error.headers) void reply.headers(error.headers);
  return reply.status(error.statusCode).send({
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  });
}

/**
 * Maps every error once to `{ error: { code, message, details? } }`; 5xx messages stay in the logs.
 * An unreachable database is a 503 with Retry-After, logged once by `availability`, not per request.
 */
export function registerErrorHandler(app: FastifyInstance, availability: DatabaseAvailability): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return render(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems: FieldProblem[] = error.validation.map((v) => ({
        field: fieldName(error.validationContext, v.instancePath),
        message: v.message ?? "is invalid",
      }));
      const first = problems[0];
      return reply.status(400).send({
        error: {
          code: ErrorCode.validationFailed,
          message: first ? `${first.field}: ${first.message}` : "Invalid request",
          details: problems,
        },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      return reply.status(500).send({ error: { code: ErrorCode.internal, message: "Internal error" } });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply
        .status(413)
        .send({ error: { code: ErrorCode.payloadTooLarge, message: "Request body is too large" } });
    }
    if (status === 429) {
      return reply.status(429).send({ error: { code: ErrorCode.rateLimited, message: error.message } });
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type): safe to explain.
      return reply
        .status(status)
        .send({ error: { code: ErrorCode.validationFailed, message: error.message } });
    }
    if (availability.reportFailure(error)) return render(reply, serviceUnavailable(RETRY_AFTER_SECONDS));
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: ErrorCode.internal, message: "Internal error" } });
  });
}
