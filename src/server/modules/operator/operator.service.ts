import type { FastifyRequest } from "fastify";
import type { CreateApiKeyBody } from "../../../contracts/accounts";
import type {
  OperatorClientListQuery,
  OperatorCreateClientBody,
  OperatorCreateUserBody,
  OperatorUpdateClientBody,
} from "../../../contracts/operator";
import type { ServerDeps } from "../../deps";
import { conflict, notFound } from "../../platform/errors";
import { issueApiKey, withdrawApiKey } from "../accounts/api-keys.service";
import { operatorOf } from "../accounts/auth.hook";
import { clientSuspended } from "../accounts/auth.service";
import type { ClientRow } from "../accounts/clients.repository";
import { provisionClient } from "../accounts/provisioning.repository";
import { addUserToClient, isUniqueViolation } from "../accounts/users.service";
import type { AuditTarget } from "../audit/audit.service";
import { decodeCursor, encodeCursor } from "../conversations/cursor";
import { monthOf } from "../costs/pricing";
import { type TenantRepositories, tenantRepositories } from "../tenant-repositories";
import { type ClientChanges, operatorRepository } from "./operator.repository";
import type { OperatorActor } from "./operator-auth";

/** One operator call: who, from where, and the process's dependencies. */
export interface OperatorContext {
  operator: OperatorActor;
  ip: string;
  requestId: string;
  deps: ServerDeps;
}

/** The operator call a request makes (its credential checked by the auth hook). */
export function operatorContextOf(deps: ServerDeps, request: FastifyRequest): OperatorContext {
  return { operator: operatorOf(request), ip: request.ip, requestId: request.id, deps };
}

const USAGE_DAYS = 30;

const repoOf = (octx: OperatorContext) => operatorRepository(octx.deps.database.db);

/** What the operator did, in the client's own audit log (its admins see LinkoJob's actions). */
async function recordForClient(
  octx: OperatorContext,
  repos: TenantRepositories,
  action: string,
  target: AuditTarget,
  metadata: Record<string, unknown> = {},
) {
  await repos.audit.record({
    actorType: "operator",
    actorId: octx.operator.operatorId,
    action,
    targetType: target.type,
    targetId: target.id,
    metadata,
    ip: octx.ip,
    requestId: octx.requestId,
  });
}

async function requireClient(octx: OperatorContext, id: string): Promise<ClientRow> {
  const client = await repoOf(octx).findClient(id);
  if (!client) throw notFound("Client");
  return client;
}

/** The client, refused with `client_suspended` when it is: its users and keys wait for reactivation. */
async function requireActiveClient(octx: OperatorContext, id: string): Promise<ClientRow> {
  const client = await requireClient(octx, id);
  if (client.suspendedAt) throw clientSuspended();
  return client;
}

const externalIdTaken = (error: unknown) =>
  isUniqueViolation(error) ? conflict("Another client already has this LinkoJob id (externalId)") : error;

/** A client with its numbers and its usage over the last 30 days. */
export async function getClientDetail(octx: OperatorContext, id: string) {
  const client = await requireClient(octx, id);
  const since = new Date(Date.now() - USAGE_DAYS * 86_400_000);
  const repos = tenantRepositories(octx.deps.database.db, id);
  const [numbers, usage, costThisMonthMad] = await Promise.all([
    repos.connections.list(),
    repoOf(octx).usageOf(id, since),
    repos.costs.monthSpend(monthOf(new Date())),
  ]);
  return {
    client,
    numbers,
    usage: {
      since,
      ...usage,
      billableMessages: usage.billable.reduce((sum, b) => sum + b.count, 0),
      costThisMonthMad,
    },
  };
}

/** Creates a client and its owner, usable at once (the same provisioning as `client:create`). */
export async function createClient(octx: OperatorContext, input: OperatorCreateClientBody) {
  const { client, owner } = await provisionClient(octx.deps.database.db, {
    ...input,
    createdBy: { type: "operator", ...octx.operator, ip: octx.ip, requestId: octx.requestId },
  }).catch((error: unknown) => {
    if (isUniqueViolation(error))
      throw conflict("Another client has this LinkoJob id, or a user has the owner's e-mail");
    throw error;
  });
  return { detail: await getClientDetail(octx, client.id), ownerId: owner.id };
}

