import type { ServerDeps } from "../../deps";
import { PgListener } from "../../platform/db/pg-listener";
import { event, recordEvents } from "../../platform/events/domain-events";
import { WEBHOOK_OUTBOX_CHANNEL } from "../../platform/events/webhook-outbox";
import { tenantRepositories } from "../tenant-repositories";
import { type Resolver, systemResolver } from "./address-guard";
import { type AttemptRecord, type ClaimedDelivery, webhookDispatchRepository } from "./dispatch.repository";
import { openEndpointSecret } from "./endpoint-secrets";
import { presentEndpoint } from "./endpoints.presenter";
import { postWebhook } from "./post-webhook";
import { signedHeaders } from "./signing";

const USER_AGENT = "LinkoJob-Webhooks/1.0";

/** The delay before attempt `attempt + 1`: doubling from the base up to the maximum, with up to 25 % jitter. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const delay = Math.min(baseMs * 2 ** Math.min(attempt - 1, 30), maxMs);
  return Math.round(delay * (1 + random() / 4));
}

export interface DispatcherOptions {
  /** How host names are resolved (each attempt checks the addresses it connects to). */
  resolver?: Resolver;
  /** How often to look for due deliveries when nothing woke the loop. */
  pollMs?: number;
}

/**
 * Sends the outbox's deliveries to the clients' endpoints, in the worker role. A loop claims due
 * deliveries (the first pending of each sequence), posts each with a short time limit, several at
 * once, and writes each attempt to the log with its outcome: delivered, retried after a back-off,
 * or given up after the retry period. An endpoint that has failed for days is disabled and its
 * client's admins are told. It shares nothing with the inbox or the webhook ingress but the
 * database: a slow or dead endpoint costs one of its own slots, never a request's time.
 */
export class OutboundWebhookDispatcher {
  private running = false;
  private inFlight = 0;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private listener: PgListener | null = null;
  private readonly attempts = new Set<Promise<void>>();
  private readonly resolver: Resolver;
  private pollMs: number;

  constructor(
    private readonly deps: ServerDeps,
    options: DispatcherOptions = {},
  ) {
    this.resolver = options.resolver ?? systemResolver;
    this.pollMs = options.pollMs ?? 1000;
  }

  async start(options: { pollMs?: number } = {}): Promise<void> {
    if (this.running) return;
    if (options.pollMs) this.pollMs = options.pollMs;
    this.running = true;
    this.loop = this.run();
    const { config, log } = this.deps;
    if (config.db.kind === "postgres") {
      this.listener = new PgListener(config.db.url, log, {
        channel: WEBHOOK_OUTBOX_CHANNEL,
        applicationName: "linkojob-webhook-outbox",
        onPayload: () => this.wake(),
        onReconnect: () => this.wake(),
      });
      await this.listener.start();
    }
  }

  /** Looks for due deliveries now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.listener?.close();
    await this.loop;
    await Promise.allSettled([...this.attempts]);
  }

  private async run(): Promise<void> {
    const { config, log } = this.deps;
    const { concurrency, timeoutMs } = config.outboundWebhooks;
    while (this.running) {
      this.woken = false;
      let claimed: ClaimedDelivery[] = [];
      const free = concurrency - this.inFlight;
      if (free > 0) {
        try {
          // Held for the attempt's time limit and a margin: a crash frees them for another worker.
          claimed = await webhookDispatchRepository(this.deps.database.db).claimDue(free, timeoutMs + 30_000);
        } catch (error) {
          log.warn({ err: error }, "could not claim outbound webhook deliveries; will retry");
        }
      }
      for (const delivery of claimed) {
        this.inFlight += 1;
        const attempt = this.attempt(delivery)
          .catch((error: unknown) =>
            log.error({ err: error, deliveryId: delivery.id }, "outbound webhook attempt not recorded"),
          )
          .finally(() => {
            this.inFlight -= 1;
            this.attempts.delete(attempt);
            this.wake();
          });
        this.attempts.add(attempt);
      }
      if (claimed.length === free && free > 0) continue; // more may be due
      if (!this.woken && this.running) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }

  /** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
  private secretsOf(delivery: ClaimedDelivery): string[] {
    const { vault } = this.deps;
    const secrets = [openEndpointSecret(vault, delivery.endpointId, delivery.secretSealed)];
    if (
      delivery.previousSecretSealed &&
      delivery.previousSecretExpiresAt &&
      delivery.previousSecretExpiresAt > new Date()
    )
      secrets.push(openEndpointSecret(vault, delivery.endpointId, delivery.previousSecretSealed));
    return secrets;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const settings = this.deps.config.outboundWebhooks;
    const startedAt = new Date();
    const requestHeaders = {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      ...signedHeaders(this.secretsOf(delivery), delivery.eventId, startedAt, delivery.body),
    };
    const answer = await postWebhook(delivery.url, requestHeaders, delivery.body, {
      timeoutMs: settings.timeoutMs,
      resolver: this.resolver,
      allowPrivate: settings.allowPrivateAddresses,
    });
    const isDelivered = answer.status !== null && answer.status >= 200 && answer.status < 300;
    const now = Date.now();
    const outcome: AttemptRecord["outcome"] = isDelivered
      ? { state: "delivered" }
      : now - delivery.retryFrom.getTime() >= settings.retryForMs
        ? { state: "failed" }
        : {
            state: "pending",
            nextAttemptAt: new Date(
              now + backoffMs(delivery.attempt, settings.retryBaseMs, settings.retryMaxMs),
            ),
          };
    await this.deps.database.db.transaction(async (tx) => {
      const dispatch = webhookDispatchRepository(tx);
      const endpoint = await dispatch.recordAttempt({
        delivery,
        startedAt,
        requestHeaders,
        status: answer.status,
        responseBody: answer.body,
        error: answer.error ?? (isDelivered ? null : `answered ${answer.status}`),
        latencyMs: answer.latencyMs,
        outcome,
      });
      if (isDelivered || !endpoint?.failingSince) return;
      const disabled = await dispatch.disableFailing(
        delivery.clientId,
        delivery.endpointId,
        new Date(now - settings.disableAfterMs),
      );
      if (!disabled) return;
      // The admins' notice: the audit log, and every open dashboard of the client at once.
      await tenantRepositories(tx, delivery.clientId).audit.record({
        actorType: "system",
        actorId: null,
        action: "webhook_endpoint.disabled",
        targetType: "webhook_endpoint",
        targetId: disabled.id,
        metadata: {
          reason: "failing",
          failingSince: disabled.failingSince?.toISOString(),
          url: disabled.url,
        },
        ip: null,
        requestId: null,
      });
      await recordEvents(tx, delivery.clientId, [
        event("webhook-endpoint:updated", { endpoint: presentEndpoint(disabled) }),
      ]);
    });
    if (!isDelivered)
      this.deps.log.info(
        { deliveryId: delivery.id, attempt: delivery.attempt, status: answer.status, error: answer.error },
        "outbound webhook attempt failed",
      );
  }
}
