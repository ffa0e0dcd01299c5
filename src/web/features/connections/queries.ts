import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRequiredSession } from "../auth/queries";
import { clientKeys } from "../clients/queries";
import {
  type ConnectionResponse,
  checkConnection,
  disconnectConnection,
  fetchConnection,
  fetchLinkojobOffer,
  listConnections,
  retryConnection,
  takeLinkojobNumber,
} from "./api";

/** Keys start with the client id, so one tenant's cache never answers for another. */
export const connectionKeys = {
  list: (clientId: string) => [clientId, "connections"] as const,
  detail: (clientId: string, id: string) => [clientId, "connections", id] as const,
  signup: (clientId: string) => [clientId, "signup"] as const,
  linkojobOffer: (clientId: string) => [clientId, "linkojob-numbers"] as const,
};

function useClientId(): string {
  return useRequiredSession().client.id;
}

/** Every number of the client, newest first within the order the server gives. */
export function useConnections() {
  const clientId = useClientId();
  return useQuery({ queryKey: connectionKeys.list(clientId), queryFn: listConnections });
}

/**
 * Puts a fresh connection into the list; when its state changed, the shell's view of the client
 * (the inbox header's number) is refreshed too.
 */
export function storeConnection(queryClient: QueryClient, clientId: string, connection: ConnectionResponse) {
  let changed = true;
  queryClient.setQueryData<ConnectionResponse[]>(connectionKeys.list(clientId), (list) => {
    if (!list) return [connection];
    const index = list.findIndex((item) => item.id === connection.id);
    if (index === -1) return [...list, connection];
    changed = list[index]?.state !== connection.state;
    return list.map((item) => (item.id === connection.id ? connection : item));
  });
  if (changed) void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
}

/**
 * While a connection is onboarding, asks for it every second (each step's state shows live) and
 * writes each answer into the list; stops by itself once it is active, failed or needs reconnecting.
 */
export function useOnboardingPoll(connection: ConnectionResponse) {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: connectionKeys.detail(clientId, connection.id),
    queryFn: async () => {
      const fresh = await fetchConnection(connection.id);
      storeConnection(queryClient, clientId, fresh);
      return fresh;
    },
    enabled: connection.state === "onboarding",
    refetchInterval: (query) => (query.state.data && query.state.data.state !== "onboarding" ? false : 1000),
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
  });
}

function useConnectionMutation<TVariables>(run: (variables: TVariables) => Promise<ConnectionResponse>) {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (connection) => {
      // A retry restarts the poll: the previous detail answer (failed) must not stop it at once.
      queryClient.removeQueries({ queryKey: connectionKeys.detail(clientId, connection.id), exact: true });
      storeConnection(queryClient, clientId, connection);
    },
  });
}

export function useRetryConnection() {
  return useConnectionMutation(({ id, pin }: { id: string; pin?: string }) => retryConnection(id, pin));
}

export function useCheckConnection() {
  return useConnectionMutation((id: string) => checkConnection(id));
}

export function useDisconnectConnection() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useConnectionMutation(async (id: string) => {
    const connection = await disconnectConnection(id);
    // A LinkoJob number given back frees the client's allowance.
    if (connection.numberKind === "linkojob")
      void queryClient.invalidateQueries({ queryKey: connectionKeys.linkojobOffer(clientId) });
    return connection;
  });
}

/** What the Connections page offers besides the client's own number: one of LinkoJob's (owners and admins). */
export function useLinkojobOffer(enabled: boolean) {
  const clientId = useClientId();
  return useQuery({
    queryKey: connectionKeys.linkojobOffer(clientId),
    queryFn: fetchLinkojobOffer,
    enabled,
  });
}

/** Takes a LinkoJob number: the new connection goes into the list (it onboards live), the offer is read again. */
export function useTakeLinkojobNumber() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: takeLinkojobNumber,
    onSuccess: (connection) => {
      storeConnection(queryClient, clientId, connection);
      void queryClient.invalidateQueries({ queryKey: connectionKeys.linkojobOffer(clientId) });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: connectionKeys.linkojobOffer(clientId) }),
  });
}
