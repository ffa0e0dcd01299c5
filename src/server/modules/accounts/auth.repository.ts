import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { apiKeys, clients, sessions, ssoTokenUses, users } from "../../platform/db/schema/index";
import { forgetBriefReads } from "../brief-reads";

/**
 * The only lookups that are not scoped to one client: they find *which* client a credential belongs
 * to (an e-mail at login, a session cookie, an API key). Everything after them is tenant-scoped.
 */
export function authRepository(db: Db) {
  return {
    async findUserForLogin(email: string) {
      const [row] = await db
        .select({ user: users, client: clients })
        .from(users)
        .innerJoin(clients, eq(clients.id, users.clientId))
        .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
        .limit(1);
      return row;
    },

    async createSession(values: typeof sessions.$inferInsert) {
      await db.insert(sessions).values(values);
    },

    async findSession(id: string) {
      const [row] = await db
        .select({ session: sessions, user: users, client: clients })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(clients, eq(clients.id, sessions.clientId))
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())))
        .limit(1);
      return row;
    },

    async touchSession(id: string, expiresAt: Date) {
      await db.update(sessions).set({ lastSeenAt: new Date(), expiresAt }).where(eq(sessions.id, id));
    },

    /** Ends a session; this process stops answering it at once (`briefReads`). */
    async deleteSession(id: string) {
      const [ended] = await db
        .delete(sessions)
        .where(eq(sessions.id, id))
        .returning({ clientId: sessions.clientId });
      if (ended) forgetBriefReads(ended.clientId);
    },

    async deleteExpiredSessions(): Promise<number> {
      const deleted = await db
        .delete(sessions)
        .where(lt(sessions.expiresAt, new Date()))
        .returning({ id: sessions.id });
      return deleted.length;
    },

    async recordLogin(userId: string) {
      await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
    },

    async findApiKey(prefix: string) {
      const [row] = await db
        .select({ key: apiKeys, clientSuspendedAt: clients.suspendedAt })
        .from(apiKeys)
        .innerJoin(clients, eq(clients.id, apiKeys.clientId))
        .where(eq(apiKeys.prefix, prefix))
        .limit(1);
      return row && { ...row.key, clientSuspendedAt: row.clientSuspendedAt };
    },

    /** The client a single sign-on token names: by our id, or by LinkoJob's (`externalId`). */
    async findClientForSso(by: { id: string } | { externalId: string }) {
      const [row] = await db
        .select()
        .from(clients)
        .where("id" in by ? eq(clients.id, by.id) : eq(clients.externalId, by.externalId))
        .limit(1);
      return row;
    },

    /** True the first time a token id is seen (until it expires); a replay answers false. */
    async claimSsoTokenUse(jti: string, expiresAt: Date): Promise<boolean> {
      const claimed = await db
        .insert(ssoTokenUses)
        .values({ jti, expiresAt })
        .onConflictDoNothing()
        .returning({ jti: ssoTokenUses.jti });
      return claimed.length === 1;
    },

    async deleteExpiredSsoTokenUses(): Promise<number> {
      const deleted = await db
        .delete(ssoTokenUses)
        .where(lt(ssoTokenUses.expiresAt, new Date()))
        .returning({ jti: ssoTokenUses.jti });
      return deleted.length;
    },

    async touchApiKey(id: string) {
      await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
    },
  };
}
export type AuthRepository = ReturnType<typeof authRepository>;
