import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateApiKeyBody, CreateUserBody, UpdateUserBody } from "../../../contracts/accounts";
import { useRequiredSession } from "../auth/queries";
import { createApiKey, createUser, listApiKeys, listUsers, revokeApiKey, updateUser } from "./api";

/** Keys start with the client id, so a cache can never answer for another tenant. */
export const teamKeys = {
  users: (clientId: string) => [clientId, "users"] as const,
  apiKeys: (clientId: string) => [clientId, "apiKeys"] as const,
};

function useClientId(): string {
  return useRequiredSession().client.id;
}

export function useUsers() {
  const clientId = useClientId();
  return useQuery({ queryKey: teamKeys.users(clientId), queryFn: listUsers });
}

export function useCreateUser() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => createUser(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.users(clientId) }),
  });
}

export function useUpdateUser() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) => updateUser(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.users(clientId) }),
  });
}

export function useApiKeys(enabled: boolean) {
  const clientId = useClientId();
  return useQuery({ queryKey: teamKeys.apiKeys(clientId), queryFn: listApiKeys, enabled });
}

export function useCreateApiKey() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => createApiKey(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.apiKeys(clientId) }),
  });
}

export function useRevokeApiKey() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeApiKey(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.apiKeys(clientId) }),
  });
}
