import type { ApiKeyResponse, ApiKeyScope, ClientSummary, UserResponse } from "../../../contracts/accounts";
import type { ApiKeyRow } from "./api-keys.repository";
import type { ClientRow } from "./clients.repository";
import type { UserRow } from "./users.repository";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentUser(user: UserRow): UserResponse {
  return {
    id: user.id,
    clientId: user.clientId,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    isDisabled: user.isDisabled,
    isAvailable: user.isAvailable,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: iso(user.lastLoginAt),
  };
}

export function presentClientSummary(client: ClientRow): ClientSummary {
  return { id: client.id, name: client.name, defaultCountry: client.defaultCountry };
}

export function presentApiKey(key: ApiKeyRow): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    prefix: `lj_${key.prefix}`,
    scopes: key.scopes as ApiKeyScope[],
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: iso(key.lastUsedAt),
    revokedAt: iso(key.revokedAt),
  };
}
