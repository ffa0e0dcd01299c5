import type { CreateApiKeyBody } from "../../../contracts/accounts";
import { forbidden, notFound } from "../../platform/errors";
import type { LiveSockets } from "../../platform/realtime/live-sockets";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import type { TenantRepositories } from "../tenant-repositories";
import type { ApiKeyRow } from "./api-keys.repository";
import { can } from "./policies";
import { generateApiKey } from "./secrets";

function requireManager(ctx: RequestContext): void {
  if (!can(ctx.actor, "apiKeys.manage")) throw forbidden("Only owners and admins manage API keys");
}

export function listApiKeys(ctx: RequestContext): Promise<ApiKeyRow[]> {
  requireManager(ctx);
  return ctx.repos.apiKeys.list();
}

/** Creates a key; its secret is returned this once and only its hash is kept. */
export async function createApiKey(ctx: RequestContext, input: CreateApiKeyBody) {
  requireManager(ctx);
  const created = await issueApiKey(ctx.repos, input, ctx.actor.type === "user" ? ctx.actor.userId : null);
  await recordAudit(
    ctx,
    "api_key.created",
    { type: "api_key", id: created.apiKey.id },
    { scopes: created.apiKey.scopes },
  );
  return created;
}

/** Issues a key to the repositories' client; its secret is returned this once and only its hash is kept. */
export async function issueApiKey(
  repos: TenantRepositories,
  input: CreateApiKeyBody,
  createdBy: string | null,
) {
  const generated = generateApiKey();
  const apiKey = await repos.apiKeys.create({
    name: input.name,
    prefix: generated.prefix,
    secretHash: generated.hash,
    scopes: [...new Set(input.scopes)],
    createdBy,
  });
  return { apiKey, secret: generated.key };
}

export async function revokeApiKey(ctx: RequestContext, id: string): Promise<void> {
  requireManager(ctx);
  if (await withdrawApiKey(ctx.repos, ctx.deps.sockets, id))
    await recordAudit(ctx, "api_key.revoked", { type: "api_key", id });
}

/**
 * Revokes a key of the repositories' client and ends its sockets; false when it was already
 * revoked (a no-op). Another client's id is not found.
 */
export async function withdrawApiKey(repos: TenantRepositories, sockets: LiveSockets, id: string) {
  const revoked = await repos.apiKeys.revoke(id);
  if (!revoked) {
    if (await repos.apiKeys.findById(id)) return false;
    throw notFound("API key");
  }
  sockets.disconnectApiKey(id);
  return true;
}
