import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import { USER_ROLES, type UserRole } from "../../../contracts/roles";
import { sessions, users } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { forgetBriefReads } from "../brief-reads";

export type UserRow = typeof users.$inferSelect;

/** The client's users; every query is limited to the scope's client. */
export function usersRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    list(): Promise<UserRow[]> {
      return db.select().from(users).where(ownedBy(users, scope)).orderBy(asc(users.createdAt));
    },

    /**
     * Who may take a new conversation now: enabled users of these roles who have not said they are
     * away, in a fixed order (when they joined) so that turns go round them the same way each time.
     */
    listAvailable(roles: readonly UserRole[] = USER_ROLES): Promise<UserRow[]> {
      return db
        .select()
        .from(users)
        .where(
          ownedBy(
            users,
            scope,
            and(eq(users.isDisabled, false), eq(users.isAvailable, true), inArray(users.role, [...roles])),
          ),
        )
        .orderBy(asc(users.createdAt), asc(users.id));
    },

    async findById(id: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(ownedBy(users, scope, eq(users.id, id)))
        .limit(1);
      return row;
    },

    /** The user an operator call with this `Idempotency-Key` added. */
    async findByCreationKey(idempotencyKey: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(ownedBy(users, scope, eq(users.creationIdempotencyKey, idempotencyKey)))
        .limit(1);
      return row;
    },

    async findByExternalId(externalId: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(ownedBy(users, scope, eq(users.externalId, externalId)))
        .limit(1);
      return row;
    },

    async create(values: Omit<typeof users.$inferInsert, "clientId" | "id">): Promise<UserRow> {
      const [row] = await db
        .insert(users)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },

    async update(
      id: string,
      values: Partial<
        Pick<
          UserRow,
          | "name"
          | "role"
          | "locale"
          | "isDisabled"
          | "isAvailable"
          | "passwordHash"
          | "email"
          | "externalId"
          | "mentionsSeenAt"
        >
      >,
    ) {
      const [row] = await db
        .update(users)
        .set(values)
        .where(ownedBy(users, scope, eq(users.id, id)))
        .returning();
      // A session keeps its user's role and state a second (`briefReads`): from now on here.
      forgetBriefReads(scope.clientId);
      return row;
    },

    async remove(id: string): Promise<boolean> {
      const deleted = await db
        .delete(users)
        .where(ownedBy(users, scope, eq(users.id, id)))
        .returning({ id: users.id });
      forgetBriefReads(scope.clientId);
      return deleted.length > 0;
    },

    async countActiveOwners(exceptUserId?: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(users)
        .where(
          ownedBy(
            users,
            scope,
            eq(users.role, "owner"),
            eq(users.isDisabled, false),
            exceptUserId ? ne(users.id, exceptUserId) : undefined,
          ),
        );
      return row?.n ?? 0;
    },

    /** Ends a user's sessions (disabled, removed, or password changed), optionally keeping one. */
    async revokeSessions(userId: string, keepSessionId?: string) {
      await db
        .delete(sessions)
        .where(
          and(
            ownedBy(sessions, scope, eq(sessions.userId, userId)),
            keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
          ),
        );
      forgetBriefReads(scope.clientId);
    },
  };
}
