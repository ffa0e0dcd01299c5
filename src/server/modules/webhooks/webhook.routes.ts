import type { FastifyPluginAsync } from "fastify";
import type { ServerDeps } from "../../deps";
import { forbidden, unauthenticated } from "../../platform/errors";
import { DeliveryIntake } from "./delivery-intake";
import { isValidSignature } from "./verify-signature";
import { webhookEventsRepository } from "./webhook-events.repository";
import { webhookMetrics } from "./webhook-metrics";

/** Meta's largest webhook payload. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

/**
 * Meta's webhook endpoint: verify the signature on the raw bytes, store the delivery (which
 * queues its processing; deliveries arriving together share one insert), answer 200 at once. Parsing and routing happen in the worker.
 */
export const webhookRoutes: FastifyPluginAsync<{ deps: ServerDeps; onStored: () => void }> = async (
  app,
  { deps, onStored },
) => {
  const { meta } = deps.config;
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  const repository = webhookEventsRepository(deps.database.db);
  const intake = new DeliveryIntake((bodies) => repository.storeMany(bodies));

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
      const signature = request.headers["x-hub-signature-256"];
      if (!isValidSignature(raw, typeof signature === "string" ? signature : undefined, meta.appSecret)) {
        metrics.received.inc({ outcome: "bad_signature" });
        request.log.warn({ bytes: raw.length }, "webhook refused: missing or wrong signature");
        throw unauthenticated("Invalid X-Hub-Signature-256");
      }
      const isNew = await intake.store(raw);
      metrics.received.inc({ outcome: isNew ? "accepted" : "duplicate" });
      if (isNew) onStored();
      return reply.status(200).send("EVENT_RECEIVED");
    },
  );
};
