import type { CreateApiKeyBody } from "../../../contracts/accounts";
import { forbidden, notFound } from "../../platform/errors";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
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
  const generated = generateApiKey();
  const apiKey = await ctx.repos.apiKeys.create({
    name: input.name,
    prefix: generated.prefix,
    secretHash: generated.hash,
    scopes: [...new Set(input.scopes)],
    createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
  });
  await recordAudit(ctx, "api_key.created", { type: "api_key", id: apiKey.id }, { scopes: apiKey.scopes });
  return { apiKey, secret: generated.key };
}

export async function revokeApiKey(ctx: RequestContext, id: string): Promise<void> {
  requireManager(ctx);
  const revoked = await ctx.repos.apiKeys.revoke(id);
  if (!revoked) {
    // Revoking twice is a no-op; another client's id is not found.
    if (await ctx.repos.apiKeys.findById(id)) return;
    throw notFound("API key");
  }
  ctx.deps.sockets.disconnectApiKey(id);
  await recordAudit(ctx, "api_key.revoked", { type: "api_key", id });
}
