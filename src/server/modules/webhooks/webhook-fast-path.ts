import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCode } from "../../../contracts/errors";
import type { ServerDeps } from "../../deps";
import { RETRY_AFTER_SECONDS } from "../../platform/db/availability";
import { AppError, serviceUnavailable } from "../../platform/errors";
import { appErrorBody, toAppError } from "../../platform/http/error-handler";
import { httpMetrics } from "../../platform/http/observability";
import { requestIdOf } from "../../platform/http/request-id";
import { ACCEPTED_ANSWER, type AcceptDelivery, WEBHOOK_BODY_LIMIT } from "./accept-delivery";

const ROUTE = "/webhook";

/** `POST /webhook`, with or without a query string: the only request the fast path takes. */
const isWebhookPost = (request: IncomingMessage) =>
  request.method === "POST" &&
  (request.url === ROUTE || (request.url?.startsWith(ROUTE) === true && request.url[ROUTE.length] === "?"));

/**
 * `POST /webhook` straight off `node:http`, before Fastify: Meta's deliveries are most of the
 * server's requests, and Fastify's per-request chain (routing, a child logger, the hooks of every
 * route: cookies, security headers, the input guard, the request id) cost more CPU than storing
 * the delivery. The work is the route's own (`accept`, shared with `webhook.routes.ts`); the
 * answers are the same: 200 `EVENT_RECEIVED` once stored, 401 for a wrong signature, 413 above 3 MB,
 * 503 with Retry-After when the database is unreachable or the server is closing, each error as
 * `{ error: { code, message } }`, counted in `http_request_duration_seconds` and `api_errors_total`.
 * It logs what the route logs (refusals, failures), not Fastify's line per request.
 *
 * Returns the request listener to put in front of Fastify's: it takes the webhook POST and hands
 * every other request to `next`.
 */
export function webhookFastPath(deps: ServerDeps, accept: AcceptDelivery) {
  const { duration, errors } = httpMetrics(deps.metrics);
  const log = deps.log.child({ route: ROUTE });
  let isClosing = false;

  function answer(
    request: IncomingMessage,
    response: ServerResponse,
    startedAt: bigint,
    status: number,
    body: string,
    headers: Record<string, string>,
  ) {
    response.writeHead(status, {
      ...headers,
      "content-length": Buffer.byteLength(body),
      "x-request-id": requestIdOf(request.headers),
    });
    response.end(body);
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    duration.observe({ method: "POST", route: ROUTE, status: String(status) }, seconds);
  }

  function refuse(
    request: IncomingMessage,
    response: ServerResponse,
    startedAt: bigint,
    thrown: unknown,
    headers: Record<string, string> = {},
  ) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    errors.inc({ code: error instanceof AppError ? error.code : "other" });
    const appError = toAppError(error, log, deps.databaseAvailability);
    answer(request, response, startedAt, appError.statusCode, JSON.stringify(appErrorBody(appError)), {
      "content-type": "application/json; charset=utf-8",
      ...appError.headers,
      ...headers,
    });
  }

  function take(request: IncomingMessage, response: ServerResponse) {
    const startedAt = process.hrtime.bigint();
    if (isClosing) {
      refuse(request, response, startedAt, serviceUnavailable(RETRY_AFTER_SECONDS), { connection: "close" });
      request.resume();
      return;
    }
    const tooLarge = () => {
      const error = new AppError(ErrorCode.payloadTooLarge, "Request body is too large");
      // The rest of the body is not read: the connection cannot carry another request.
      refuse(request, response, startedAt, error, { connection: "close" });
      request.resume();
    };
    const declared = Number(request.headers["content-length"]);
    if (declared > WEBHOOK_BODY_LIMIT) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > WEBHOOK_BODY_LIMIT) {
        refused = true;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (refused) return;
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      accept(raw, request.headers["x-hub-signature-256"], log).then(
        () =>
          answer(request, response, startedAt, 200, ACCEPTED_ANSWER, {
            "content-type": "text/plain; charset=utf-8",
          }),
        (error: unknown) => refuse(request, response, startedAt, error),
      );
    });
    // A client gone mid-body: nothing was stored, nothing to answer.
    request.on("error", () => {
      refused = true;
    });
  }

  return {
    /** The request listener: the webhook POST here, anything else to `next` (Fastify). */
    listener(next: (request: IncomingMessage, response: ServerResponse) => void) {
      return (request: IncomingMessage, response: ServerResponse) => {
        if (isWebhookPost(request)) take(request, response);
        else next(request, response);
      };
    },
    /** From now on, answer 503 (as Fastify does while closing) so Meta retries elsewhere or later. */
    close() {
      isClosing = true;
    },
  };
}
