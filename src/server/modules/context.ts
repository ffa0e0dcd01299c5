import type { FastifyBaseLogger } from "fastify";
import type { ApiKeyScope, UserRole } from "../../contracts/accounts";
import type { ServerDeps } from "../deps";
import type { Db } from "../platform/db/client";
import type { TenantRepositories } from "./tenant-repositories";

export type Actor =
  | { type: "user"; userId: string; role: UserRole; sessionId: string; csrfToken: string }
  | { type: "api_key"; keyId: string; scopes: ApiKeyScope[] }
  /** The inbox rules acting on their own (automatic assignment, the away reply), from a job. */
  | { type: "system"; name: "automation" };

/** Everything a service needs to act for one authenticated request, scoped to one client. */
export interface RequestContext {
  requestId: string;
  ip: string;
  log: FastifyBaseLogger;
  clientId: string;
  actor: Actor;
  /** The client's repositories, outside any transaction. */
  repos: TenantRepositories;
  /**
   * One transaction with the client's repositories bound to it. Inside `work`, use its `repos`
   * only (`tx` is for jobs and domain events that must commit with the data).
   */
  transaction<T>(work: (repos: TenantRepositories, tx: Db) => Promise<T>): Promise<T>;
  /**
   * Set when `transaction` runs inside one its caller holds open (an away reply claimed with its
   * send): such work commits with the caller's, so it may not wait on, or join, anyone else's.
   */
  withinTransaction?: true;
  deps: ServerDeps;
}

/** The actor's id as the audit log records it. */
export function actorId(actor: Actor): string {
  if (actor.type === "system") return actor.name;
  return actor.type === "user" ? actor.userId : actor.keyId;
}

/** Who a language chosen for a candidate is credited to: a person in the dashboard, or LinkoJob's API. */
export function chosenLanguageSource(actor: Actor): "recruiter" | "integration" {
  return actor.type === "user" ? "recruiter" : "integration";
}

/** Who deferred work acts for: the request's actor, kept in a job's payload (no session, no secret). */
export type ActorRef = { type: "user"; userId: string } | { type: "api_key"; keyId: string };

export function actorRefOf(actor: Actor): ActorRef {
  if (actor.type === "system") throw new Error("the inbox rules start no deferred work of a person's");
  return actor.type === "user"
    ? { type: "user", userId: actor.userId }
    : { type: "api_key", keyId: actor.keyId };
}
