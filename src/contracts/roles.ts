// Who may do what in a client's account, by role. The server enforces it and the dashboard offers
// only what it allows: one matrix, so the two cannot drift. Free of zod, like constants.ts.

export const USER_ROLES = ["owner", "admin", "recruiter"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What only some roles may do; every signed-in user may do the rest (chats, sends, using templates). */
export const ROLE_ACTIONS = [
  "users.manage",
  "apiKeys.manage",
  "audit.read",
  "connections.disconnect",
  /** Take one of LinkoJob's numbers for the client (it costs a monthly fee); give it back by disconnecting it. */
  "connections.takeLinkojobNumber",
  "conversations.read",
  /** Create, edit and delete templates: each is submitted to Meta in the client's name. */
  "templates.manage",
  /** Register, change and replay the client's outbound webhook endpoints. */
  "webhooks.manage",
  /** The costs page: what the month cost, per number, recruiter, campaign and category. */
  "costs.read",
  /** Set or raise the client's and the recruiters' monthly budgets. */
  "budgets.manage",
  /** The client's campaign settings: its time zone, campaign chats in the inbox's "All". */
  "campaigns.settings",
  /** Resolve, snooze, reopen or archive a colleague's conversation (anyone may their own and unassigned ones). */
  "conversations.triageAny",
  /** A candidate's data rights: export their file, erase them, the client's retention. */
  "dataRights.manage",
  /** Create, change and delete the client's shared quick replies (everyone manages their own). */
  "quickReplies.manageShared",
  /** Create, rename, recolour, reorder and delete the client's hiring stages and labels (anyone sets them on a chat). */
  "pipeline.manage",
  /** The inbox rules: automatic assignment of new conversations, business hours and the away reply. */
  "automation.manage",
  /**
   * The reports page with every recruiter's figures (response and resolution times). Every user sees
   * the page; one without this sees only their own figures, never a colleague's.
   */
  "reports.readTeam",
] as const;
export type RoleAction = (typeof ROLE_ACTIONS)[number];

const ALLOWED: Record<RoleAction, readonly UserRole[]> = {
  "users.manage": ["owner", "admin"],
  "apiKeys.manage": ["owner", "admin"],
  "audit.read": ["owner", "admin"],
  "connections.disconnect": ["owner", "admin"],
  "connections.takeLinkojobNumber": ["owner", "admin"],
  // Live conversations over a socket: re-checked at each room join, as roles change.
  "conversations.read": ["owner", "admin", "recruiter"],
  "templates.manage": ["owner", "admin"],
  "webhooks.manage": ["owner", "admin"],
  "costs.read": ["owner", "admin"],
  "budgets.manage": ["owner"],
  "campaigns.settings": ["owner", "admin"],
  "conversations.triageAny": ["owner", "admin"],
  "dataRights.manage": ["owner", "admin"],
  "quickReplies.manageShared": ["owner", "admin"],
  "pipeline.manage": ["owner", "admin"],
  "automation.manage": ["owner", "admin"],
  "reports.readTeam": ["owner", "admin"],
};

/** Whether a role may take this action. Deny by default: an action without a row is nobody's. */
export function roleMay(role: UserRole, action: RoleAction): boolean {
  return ALLOWED[action]?.includes(role) ?? false;
}

/** Only an owner creates, changes or removes an owner, or makes someone one. */
export function mayManageRole(actorRole: UserRole, targetRole: UserRole): boolean {
  return targetRole !== "owner" || actorRole === "owner";
}

/** The roles an actor may hand out. */
export function assignableRoles(actorRole: UserRole): UserRole[] {
  return USER_ROLES.filter((role) => mayManageRole(actorRole, role));
}
