import type { UserRole } from "../../../contracts/accounts";
import type { Actor } from "../context";

export type AccountAction = "users.manage" | "apiKeys.manage" | "audit.read" | "conversations.read";

const allowed: Record<AccountAction, UserRole[]> = {
  "users.manage": ["owner", "admin"],
  "apiKeys.manage": ["owner", "admin"],
  "audit.read": ["owner", "admin"],
  // Live conversations over a socket: re-checked at each room join, as roles change.
  "conversations.read": ["owner", "admin", "recruiter"],
};

/** Whether a role may do an action. Deny by default. */
export function roleMay(role: UserRole, action: AccountAction): boolean {
  return allowed[action]?.includes(role) ?? false;
}

/** Role rules for account management; API keys never manage accounts. */
export function can(actor: Actor, action: AccountAction): boolean {
  return actor.type === "user" && roleMay(actor.role, action);
}

/** Only an owner can create, change or remove an owner, or make someone one. */
export function canManageRole(actor: Actor, targetRole: UserRole): boolean {
  if (actor.type !== "user") return false;
  return targetRole !== "owner" || actor.role === "owner";
}
