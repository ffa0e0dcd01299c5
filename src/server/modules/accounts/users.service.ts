import type {
  ChangePasswordBody,
  CreateUserBody,
  UpdateMeBody,
  UpdateUserBody,
} from "../../../contracts/accounts";
import { ErrorCode } from "../../../contracts/errors";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import type { TenantRepositories } from "../tenant-repositories";
import { requireStrongPassword } from "./password-strength";
import { hashOptionalPassword, hashPassword, verifyPassword } from "./passwords";
import { can, canManageRole } from "./policies";
import type { UserRow } from "./users.repository";

function requireManager(ctx: RequestContext): void {
  if (!can(ctx.actor, "users.manage")) throw forbidden("Only owners and admins manage users");
}

/** The session's own user. */
export async function getMe(ctx: RequestContext): Promise<UserRow> {
  if (ctx.actor.type !== "user") throw forbidden();
  const user = await ctx.repos.users.findById(ctx.actor.userId);
  if (!user) throw notFound("User");
  return user;
}

export async function updateMe(ctx: RequestContext, input: UpdateMeBody): Promise<UserRow> {
  const me = await getMe(ctx);
  const updated = await ctx.repos.users.update(me.id, input);
  return updated ?? me;
}

export function listUsers(ctx: RequestContext): Promise<UserRow[]> {
  return ctx.repos.users.list();
}

/** Creates a user of this client; e-mails are unique across the platform (login is by e-mail). */
export async function createUser(ctx: RequestContext, input: CreateUserBody): Promise<UserRow> {
  requireManager(ctx);
  if (!canManageRole(ctx.actor, input.role)) throw forbidden("Only an owner can add an owner");
  const user = await addUserToClient(ctx.repos, input);
  await recordAudit(ctx, "user.created", { type: "user", id: user.id }, { role: user.role });
  return user;
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRow["role"];
  locale: UserRow["locale"];
  /** Without one, the user arrives through single sign-on only. */
  password?: string | undefined;
  externalId?: string | undefined;
}

/**
 * Adds a user to the repositories' client (a manager in the dashboard, or LinkoJob's operators);
 * e-mails are unique across the platform (login is by e-mail), LinkoJob's ids within the client.
 */
export async function addUserToClient(
  repos: TenantRepositories,
  input: NewUser,
  /** An operator call's `Idempotency-Key` and its body's fingerprint, kept to answer a retry. */
  creation?: { idempotencyKey: string; fingerprint: string },
): Promise<UserRow> {
  if (input.password) await requireStrongPassword("body.password", input.password, input);
  const passwordHash = await hashOptionalPassword(input.password);
  try {
    return await repos.users.create({
      email: input.email.trim(),
      name: input.name,
      role: input.role,
      locale: input.locale,
      passwordHash,
      externalId: input.externalId ?? null,
      creationIdempotencyKey: creation?.idempotencyKey ?? null,
      creationFingerprint: creation?.fingerprint ?? null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("A user with this e-mail or LinkoJob id already exists");
    throw error;
  }
}

/** Changes a user's name, role, password or access; keeps at least one active owner. */
export async function updateUser(ctx: RequestContext, id: string, input: UpdateUserBody): Promise<UserRow> {
  requireManager(ctx);
  const target = await ctx.repos.users.findById(id);
  if (!target) throw notFound("User");
  if (!canManageRole(ctx.actor, target.role) || (input.role && !canManageRole(ctx.actor, input.role))) {
    throw forbidden("Only an owner can change an owner");
  }
  const losesOwner = target.role === "owner" && ((input.role && input.role !== "owner") || input.isDisabled);
  if (losesOwner && (await ctx.repos.users.countActiveOwners(target.id)) === 0) {
    throw conflict("A client keeps at least one active owner");
  }
  const { password, ...changes } = input;
  if (password) await requireStrongPassword("body.password", password, target);
  const updated = await ctx.repos.users.update(id, {
    ...changes,
    ...(password ? { passwordHash: await hashPassword(password) } : {}),
  });
  if (!updated) throw notFound("User");
  const keep = ctx.actor.type === "user" && ctx.actor.userId === id ? ctx.actor.sessionId : undefined;
  if (input.isDisabled || password) await ctx.repos.users.revokeSessions(id, keep);
  const isRoleChanged = input.role !== undefined && input.role !== target.role;
  if (isRoleChanged || input.isDisabled || password) {
    // Ended sessions lose their tabs; a new role costs every tab, to reconnect with what it allows.
    ctx.deps.sockets.disconnectUser(id, { exceptSessionId: isRoleChanged ? undefined : keep });
  }
  await recordAudit(
    ctx,
    "user.updated",
    { type: "user", id },
    {
      fields: Object.keys(input).filter((k) => k !== "password"),
      passwordChanged: Boolean(password),
    },
  );
  return updated;
}

export async function deleteUser(ctx: RequestContext, id: string): Promise<void> {
  requireManager(ctx);
  if (ctx.actor.type === "user" && ctx.actor.userId === id) throw conflict("You cannot remove yourself");
  const target = await ctx.repos.users.findById(id);
  if (!target) throw notFound("User");
  if (!canManageRole(ctx.actor, target.role)) throw forbidden("Only an owner can remove an owner");
  if (target.role === "owner" && (await ctx.repos.users.countActiveOwners(target.id)) === 0) {
    throw conflict("A client keeps at least one active owner");
  }
  await ctx.repos.users.remove(id);
  ctx.deps.sockets.disconnectUser(id);
  await recordAudit(ctx, "user.removed", { type: "user", id }, { email: target.email });
}

export function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  return code === "23505";
}

/**
 * Changes the session user's own password after checking the current one; the user's other
 * sessions end (a stolen one stops working), this one stays.
 */
export async function changeOwnPassword(ctx: RequestContext, input: ChangePasswordBody): Promise<void> {
  const me = await getMe(ctx);
  if (!(await verifyPassword(me.passwordHash, input.currentPassword))) {
    throw new AppError(ErrorCode.wrongCurrentPassword, "The current password is wrong");
  }
  await requireStrongPassword("body.newPassword", input.newPassword, me);
  await ctx.repos.users.update(me.id, { passwordHash: await hashPassword(input.newPassword) });
  if (ctx.actor.type === "user") {
    await ctx.repos.users.revokeSessions(me.id, ctx.actor.sessionId);
    ctx.deps.sockets.disconnectUser(me.id, { exceptSessionId: ctx.actor.sessionId });
  }
  await recordAudit(ctx, "user.password_changed", { type: "user", id: me.id });
}
