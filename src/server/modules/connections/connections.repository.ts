import { and, asc, eq, gt, isNull, ne, or } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { signupStates, whatsappConnections } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { forgetBriefReads } from "../brief-reads";

export type ConnectionRow = typeof whatsappConnections.$inferSelect;
export type ConnectionChanges = Partial<Omit<ConnectionRow, "id" | "clientId" | "createdAt">>;

/** The client's WhatsApp connections and its Embedded Signup states. */
export function connectionsRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    list(): Promise<ConnectionRow[]> {
      return db
        .select()
        .from(whatsappConnections)
        .where(ownedBy(whatsappConnections, scope))
        .orderBy(asc(whatsappConnections.createdAt));
    },

    async findById(id: string): Promise<ConnectionRow | undefined> {
      const [row] = await db
        .select()
        .from(whatsappConnections)
        .where(ownedBy(whatsappConnections, scope, eq(whatsappConnections.id, id)))
        .limit(1);
      return row;
    },

    async findByPhoneNumberId(phoneNumberId: string): Promise<ConnectionRow | undefined> {
      const [row] = await db
        .select()
        .from(whatsappConnections)
        .where(ownedBy(whatsappConnections, scope, eq(whatsappConnections.phoneNumberId, phoneNumberId)))
        .limit(1);
      return row;
    },

    async create(values: ConnectionChanges & { id?: string }): Promise<ConnectionRow> {
      const [row] = await db
        .insert(whatsappConnections)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      forgetBriefReads(scope.clientId);
      return row!;
    },

    async update(id: string, changes: ConnectionChanges): Promise<ConnectionRow | undefined> {
      const [row] = await db
        .update(whatsappConnections)
        .set({ ...changes, updatedAt: new Date() })
        .where(ownedBy(whatsappConnections, scope, eq(whatsappConnections.id, id)))
        .returning();
      forgetBriefReads(scope.clientId); // a number disconnected or paused stops sending here at once
      return row;
    },

    /**
     * Writes the business portfolio's messaging limit on every number of this client in that
     * portfolio (its numbers of the same Meta business; the number alone when the business is not
     * known): Meta sets the limit per portfolio and all its numbers share it. Returns the numbers
     * whose limit changed.
     */
    async setPortfolioTier(
      connection: Pick<ConnectionRow, "id" | "businessId">,
      tier: string,
    ): Promise<ConnectionRow[]> {
      const t = whatsappConnections;
      const inPortfolio = connection.businessId
        ? eq(t.businessId, connection.businessId)
        : eq(t.id, connection.id);
      const changed = or(isNull(t.messagingLimitTier), ne(t.messagingLimitTier, tier));
      const rows = await db
        .update(t)
        .set({ messagingLimitTier: tier, updatedAt: new Date() })
        .where(ownedBy(t, scope, and(inPortfolio, changed)))
        .returning();
      forgetBriefReads(scope.clientId); // the intake counts the new limit from the next send
      return rows;
    },

    /** Re-seals secrets only if they are still the ones read (a reconnect meanwhile wins). */
    async replaceSealedSecrets(
      id: string,
      before: { accessTokenSealed: string | null; pinSealed: string | null },
      after: { accessTokenSealed: string | null; pinSealed: string | null },
    ): Promise<boolean> {
      const same = (column: AnyPgColumn, value: string | null) =>
        value === null ? isNull(column) : eq(column, value);
      const rows = await db
        .update(whatsappConnections)
        .set(after)
        .where(
          ownedBy(
            whatsappConnections,
            scope,
            eq(whatsappConnections.id, id),
            same(whatsappConnections.accessTokenSealed, before.accessTokenSealed),
            same(whatsappConnections.pinSealed, before.pinSealed),
          ),
        )
        .returning({ id: whatsappConnections.id });
      forgetBriefReads(scope.clientId);
      return rows.length === 1;
    },

    async createSignupState(values: { id: string; sessionId: string; userId: string; expiresAt: Date }) {
      await db.insert(signupStates).values({ ...values, clientId: scope.clientId });
    },

    /**
     * Marks a signup state used, once: only when it belongs to this client and session, is unused
     * and unexpired. Returns whether it was valid, so a forged or replayed state is refused.
     */
    async consumeSignupState(id: string, sessionId: string): Promise<boolean> {
      const used = await db
        .update(signupStates)
        .set({ usedAt: new Date() })
        .where(
          ownedBy(
            signupStates,
            scope,
            and(
              eq(signupStates.id, id),
              eq(signupStates.sessionId, sessionId),
              isNull(signupStates.usedAt),
              gt(signupStates.expiresAt, new Date()),
            ),
          ),
        )
        .returning({ id: signupStates.id });
      return used.length === 1;
    },
  };
}
export type ConnectionsRepository = ReturnType<typeof connectionsRepository>;
