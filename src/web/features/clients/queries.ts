import { useQuery } from "@tanstack/react-query";
import type { ConnectionSummary } from "../../../contracts/connections";
import { useRequiredSession } from "../auth/queries";
import { fetchClient } from "./api";

/** Query keys start with the client id (the workspace), so one tenant's cache never serves another. */
export const clientKeys = {
  detail: (clientId: string) => [clientId, "client"] as const,
};

/** The logged-in user's client, with its connections. */
export function useCurrentClient() {
  const { client } = useRequiredSession();
  return useQuery({
    queryKey: clientKeys.detail(client.id),
    queryFn: () => fetchClient(client.id),
    staleTime: 60_000,
  });
}

const STATE_ORDER: Record<ConnectionSummary["state"], number> = {
  active: 0,
  needs_reconnect: 1,
  onboarding: 2,
  failed: 3,
  disconnected: 4,
};

/**
 * Connections that can carry messages or are on their way there, active ones first (the inbox header
 * shows the first); disconnected ones are history.
 */
export function visibleConnections(connections: readonly ConnectionSummary[]): ConnectionSummary[] {
  return connections
    .filter((connection) => connection.state !== "disconnected")
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state]);
}
