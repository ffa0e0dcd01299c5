import type { z } from "zod";
import type {
  ApiKeyListResponse,
  CreateApiKeyBody,
  CreatedApiKeyResponse,
  CreateUserBody,
  UpdateUserBody,
  UserListResponse,
  UserResponse,
} from "../../../contracts/accounts";
import { apiRequest } from "../../api/client";

type UserList = z.infer<typeof UserListResponse>;
type ApiKeyList = z.infer<typeof ApiKeyListResponse>;
type CreatedApiKey = z.infer<typeof CreatedApiKeyResponse>;

export function listUsers(): Promise<UserList> {
  return apiRequest<UserList>("GET", "/api/users");
}

export function createUser(body: CreateUserBody): Promise<UserResponse> {
  return apiRequest<UserResponse>("POST", "/api/users", { body });
}

export function updateUser(id: string, body: UpdateUserBody): Promise<UserResponse> {
  return apiRequest<UserResponse>("PATCH", `/api/users/${encodeURIComponent(id)}`, { body });
}

export function listApiKeys(): Promise<ApiKeyList> {
  return apiRequest<ApiKeyList>("GET", "/api/api-keys");
}

/** The response carries the secret: the only time it exists outside the server's hash. */
export function createApiKey(body: CreateApiKeyBody): Promise<CreatedApiKey> {
  return apiRequest<CreatedApiKey>("POST", "/api/api-keys", { body });
}

export function revokeApiKey(id: string): Promise<void> {
  return apiRequest<void>("DELETE", `/api/api-keys/${encodeURIComponent(id)}`);
}
