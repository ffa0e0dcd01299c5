import type { ServerDeps } from "../deps";
import type { Actor, ActorRef, RequestContext } from "./context";
import { inTenantTransaction, tenantRepositories } from "./tenant-repositories";

/**
 * The context of work a request started and a job finishes (a campaign's sends), acting for the
 * same user or API key as the request did. The actor is read again, so a user disabled or a key
 * revoked since then stops the work: `null` is returned, for the job to say why.
 */
export async function deferredContext(
  deps: ServerDeps,
  clientId: string,
  ref: ActorRef,
  jobId: string,
): Promise<RequestContext | null> {
  const repos = tenantRepositories(deps.database.db, clientId);
  let actor: Actor;
  if (ref.type === "user") {
    const user = await repos.users.findById(ref.userId);
    if (!user || user.isDisabled) return null;
    // No session: the user acts through the job, not a browser, so there is no CSRF token either.
    actor = { type: "user", userId: user.id, role: user.role, sessionId: `job:${jobId}`, csrfToken: "" };
  } else {
    const key = await repos.apiKeys.findById(ref.keyId);
    if (!key || key.revokedAt) return null;
    actor = {
      type: "api_key",
      keyId: key.id,
      scopes: key.scopes as Extract<Actor, { type: "api_key" }>["scopes"],
    };
  }
  return {
    requestId: `job:${jobId}`,
    ip: "job",
    log: deps.log.child({ clientId, jobId }),
    clientId,
    actor,
    repos,
    transaction: (work) => inTenantTransaction(deps.database.db, clientId, work),
    deps,
  };
}

/** The context of the inbox rules' own work (a job no person started): the client's, as `system`. */
export function systemContext(deps: ServerDeps, clientId: string, jobId: string): RequestContext {
  return {
    requestId: `job:${jobId}`,
    ip: "job",
    log: deps.log.child({ clientId, jobId }),
    clientId,
    actor: { type: "system", name: "automation" },
    repos: tenantRepositories(deps.database.db, clientId),
    transaction: (work) => inTenantTransaction(deps.database.db, clientId, work),
    deps,
  };
}
