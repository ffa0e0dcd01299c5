import type { FastifyBaseLogger } from "fastify";
import type { ServerDeps } from "../../deps";
import { unauthenticated } from "../../platform/errors";
import { DeliveryIntake } from "./delivery-intake";
import { isValidSignature } from "./verify-signature";
import { webhookEventsRepository } from "./webhook-events.repository";
import { webhookMetrics } from "./webhook-metrics";

/** Meta's largest webhook payload. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

/** What `POST /webhook` answers once the delivery is stored. */
export const ACCEPTED_ANSWER = "EVENT_RECEIVED";

/**
 * Takes one `POST /webhook` body: verifies the signature on the raw bytes, then resolves once the
 * delivery is durably stored (which queues its processing). A wrong or missing signature is
 * refused (`unauthenticated`), and a database failure rejects: the caller answers with the error,
 * never 200. The Fastify route and the HTTP fast path (`webhook-fast-path.ts`) both call this one
 * function, so the two answer alike.
 */
export type AcceptDelivery = (
  raw: Buffer,
  signature: string | string[] | undefined,
  log: Pick<FastifyBaseLogger, "warn">,
) => Promise<void>;

export function deliveryAcceptor(deps: ServerDeps, onStored: () => void): AcceptDelivery {
  const metrics = webhookMetrics(deps.metrics, deps.database.db);
  const repository = webhookEventsRepository(deps.database.db);
  // Deliveries arriving together share one insert (group commit).
  const intake = new DeliveryIntake(async (bodies) => {
    const written = metrics.intakeWrites.startTimer();
    try {
      return await repository.storeMany(bodies);
    } finally {
      written();
      metrics.intakeGroups.observe(bodies.length);
    }
  });
  const { appSecret } = deps.config.meta;
  return async (raw, signature, log) => {
    if (!isValidSignature(raw, typeof signature === "string" ? signature : undefined, appSecret)) {
      metrics.received.inc({ outcome: "bad_signature" });
      log.warn({ bytes: raw.length }, "webhook refused: missing or wrong signature");
      throw unauthenticated("Invalid X-Hub-Signature-256");
    }
    const isNew = await intake.store(raw);
    metrics.received.inc({ outcome: isNew ? "accepted" : "duplicate" });
    if (isNew) onStored();
  };
}
