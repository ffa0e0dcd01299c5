import type {
  CreatedWebhookEndpointResponse,
  CreateWebhookEndpointBody,
  ReplayResponse,
  RotatedWebhookSecretResponse,
  UpdateWebhookEndpointBody,
  WebhookDeliveryDetailResponse,
  WebhookDeliveryPage,
  WebhookDeliveryState,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
} from "../../../contracts/outbound-webhooks";
import { apiRequest } from "../../api/client";

const base = (id: string) => `/api/webhook-endpoints/${encodeURIComponent(id)}`;

export function listEndpoints(): Promise<WebhookEndpointListResponse> {
  return apiRequest<WebhookEndpointListResponse>("GET", "/api/webhook-endpoints");
}

/** The response carries the signing secret: the only time it leaves the server's vault. */
export function createEndpoint(body: CreateWebhookEndpointBody): Promise<CreatedWebhookEndpointResponse> {
  return apiRequest<CreatedWebhookEndpointResponse>("POST", "/api/webhook-endpoints", { body });
}

export function updateEndpoint(
  id: string,
  body: UpdateWebhookEndpointBody,
): Promise<WebhookEndpointResponse> {
  return apiRequest<WebhookEndpointResponse>("PATCH", base(id), { body });
}

export function deleteEndpoint(id: string): Promise<void> {
  return apiRequest<void>("DELETE", base(id));
}

export function rotateSecret(id: string, overlapHours: number): Promise<RotatedWebhookSecretResponse> {
  return apiRequest<RotatedWebhookSecretResponse>("POST", `${base(id)}/rotate-secret`, {
    body: { overlapHours },
  });
}

export function listDeliveries(
  id: string,
  state: WebhookDeliveryState | null,
  cursor: string | null,
): Promise<WebhookDeliveryPage> {
  const query = new URLSearchParams();
  if (state) query.set("state", state);
  if (cursor) query.set("cursor", cursor);
  const search = query.size > 0 ? `?${query}` : "";
  return apiRequest<WebhookDeliveryPage>("GET", `${base(id)}/deliveries${search}`);
}

export function getDelivery(id: string, deliveryId: string): Promise<WebhookDeliveryDetailResponse> {
  return apiRequest<WebhookDeliveryDetailResponse>(
    "GET",
    `${base(id)}/deliveries/${encodeURIComponent(deliveryId)}`,
  );
}

export function replayDelivery(id: string, deliveryId: string): Promise<ReplayResponse> {
  return apiRequest<ReplayResponse>(
    "POST",
    `${base(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`,
  );
}

export function replayFailed(id: string): Promise<ReplayResponse> {
  return apiRequest<ReplayResponse>("POST", `${base(id)}/replay-failed`);
}
