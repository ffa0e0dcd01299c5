import type { UserRole } from "../../../contracts/accounts";
import type { Actor } from "../context";

export type AccountAction = "users.manage" | "apiKeys.manage" | "audit.read";

const allowed: Record<AccountAction, UserRole[]> = {
  "users.manage": ["owner", "admin"],
  "apiKeys.manage": ["owner", "admin"],
  "audit.read": ["owner", "admin"],
};

/** Role rules for account management; API keys never manage accounts. Deny by default. */
export function can(actor: Actor, action: AccountAction): boolean {
  return actor.type === "user" && (allowed[action]?.includes(actor.role) ?? false);
}

/** Only an owner can create, change or remove an owner, or make someone one. */
export function canManageRole(actor: Actor, targetRole: UserRole): boolean {
  if (actor.type !== "user") return false;
  return targetRole !== "owner" || actor.role === "owner";
}
