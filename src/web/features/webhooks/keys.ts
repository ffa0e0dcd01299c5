import type { WebhookEndpointResponse } from "../../../contracts/outbound-webhooks";

/** Query keys start with the client id (the workspace), so one tenant's cache never serves another. */
export const webhookKeys = {
  endpoints: (clientId: string) => [clientId, "webhook-endpoints"] as const,
  deliveries: (clientId: string, endpointId: string, state: string) =>
    [clientId, "webhook-endpoints", endpointId, "deliveries", state] as const,
  delivery: (clientId: string, endpointId: string, deliveryId: string) =>
    [clientId, "webhook-endpoints", endpointId, "delivery", deliveryId] as const,
};

/** Puts an endpoint that changed (a realtime notice, a save) into the list already loaded. */
export function replaceEndpoint(
  list: WebhookEndpointResponse[] | undefined,
  endpoint: WebhookEndpointResponse,
): WebhookEndpointResponse[] | undefined {
  return list?.map((item) => (item.id === endpoint.id ? endpoint : item));
}
