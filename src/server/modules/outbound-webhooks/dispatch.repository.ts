import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from "../../platform/db/schema/index";
import type { WebhookEndpointRow } from "./endpoints.repository";

/** A delivery taken by a dispatcher, with what its attempt needs. */
export interface ClaimedDelivery {
  seq: number;
  id: string;
  clientId: string;
  endpointId: string;
  eventId: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
  /** The start of its retry period: its event, or its last replay. */
  retryFrom: Date;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
  body: string;
}

interface ClaimedRow {
  seq: string | number;
  id: string;
  client_id: string;
  endpoint_id: string;
  event_id: string;
  attempts: number;
  retry_from: Date | string;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | string | null;
  body: string;
}

export interface AttemptRecord {
  delivery: ClaimedDelivery;
  startedAt: Date;
  requestHeaders: Record<string, string>;
  status: number | null;
  responseBody: string | null;
  error: string | null;
  latencyMs: number;
  /** delivered, retried at `nextAttemptAt`, or failed for good. */
  outcome: { state: "delivered" } | { state: "pending"; nextAttemptAt: Date } | { state: "failed" };
}

/**
 * The dispatchers' cross-client queries: deliveries are claimed for every client at once (each row
 * carries its client, and every write names it), the way the webhook processor claims Meta's.
 */
export function webhookDispatchRepository(db: Db) {
  return {
    /**
     * Takes up to `limit` due deliveries, each the first still pending of its sequence (an endpoint
     * and an ordering key) so a later event waits for an earlier one, and holds them for `leaseMs`
     * (a crashed worker's are taken again after). Only enabled endpoints' deliveries are taken.
     */
    async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
      const result = (await db.execute(sql`
        WITH due AS (
          SELECT d.seq FROM ${webhookDeliveries} d
          JOIN ${webhookEndpoints} e ON e.id = d.endpoint_id AND e.client_id = d.client_id AND e.is_enabled
          WHERE d.state = 'pending' AND d.next_attempt_at <= now()
            AND (d.lease_until IS NULL OR d.lease_until < now())
            AND NOT EXISTS (
              SELECT 1 FROM ${webhookDeliveries} earlier
              WHERE earlier.endpoint_id = d.endpoint_id AND earlier.ordering_key = d.ordering_key
                AND earlier.state = 'pending' AND earlier.seq < d.seq
            )
          ORDER BY d.next_attempt_at, d.seq
          LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED
        )
        UPDATE ${webhookDeliveries} d
        SET lease_until = now() + ${`${leaseMs} milliseconds`}::interval, attempts = d.attempts + 1
        FROM due, ${webhookEndpoints} e, webhook_outbound_events ev
        WHERE d.seq = due.seq AND e.id = d.endpoint_id AND ev.id = d.event_id
        RETURNING d.seq, d.id, d.client_id, d.endpoint_id, d.event_id, d.attempts,
          coalesce(d.replayed_at, d.created_at) AS retry_from, e.url, e.secret_sealed,
          e.previous_secret_sealed, e.previous_secret_expires_at, ev.body
      `)) as unknown as { rows: ClaimedRow[] };
      return result.rows
        .map((row) => ({
          seq: Number(row.seq),
          id: row.id,
          clientId: row.client_id,
          endpointId: row.endpoint_id,
          eventId: row.event_id,
          attempt: row.attempts,
          retryFrom: new Date(row.retry_from),
          url: row.url,
          secretSealed: row.secret_sealed,
          previousSecretSealed: row.previous_secret_sealed,
          previousSecretExpiresAt: row.previous_secret_expires_at
            ? new Date(row.previous_secret_expires_at)
            : null,
          body: row.body,
        }))
        .sort((a, b) => a.seq - b.seq);
    },

    /**
     * Writes an attempt to the log and its outcome on the delivery and the endpoint (a success
     * clears the endpoint's failing streak; a failure starts one). Returns the endpoint after.
     */
    async recordAttempt(record: AttemptRecord): Promise<WebhookEndpointRow | undefined> {
      const { delivery, outcome } = record;
      await db.insert(webhookDeliveryAttempts).values({
        clientId: delivery.clientId,
        deliverySeq: delivery.seq,
        attempt: delivery.attempt,
        url: delivery.url,
        requestHeaders: record.requestHeaders,
        responseStatus: record.status,
        responseBody: record.responseBody,
        error: record.error,
        latencyMs: record.latencyMs,
        startedAt: record.startedAt,
      });
      const now = new Date();
      await db
        .update(webhookDeliveries)
        .set({
          state: outcome.state,
          leaseUntil: null,
          lastStatus: record.status,
          lastError: record.error,
          ...(outcome.state === "delivered" ? { deliveredAt: now } : {}),
          ...(outcome.state === "pending" ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
          ...(outcome.state === "failed" ? { failedAt: now } : {}),
        })
        .where(
          and(eq(webhookDeliveries.seq, delivery.seq), eq(webhookDeliveries.clientId, delivery.clientId)),
        );
      const endpointOf = and(
        eq(webhookEndpoints.id, delivery.endpointId),
        eq(webhookEndpoints.clientId, delivery.clientId),
      );
      if (outcome.state === "delivered") {
        const [row] = await db
          .update(webhookEndpoints)
          .set({ lastSuccessAt: now, failingSince: null })
          .where(endpointOf)
          .returning();
        return row;
      }
      await db
        .update(webhookEndpoints)
        .set({ failingSince: now })
        .where(and(endpointOf, isNull(webhookEndpoints.failingSince)));
      const [row] = await db.select().from(webhookEndpoints).where(endpointOf).limit(1);
      return row;
    },

    /** Every endpoint's sealed secrets, every client together, for key rotation (which re-seals them). */
    listSealedSecrets() {
      return db
        .select({
          id: webhookEndpoints.id,
          clientId: webhookEndpoints.clientId,
          secretSealed: webhookEndpoints.secretSealed,
          previousSecretSealed: webhookEndpoints.previousSecretSealed,
          previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
        })
        .from(webhookEndpoints);
    },

    /** Disables an endpoint that has failed since before `failingBefore`; the row when it did. */
    async disableFailing(
      clientId: string,
      endpointId: string,
      failingBefore: Date,
    ): Promise<WebhookEndpointRow | undefined> {
      const [row] = await db
        .update(webhookEndpoints)
        .set({ isEnabled: false, disabledReason: "failing", disabledAt: new Date() })
        .where(
          and(
            eq(webhookEndpoints.id, endpointId),
            eq(webhookEndpoints.clientId, clientId),
            eq(webhookEndpoints.isEnabled, true),
            sql`${webhookEndpoints.failingSince} <= ${failingBefore.toISOString()}`,
          ),
        )
        .returning();
      return row;
    },
  };
}
