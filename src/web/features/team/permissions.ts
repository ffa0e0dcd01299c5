import type { UserResponse } from "../../../contracts/accounts";
import { mayManageRole, roleMay } from "../../../contracts/roles";

type Person = Pick<UserResponse, "id" | "role">;

/**
 * Whether a user's row is editable from the team list: the role matrix, and nobody edits
 * themselves there (no self-lockout; the server still lets an API caller do it).
 */
export function canEditUser(actor: Person, target: Person): boolean {
  if (!roleMay(actor.role, "users.manage") || actor.id === target.id) return false;
  return mayManageRole(actor.role, target.role);
}
