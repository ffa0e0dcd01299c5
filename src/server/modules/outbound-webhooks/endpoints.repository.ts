import { and, desc, eq, getTableColumns, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  webhookOutboundEvents,
} from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { WEBHOOK_OUTBOX_CHANNEL } from "../../platform/events/webhook-outbox";

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookDeliveryAttempts.$inferSelect;
/** A delivery as the log lists it: with its last attempt's latency (null before any attempt). */
export type WebhookDeliveryLogRow = WebhookDeliveryRow & { lastLatencyMs: number | null };

/** The log's columns: the delivery's, and the latency of its latest attempt (one index lookup). */
const deliveryLogColumns = {
  ...getTableColumns(webhookDeliveries),
  lastLatencyMs: sql<number | null>`(
    SELECT a.latency_ms FROM ${webhookDeliveryAttempts} a
    WHERE a.delivery_seq = ${webhookDeliveries.seq} AND a.client_id = ${webhookDeliveries.clientId}
    ORDER BY a.attempt DESC LIMIT 1
  )`.mapWith((value) => (value === null ? null : Number(value))),
};

type EndpointChanges = Partial<
  Pick<
    WebhookEndpointRow,
    | "url"
    | "description"
    | "eventTypes"
    | "isEnabled"
    | "disabledReason"
    | "disabledAt"
    | "failingSince"
    | "secretSealed"
    | "previousSecretSealed"
    | "previousSecretExpiresAt"
  >
>;

/** A client's webhook endpoints and their delivery log. */
export function webhookEndpointsRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    list(): Promise<WebhookEndpointRow[]> {
      return db
        .select()
        .from(webhookEndpoints)
        .where(ownedBy(webhookEndpoints, scope))
        .orderBy(desc(webhookEndpoints.createdAt));
    },

    async findById(id: string): Promise<WebhookEndpointRow | undefined> {
      const [row] = await db
        .select()
        .from(webhookEndpoints)
        .where(ownedBy(webhookEndpoints, scope, eq(webhookEndpoints.id, id)))
        .limit(1);
      return row;
    },

    async create(
      values: Omit<typeof webhookEndpoints.$inferInsert, "clientId"> & { id: string },
    ): Promise<WebhookEndpointRow> {
      const [row] = await db
        .insert(webhookEndpoints)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },

    async update(id: string, changes: EndpointChanges): Promise<WebhookEndpointRow | undefined> {
      const [row] = await db
        .update(webhookEndpoints)
        .set(changes)
        .where(ownedBy(webhookEndpoints, scope, eq(webhookEndpoints.id, id)))
        .returning();
      return row;
    },

    /**
     * Puts secrets sealed anew (key rotation) in place of `before`, only if the row still holds
     * those (a rotation of the endpoint's secret meanwhile wins). True when replaced.
     */
    async replaceSealedSecrets(
      id: string,
      before: { secretSealed: string; previousSecretSealed: string | null },
      after: {
        secretSealed: string;
        previousSecretSealed: string | null;
        previousSecretExpiresAt: Date | null;
      },
    ): Promise<boolean> {
      const rows = await db
        .update(webhookEndpoints)
        .set(after)
        .where(
          ownedBy(
            webhookEndpoints,
            scope,
            eq(webhookEndpoints.id, id),
            eq(webhookEndpoints.secretSealed, before.secretSealed),
            before.previousSecretSealed === null
              ? isNull(webhookEndpoints.previousSecretSealed)
              : eq(webhookEndpoints.previousSecretSealed, before.previousSecretSealed),
          ),
        )
        .returning({ id: webhookEndpoints.id });
      return rows.length === 1;
    },

    async delete(id: string): Promise<boolean> {
      const rows = await db
        .delete(webhookEndpoints)
        .where(ownedBy(webhookEndpoints, scope, eq(webhookEndpoints.id, id)))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },

    /** One page of an endpoint's deliveries, newest first (keyset on `seq`). */
    listDeliveries(
      endpointId: string,
      options: { state?: WebhookDeliveryRow["state"]; beforeSeq?: number; limit: number },
    ): Promise<WebhookDeliveryLogRow[]> {
      return db
        .select(deliveryLogColumns)
        .from(webhookDeliveries)
        .where(
          ownedBy(
            webhookDeliveries,
            scope,
            eq(webhookDeliveries.endpointId, endpointId),
            options.state ? eq(webhookDeliveries.state, options.state) : undefined,
            options.beforeSeq !== undefined ? lt(webhookDeliveries.seq, options.beforeSeq) : undefined,
          ),
        )
        .orderBy(desc(webhookDeliveries.seq))
        .limit(options.limit);
    },

    async findDelivery(
      endpointId: string,
      deliveryId: string,
    ): Promise<{ delivery: WebhookDeliveryLogRow; body: string } | undefined> {
      const [row] = await db
        .select({ delivery: deliveryLogColumns, body: webhookOutboundEvents.body })
        .from(webhookDeliveries)
        .innerJoin(webhookOutboundEvents, eq(webhookOutboundEvents.id, webhookDeliveries.eventId))
        .where(
          ownedBy(
            webhookDeliveries,
            scope,
            eq(webhookDeliveries.endpointId, endpointId),
            eq(webhookDeliveries.id, deliveryId),
          ),
        )
        .limit(1);
      return row;
    },

    attemptsOf(deliverySeq: number): Promise<WebhookAttemptRow[]> {
      return db
        .select()
        .from(webhookDeliveryAttempts)
        .where(ownedBy(webhookDeliveryAttempts, scope, eq(webhookDeliveryAttempts.deliverySeq, deliverySeq)))
        .orderBy(webhookDeliveryAttempts.attempt);
    },

    /**
     * Sends deliveries again now (not the ones delivered): a failed one comes back to `pending` with
     * a new retry period, one backing off is tried at once. Returns how many.
     */
    async replay(endpointId: string, deliveryIds?: string[]): Promise<number> {
      const rows = await db
        .update(webhookDeliveries)
        .set({
          state: "pending",
          nextAttemptAt: new Date(),
          replayedAt: new Date(),
          failedAt: null,
          leaseUntil: null,
        })
        .where(
          ownedBy(
            webhookDeliveries,
            scope,
            eq(webhookDeliveries.endpointId, endpointId),
            // An attempt in flight finishes first: replaying it now would send it twice at once.
            sql`(${webhookDeliveries.leaseUntil} IS NULL OR ${webhookDeliveries.leaseUntil} < now())`,
            deliveryIds
              ? and(inArray(webhookDeliveries.id, deliveryIds), ne(webhookDeliveries.state, "delivered"))
              : eq(webhookDeliveries.state, "failed"),
          ),
        )
        .returning({ seq: webhookDeliveries.seq });
      if (rows.length > 0) await db.execute(sql`SELECT pg_notify(${WEBHOOK_OUTBOX_CHANNEL}, '')`);
      return rows.length;
    },
  };
}
