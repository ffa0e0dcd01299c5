import { describe, expect, it } from "vitest";
import { can, canManageRole } from "../server/modules/accounts/policies";
import type { Actor } from "../server/modules/context";
import { canEditUser } from "../web/features/team/permissions";
import { assignableRoles, mayManageRole, ROLE_ACTIONS, type RoleAction, roleMay, USER_ROLES } from "./roles";

const user = (role: (typeof USER_ROLES)[number]): Actor => ({
  type: "user",
  userId: `u-${role}`,
  role,
  sessionId: "s",
  csrfToken: "c",
});

describe("role matrix", () => {
  it("lets owners and admins run the account, recruiters only talk to candidates", () => {
    const matrix = Object.fromEntries(
      ROLE_ACTIONS.map((action) => [action, USER_ROLES.filter((role) => roleMay(role, action))]),
    );
    expect(matrix).toEqual({
      "users.manage": ["owner", "admin"],
      "apiKeys.manage": ["owner", "admin"],
      "audit.read": ["owner", "admin"],
      "connections.disconnect": ["owner", "admin"],
      "connections.takeLinkojobNumber": ["owner", "admin"],
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
    });
  });

  it("denies an action it has no row for", () => {
    expect(roleMay("owner", "billing.manage" as RoleAction)).toBe(false);
  });

  it("keeps owners for owners to make, change and remove", () => {
    expect(assignableRoles("owner")).toEqual(["owner", "admin", "recruiter"]);
    expect(assignableRoles("admin")).toEqual(["admin", "recruiter"]);
    expect(mayManageRole("admin", "owner")).toBe(false);
    expect(mayManageRole("owner", "owner")).toBe(true);
  });

  it("is what the server enforces for users, and API keys never manage the account", () => {
    const apiKey: Actor = { type: "api_key", keyId: "k", scopes: ["users:read"] };
    for (const action of ROLE_ACTIONS) {
      for (const role of USER_ROLES)
        expect(can(user(role), action), `${role} ${action}`).toBe(roleMay(role, action));
      expect(can(apiKey, action)).toBe(false);
    }
    for (const actor of USER_ROLES) {
      for (const target of USER_ROLES) {
        expect(canManageRole(user(actor), target)).toBe(mayManageRole(actor, target));
      }
    }
    expect(USER_ROLES.some((role) => canManageRole(apiKey, role))).toBe(false);
  });

  it("is what the dashboard offers: another user's row is editable exactly when the server would allow it", () => {
    for (const actor of USER_ROLES) {
      for (const target of USER_ROLES) {
        const server = can(user(actor), "users.manage") && canManageRole(user(actor), target);
        expect(
          canEditUser({ id: "me", role: actor }, { id: "them", role: target }),
          `${actor} → ${target}`,
        ).toBe(server);
      }
      expect(canEditUser({ id: "me", role: actor }, { id: "me", role: actor })).toBe(false);
    }
  });
});
