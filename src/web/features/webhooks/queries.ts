import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookDeliveryState,
  WebhookEndpointResponse,
} from "../../../contracts/outbound-webhooks";
import { useRequiredSession } from "../auth/queries";
import {
  createEndpoint,
  deleteEndpoint,
  getDelivery,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  replayFailed,
  rotateSecret,
  updateEndpoint,
} from "./api";
import { replaceEndpoint, webhookKeys } from "./keys";

/** While a delivery is pending (waiting, backing off, replayed), the log looks again this often. */
const PENDING_POLL_MS = 3000;

function useClientId(): string {
  return useRequiredSession().client.id;
}

/** The endpoints as a plain list: the shape the realtime handler patches. */
export function useEndpoints() {
  const clientId = useClientId();
  return useQuery({
    queryKey: webhookKeys.endpoints(clientId),
    queryFn: async () => (await listEndpoints()).endpoints,
  });
}

function useStoreEndpoint() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return (endpoint: WebhookEndpointResponse) =>
    queryClient.setQueryData<WebhookEndpointResponse[]>(webhookKeys.endpoints(clientId), (list) =>
      list?.some((item) => item.id === endpoint.id)
        ? replaceEndpoint(list, endpoint)
        : [endpoint, ...(list ?? [])],
    );
}

export function useCreateEndpoint() {
  const store = useStoreEndpoint();
  return useMutation({
    mutationFn: (body: CreateWebhookEndpointBody) => createEndpoint(body),
    onSuccess: (created) => store(created.endpoint),
  });
}

export function useUpdateEndpoint() {
  const store = useStoreEndpoint();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateWebhookEndpointBody }) => updateEndpoint(id, body),
    onSuccess: store,
  });
}

export function useRotateSecret() {
  const store = useStoreEndpoint();
  return useMutation({
    mutationFn: ({ id, overlapHours }: { id: string; overlapHours: number }) =>
      rotateSecret(id, overlapHours),
    onSuccess: (rotated) => store(rotated.endpoint),
  });
}

export function useDeleteEndpoint() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteEndpoint(id),
    onSuccess: (_, id) => {
      queryClient.setQueryData<WebhookEndpointResponse[]>(webhookKeys.endpoints(clientId), (list) =>
        list?.filter((item) => item.id !== id),
      );
      queryClient.removeQueries({ queryKey: [...webhookKeys.endpoints(clientId), id] });
    },
  });
}

/** An endpoint's delivery log, newest first, page by page; looked at again while any is pending. */
export function useDeliveries(endpointId: string, state: WebhookDeliveryState | null) {
  const clientId = useClientId();
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveries(clientId, endpointId, state ?? "all"),
    queryFn: ({ pageParam }) => listDeliveries(endpointId, state, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.deliveries.some((d) => d.state === "pending"))
        ? PENDING_POLL_MS
        : false,
  });
}

export function useDelivery(endpointId: string, deliveryId: string) {
  const clientId = useClientId();
  return useQuery({
    queryKey: webhookKeys.delivery(clientId, endpointId, deliveryId),
    queryFn: () => getDelivery(endpointId, deliveryId),
  });
}

/** Replays one delivery (`deliveryId`) or every failed one; the log is read again afterwards. */
export function useReplay(endpointId: string) {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string | null) =>
      deliveryId ? replayDelivery(endpointId, deliveryId) : replayFailed(endpointId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [...webhookKeys.endpoints(clientId), endpointId] }),
  });
}

/**
 * The endpoint's state (failing since, last success) changes with its deliveries' outcomes, which
 * no realtime event announces: when the log's states change, the endpoints are read again.
 */
export function useEndpointFollowsLog(states: string) {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (states)
      void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints(clientId), exact: true });
  }, [states, clientId, queryClient]);
}
