import type { UserRole } from "../../../contracts/accounts";
import { mayManageRole, type RoleAction, roleMay } from "../../../contracts/roles";
import type { Actor } from "../context";

/** The role matrix (shared with the dashboard) for a request's actor; API keys never manage accounts. */
export function can(actor: Actor, action: RoleAction): boolean {
  return actor.type === "user" && roleMay(actor.role, action);
}

/** Only an owner can create, change or remove an owner, or make someone one. */
export function canManageRole(actor: Actor, targetRole: UserRole): boolean {
  return actor.type === "user" && mayManageRole(actor.role, targetRole);
}
