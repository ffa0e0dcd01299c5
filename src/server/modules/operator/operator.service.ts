import type { FastifyRequest } from "fastify";
import type { CreateApiKeyBody } from "../../../contracts/accounts";
import type {
  CreatedClientResponse,
  OperatorClientListQuery,
  OperatorCreateClientBody,
  OperatorCreateUserBody,
  OperatorUpdateClientBody,
} from "../../../contracts/operator";
import type { ServerDeps } from "../../deps";
import { conflict, notFound } from "../../platform/errors";
import { idempotencyKeyReused, requestFingerprint } from "../../platform/idempotency";
import { issueApiKey, withdrawApiKey } from "../accounts/api-keys.service";
import { operatorOf } from "../accounts/auth.hook";
import { clientSuspended } from "../accounts/auth.service";
import type { ClientRow } from "../accounts/clients.repository";
import { verifyPassword } from "../accounts/passwords";
import { provisionClient } from "../accounts/provisioning.repository";
import { addUserToClient, isUniqueViolation } from "../accounts/users.service";
import type { AuditTarget } from "../audit/audit.service";
import { decodeCursor, encodeCursor } from "../conversations/cursor";
import { monthOf } from "../costs/pricing";
import { type TenantRepositories, tenantRepositories } from "../tenant-repositories";
import { presentClientDetail } from "./operator.presenter";
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

/**
 * The fingerprint of a creating call's body: the password only as given or not (it is compared with
 * the stored hash instead, never kept in a fast hash).
 */
function fingerprintOf(input: { password?: string }, rest: object): string {
  return requestFingerprint({ ...rest, password: input.password !== undefined });
}

/** The same key again: the same answer if the body is the same, refused if not. */
async function sameRequest(
  stored: { fingerprint: string | null; passwordHash: string },
  fingerprint: string,
  password: string | undefined,
): Promise<void> {
  if (stored.fingerprint !== fingerprint) throw idempotencyKeyReused();
  if (password !== undefined && !(await verifyPassword(stored.passwordHash, password)))
    throw idempotencyKeyReused();
}

/**
 * Creates a client and its owner, usable at once (the same provisioning as `client:create`). With an
 * `Idempotency-Key`, a retried call (even one racing the first) gets the first call's answer, kept
 * with the client; the same key with another body is refused (`idempotency_key_reused`).
 */
export async function createClient(
  octx: OperatorContext,
  input: OperatorCreateClientBody,
  idempotencyKey?: string,
): Promise<CreatedClientResponse> {
  const repo = repoOf(octx);
  const { password, ...owner } = input.owner;
  const fingerprint = fingerprintOf({ password }, { ...input, owner });
  const answer = async (clientId: string, ownerId: string): Promise<CreatedClientResponse> => {
    const response = {
      client: presentClientDetail(await getClientDetail(octx, clientId)),
      ownerId,
    };
    // Two answers made at once (a retry racing the first call): both give the one kept first.
    return idempotencyKey
      ? ((await repo.keepCreationResponse(clientId, response)) as CreatedClientResponse)
      : response;
  };
  const replayed = async () => {
    const found = idempotencyKey ? await repo.findClientCreatedWith(idempotencyKey) : undefined;
    if (!found) return undefined;
    await sameRequest(
      { fingerprint: found.client.creationFingerprint, passwordHash: found.ownerPasswordHash },
      fingerprint,
      password,
    );
    // Kept unless the first call ended before its answer (then it is made now, and kept).
    return (
      (found.client.creationResponse as CreatedClientResponse | null) ??
      answer(found.client.id, found.ownerId)
    );
  };
  const first = await replayed();
  if (first) return first;
  try {
    const created = await provisionClient(octx.deps.database.db, {
      ...input,
      createdBy: { type: "operator", ...octx.operator, ip: octx.ip, requestId: octx.requestId },
      creation: idempotencyKey ? { idempotencyKey, fingerprint } : undefined,
    });
    return await answer(created.client.id, created.owner.id);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two calls with one key at once: the loser answers with the winner's client.
    const winner = await replayed();
    if (winner) return winner;
    throw conflict("Another client has this LinkoJob id, or a user has the owner's e-mail");
  }
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

/**
 * Adds a user to a client. With an `Idempotency-Key` (per client), a retried call answers with the
 * user the first added; the same key with another body is refused (`idempotency_key_reused`).
 */
export async function createUserForClient(
  octx: OperatorContext,
  clientId: string,
  input: OperatorCreateUserBody,
  idempotencyKey?: string,
) {
  await requireActiveClient(octx, clientId);
  const repos = tenantRepositories(octx.deps.database.db, clientId);
  const { password, ...rest } = input;
  const fingerprint = fingerprintOf({ password }, rest);
  const replayed = async () => {
    const found = idempotencyKey ? await repos.users.findByCreationKey(idempotencyKey) : undefined;
    if (found)
      await sameRequest(
        { fingerprint: found.creationFingerprint, passwordHash: found.passwordHash },
        fingerprint,
        password,
      );
    return found;
  };
  const first = await replayed();
  if (first) return first;
  try {
    const user = await addUserToClient(
      repos,
      input,
      idempotencyKey ? { idempotencyKey, fingerprint } : undefined,
    );
    await recordForClient(octx, repos, "user.created", { type: "user", id: user.id }, { role: user.role });
    return user;
  } catch (error) {
    const winner = await replayed();
    if (winner) return winner;
    throw error;
  }
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
