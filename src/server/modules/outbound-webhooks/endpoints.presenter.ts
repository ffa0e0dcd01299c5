import type {
  WebhookAttemptResponse,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
} from "../../../contracts/outbound-webhooks";
import type { WebhookAttemptRow, WebhookDeliveryLogRow, WebhookEndpointRow } from "./endpoints.repository";

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** An endpoint as the API shows it: never its secrets. */
export function presentEndpoint(row: WebhookEndpointRow): WebhookEndpointResponse {
  const overlapping = row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date();
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    isEnabled: row.isEnabled,
    disabledReason: row.isEnabled ? null : row.disabledReason,
    disabledAt: row.isEnabled ? null : iso(row.disabledAt),
    failingSince: iso(row.failingSince),
    lastSuccessAt: iso(row.lastSuccessAt),
    previousSecretExpiresAt: overlapping ? iso(row.previousSecretExpiresAt) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentDelivery(row: WebhookDeliveryLogRow): WebhookDeliveryResponse {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === "pending" ? row.nextAttemptAt.toISOString() : null,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    lastLatencyMs: row.lastLatencyMs,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: iso(row.deliveredAt),
    failedAt: iso(row.failedAt),
  };
}

export function presentAttempt(row: WebhookAttemptRow): WebhookAttemptResponse {
  return {
    attempt: row.attempt,
    startedAt: row.startedAt.toISOString(),
    url: row.url,
    requestHeaders: row.requestHeaders,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    error: row.error,
    latencyMs: row.latencyMs,
  };
}
