import type { FastifyPluginAsync } from "fastify";
import type { ServerDeps } from "../../deps";
import { forbidden } from "../../platform/errors";
import { ACCEPTED_ANSWER, type AcceptDelivery, WEBHOOK_BODY_LIMIT } from "./accept-delivery";

/**
 * Meta's webhook endpoint: the GET handshake, and the POST that verifies the signature on the raw
 * bytes, stores the delivery and answers 200 at once (`accept-delivery.ts`); parsing and routing
 * happen in the worker. A server that listens takes the POST on its fast path
 * (`webhook-fast-path.ts`) with the same `accept`; this route serves `inject` and any request the
 * fast path does not take.
 */
export const webhookRoutes: FastifyPluginAsync<{ deps: ServerDeps; accept: AcceptDelivery }> = async (
  app,
  { deps, accept },
) => {
  const { meta } = deps.config;

  // The body stays bytes: re-serialising JSON would change what Meta signed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: WEBHOOK_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.get("/webhook", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (query["hub.mode"] === "subscribe" && query["hub.verify_token"] === meta.webhookVerifyToken) {
      return reply.type("text/plain").send(query["hub.challenge"] ?? "");
    }
    throw forbidden("Verification token mismatch");
  });

  // Meta's calls skip what only a browser or an API caller needs, each costing every delivery:
  // the security headers (an answer of 15 bytes that no browser reads) and the API's rate-limit
  // hook (which never counted this route, outside /api, but worked out its key for every call).
  const lean = { helmet: false as const, config: { rateLimit: false as const } };
  app.post(
    "/webhook",
    { schema: { hide: true }, bodyLimit: WEBHOOK_BODY_LIMIT, ...lean },
    async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      await accept(raw, request.headers["x-hub-signature-256"], request.log);
      return reply.status(200).send(ACCEPTED_ANSWER);
    },
  );
};
