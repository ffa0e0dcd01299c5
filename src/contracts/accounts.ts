import { z } from "zod";
import { ConnectionSummary } from "./connections";
import { USER_ROLES } from "./roles";

export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

export const Locale = z.enum(["fr", "en", "ar"]);
export type Locale = z.infer<typeof Locale>;

/** Scopes an API key can carry; each server route names the one it needs. */
export const ApiKeyScope = z.enum([
  "clients:read",
  "conversations:read",
  "conversations:write",
  "costs:read",
  "messages:send",
  "templates:read",
  "templates:write",
  "users:read",
  "webhooks:manage",
]);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

export const UserResponse = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: UserRole,
  locale: Locale,
  isDisabled: z.boolean(),
  /** Takes new conversations from the automatic assignment (the user switches it off when away). */
  isAvailable: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserResponse = z.infer<typeof UserResponse>;

export const ClientSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  defaultCountry: z.string(),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

export const LoginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** What the dashboard gets after login and from `GET /api/auth/session`. */
export const SessionResponse = z.object({
  user: UserResponse,
  client: ClientSummary,
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/**
 * An update that sets nothing (`{}`, or only fields this route does not take, which are dropped)
 * is refused with the fields it may set, rather than reaching the database empty.
 */
export function setsSomething<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  return schema.refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: `nothing to change: give at least one of ${Object.keys(schema.shape).join(", ")}`,
  });
}

export const UpdateMeBody = setsSomething(
  z.object({
    name: z.string().trim().min(1).max(120).optional(),
    locale: Locale.optional(),
    isAvailable: z.boolean().optional(),
  }),
);
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const PASSWORD_MIN_LENGTH = 10;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(200),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const CreateUserBody = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  role: UserRole,
  password: z.string().min(PASSWORD_MIN_LENGTH).max(200),
  locale: Locale.default("fr"),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = setsSomething(
  z.object({
    name: z.string().trim().min(1).max(120).optional(),
    role: UserRole.optional(),
    isDisabled: z.boolean().optional(),
    password: z.string().min(PASSWORD_MIN_LENGTH).max(200).optional(),
  }),
);
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserListResponse = z.object({ users: z.array(UserResponse) });

export const ApiKeyResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ApiKeyScope),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyResponse = z.infer<typeof ApiKeyResponse>;

export const CreateApiKeyBody = z.object({
  name: z.string().trim().min(1).max(120),
  scopes: z.array(ApiKeyScope).min(1),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

/** The secret appears in this response only; it is stored hashed. */
export const CreatedApiKeyResponse = z.object({ apiKey: ApiKeyResponse, secret: z.string() });
export type CreatedApiKeyResponse = z.infer<typeof CreatedApiKeyResponse>;

export const ApiKeyListResponse = z.object({ apiKeys: z.array(ApiKeyResponse) });

export const IdParams = z.object({ id: z.uuid() });

export const AuditEntryResponse = z.object({
  id: z.string(),
  actorType: z.enum(["user", "api_key", "system", "operator"]),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});
export const AuditListResponse = z.object({
  entries: z.array(AuditEntryResponse),
  nextCursor: z.string().nullable(),
});

export const ClientResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  defaultCountry: z.string(),
  createdAt: z.string(),
  connections: z.array(ConnectionSummary),
});
export type ClientResponse = z.infer<typeof ClientResponse>;
