import type { UserResponse, UserRole } from "../../../contracts/accounts";

type Actor = Pick<UserResponse, "id" | "role">;

/** Owners and admins manage users and API keys; recruiters only see their team. */
export function canManageTeam(actor: Actor): boolean {
  return actor.role === "owner" || actor.role === "admin";
}

/** Nobody edits themselves from the team list (no self-lockout); only an owner touches an owner. */
export function canEditUser(actor: Actor, target: Pick<UserResponse, "id" | "role">): boolean {
  if (!canManageTeam(actor) || actor.id === target.id) return false;
  return target.role !== "owner" || actor.role === "owner";
}

/** Roles an actor may hand out: only an owner can make another owner. */
export function assignableRoles(actor: Actor): UserRole[] {
  return actor.role === "owner" ? ["owner", "admin", "recruiter"] : ["admin", "recruiter"];
}
