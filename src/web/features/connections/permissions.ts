import type { UserRole } from "../../../contracts/accounts";

/** Disconnecting a number is for owners and admins (the server checks it too). */
export function canDisconnect(role: UserRole): boolean {
  return role === "owner" || role === "admin";
}
