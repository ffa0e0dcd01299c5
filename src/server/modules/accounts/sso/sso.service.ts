import type { ServerDeps } from "../../../deps";
import { tenantRepositories } from "../../tenant-repositories";
import { authRepository } from "../auth.repository";
import { openSession, type RequestMeta } from "../auth.service";
import { NO_PASSWORD } from "../passwords";
import type { UserRow } from "../users.repository";
import { isUniqueViolation } from "../users.service";
import { type SsoClaims, SsoTokenError } from "./sso-token";

/**
 * A recruiter arriving from LinkoJob with a signed token: checks it (signature, audience, issuer,
 * life, single use), finds the client it names, creates or updates the user just in time, and
 * opens a session like a password login. Any refusal leaves no user and no session behind.
 */
export async function signOnFromLinkoJob(deps: ServerDeps, token: string | undefined, meta: RequestMeta) {
  const claims = await deps.sso.verifier.verify(token);
  const auth = authRepository(deps.database.db);
  const client = await auth.findClientForSso(
    claims.client_id ? { id: claims.client_id } : { externalId: claims.company_id! },
  );
  if (!client) throw new SsoTokenError("unknown_client", "The token names no client of this service");
  if (client.suspendedAt) throw new SsoTokenError("suspended", "This client is suspended by LinkoJob");
  // Claimed once its claims hold: a replay of a good token is refused even if the first use failed later.
  if (!(await deps.sso.tokenUses.claim(claims.jti, new Date(claims.exp * 1000))))
    throw new SsoTokenError("replayed", "This sign-on link was already used");

  const user = await upsertUser(deps, client.id, claims, meta).catch((error: unknown) => {
    // Two first sign-ons racing, or an e-mail another user took meanwhile.
    if (isUniqueViolation(error))
      throw new SsoTokenError("email_taken", "This e-mail or LinkoJob id is already another user's");
    throw error;
  });
  if (user.isDisabled) throw new SsoTokenError("disabled", "This user is disabled in this service");
  const session = await openSession(deps, user.id, client.id, meta);
  await tenantRepositories(deps.database.db, client.id).audit.record({
    actorType: "user",
    actorId: user.id,
    action: "auth.sso_login",
    targetType: "user",
    targetId: user.id,
    metadata: { linkojobUserId: claims.sub, jti: claims.jti },
    ip: meta.ip,
    requestId: meta.requestId,
  });
  return session;
}

/**
 * The user LinkoJob names: found by LinkoJob's id, else by e-mail in the same client (then linked);
 * created if neither. Name, e-mail and role follow LinkoJob's, which owns them.
 */
async function upsertUser(
  deps: ServerDeps,
  clientId: string,
  claims: SsoClaims,
  meta: RequestMeta,
): Promise<UserRow> {
  const repos = tenantRepositories(deps.database.db, clientId);
  const byEmail = await authRepository(deps.database.db).findUserForLogin(claims.email);
  if (byEmail && byEmail.client.id !== clientId)
    throw new SsoTokenError("email_taken", "This e-mail belongs to a user of another company");
  const existing = (await repos.users.findByExternalId(claims.sub)) ?? byEmail?.user;
  if (existing) {
    const changes = {
      ...(existing.name !== claims.name ? { name: claims.name } : {}),
      ...(existing.email !== claims.email ? { email: claims.email } : {}),
      ...(existing.role !== claims.role ? { role: claims.role } : {}),
      ...(existing.externalId !== claims.sub ? { externalId: claims.sub } : {}),
    };
    if (Object.keys(changes).length === 0) return existing;
    const updated = (await repos.users.update(existing.id, changes)) ?? existing;
    if (changes.role) deps.sockets.disconnectUser(existing.id);
    await repos.audit.record({
      actorType: "system",
      actorId: null,
      action: "user.updated",
      targetType: "user",
      targetId: existing.id,
      metadata: { fields: Object.keys(changes), by: "sso" },
      ip: meta.ip,
      requestId: meta.requestId,
    });
    return updated;
  }
  const created = await repos.users.create({
    email: claims.email,
    name: claims.name,
    role: claims.role,
    locale: claims.locale ?? "fr",
    passwordHash: NO_PASSWORD,
    externalId: claims.sub,
  });
  await repos.audit.record({
    actorType: "system",
    actorId: null,
    action: "user.created",
    targetType: "user",
    targetId: created.id,
    metadata: { role: created.role, by: "sso" },
    ip: meta.ip,
    requestId: meta.requestId,
  });
  return created;
}