export async function updateClient(octx: OperatorContext, id: string, input: OperatorUpdateClientBody) {
  await requireClient(octx, id);
  const changes: ClientChanges = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.defaultCountry !== undefined ? { defaultCountry: input.defaultCountry } : {}),
    ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
    ...(input.isSsoOnly !== undefined ? { isSsoOnly: input.isSsoOnly } : {}),
  };
  await repoOf(octx)
    .updateClient(id, changes)
    .catch((error: unknown) => {
      throw externalIdTaken(error);
    });
  const repos = tenantRepositories(octx.deps.database.db, id);
  await recordForClient(
    octx,
    repos,
    "client.updated",
    { type: "client", id },
    { fields: Object.keys(changes) },
  );
  return getClientDetail(octx, id);
}

/**
 * Suspends a client: its sessions end and its sockets close now, its API keys and logins are
 * refused, queued sends fail instead of leaving; inbound webhooks are still stored. Suspending a
 * suspended client changes nothing (a retried call is safe).
 */
export async function suspendClient(octx: OperatorContext, id: string, reason: string) {
  const client = await requireClient(octx, id);
  if (!client.suspendedAt) {
    const repo = repoOf(octx);
    await repo.updateClient(id, { suspendedAt: new Date(), suspensionReason: reason });
    await repo.endClientSessions(id);
    octx.deps.sockets.disconnectClient(id);
    const repos = tenantRepositories(octx.deps.database.db, id);
    await recordForClient(octx, repos, "client.suspended", { type: "client", id }, { reason });
  }
  return getClientDetail(octx, id);
}

/** Lifts a suspension; reactivating an active client changes nothing. */
export async function reactivateClient(octx: OperatorContext, id: string) {
  const client = await requireClient(octx, id);
  if (client.suspendedAt) {
    await repoOf(octx).updateClient(id, { suspendedAt: null, suspensionReason: null });
    const repos = tenantRepositories(octx.deps.database.db, id);
    await recordForClient(octx, repos, "client.reactivated", { type: "client", id });
  }
  return getClientDetail(octx, id);
}

/** A page of clients, newest first, filtered; the cursor comes from the previous page. */
export async function listClients(octx: OperatorContext, query: OperatorClientListQuery) {
  const after = decodeCursor(query.cursor);
  const rows = await repoOf(octx).listClients({
    state: query.state,
    search: query.q,
    externalId: query.externalId,
    isSsoOnly: query.isSsoOnly === undefined ? undefined : query.isSsoOnly === "true",
    after: after && { createdAt: after.at, id: after.id },
    limit: query.limit,
  });
  const last = rows.at(-1);
  return {
    clients: rows,
    nextCursor: rows.length === query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export async function createUserForClient(
  octx: OperatorContext,
  clientId: string,
  input: OperatorCreateUserBody,
) {
  await requireActiveClient(octx, clientId);
  const repos = tenantRepositories(octx.deps.database.db, clientId);
  const user = await addUserToClient(repos, input);
  await recordForClient(octx, repos, "user.created", { type: "user", id: user.id }, { role: user.role });
  return user;
}

export async function listApiKeysOfClient(octx: OperatorContext, clientId: string) {
  await requireClient(octx, clientId);
  return tenantRepositories(octx.deps.database.db, clientId).apiKeys.list();
}

export async function issueApiKeyForClient(octx: OperatorContext, clientId: string, input: CreateApiKeyBody) {
  await requireActiveClient(octx, clientId);
  const repos = tenantRepositories(octx.deps.database.db, clientId);
  const created = await issueApiKey(repos, input, null);
  await recordForClient(
    octx,
    repos,
    "api_key.created",
    { type: "api_key", id: created.apiKey.id },
    { scopes: created.apiKey.scopes },
  );
  return created;
}

/** Revokes one of the client's keys (allowed while suspended: revoking only takes away). */
export async function revokeApiKeyOfClient(octx: OperatorContext, clientId: string, keyId: string) {
  await requireClient(octx, clientId);
  const repos = tenantRepositories(octx.deps.database.db, clientId);
  if (await withdrawApiKey(repos, octx.deps.sockets, keyId))
    await recordForClient(octx, repos, "api_key.revoked", { type: "api_key", id: keyId });
}
