import { and, asc, count, desc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { virtualNumberAssignments, virtualNumbers, virtualWabas } from "../../platform/db/schema/index";

export type VirtualWabaRow = typeof virtualWabas.$inferSelect;
export type VirtualNumberRow = typeof virtualNumbers.$inferSelect;
export type AssignmentRow = typeof virtualNumberAssignments.$inferSelect;

/** Free, and out of quarantine at `now`. */
const assignable = (now: Date) =>
  and(
    eq(virtualNumbers.state, "available"),
    or(isNull(virtualNumbers.quarantinedUntil), lte(virtualNumbers.quarantinedUntil, now)),
  );

/**
 * LinkoJob's own WABA, its pool of numbers and who held each when. Not tenant-owned (LinkoJob's);
 * reached from operator routes, a client's taking or giving back of a number (its own rows only:
 * the client id is always given), the fee job and key rotation. A client's side of it (its
 * connection, its fee) goes through that client's scoped repositories.
 */
export function virtualNumbersRepository(db: Db) {
  return {
    async upsertWaba(values: { wabaId: string; businessId: string | null; name: string | null }) {
      const [row] = await db
        .insert(virtualWabas)
        .values({ ...values, accessTokenSealed: "" })
        .onConflictDoUpdate({
          target: virtualWabas.wabaId,
          set: { businessId: values.businessId, name: values.name, updatedAt: new Date() },
        })
        .returning();
      return row!;
    },

    async setWabaToken(id: string, accessTokenSealed: string) {
      await db.update(virtualWabas).set({ accessTokenSealed }).where(eq(virtualWabas.id, id));
    },

    listWabas(): Promise<VirtualWabaRow[]> {
      return db.select().from(virtualWabas).orderBy(asc(virtualWabas.createdAt));
    },

    async findWaba(id: string): Promise<VirtualWabaRow | undefined> {
      const [row] = await db.select().from(virtualWabas).where(eq(virtualWabas.id, id)).limit(1);
      return row;
    },

    /** Adds a number to the pool; one already there keeps its state and PIN. */
    async addNumber(values: {
      virtualWabaId: string;
      phoneNumberId: string;
      displayPhoneNumber: string;
      pinSealed: (id: string) => string;
    }) {
      const [existing] = await db
        .select()
        .from(virtualNumbers)
        .where(eq(virtualNumbers.phoneNumberId, values.phoneNumberId))
        .limit(1);
      if (existing) return existing;
      const id = crypto.randomUUID();
      const [row] = await db
        .insert(virtualNumbers)
        .values({
          id,
          virtualWabaId: values.virtualWabaId,
          phoneNumberId: values.phoneNumberId,
          displayPhoneNumber: values.displayPhoneNumber,
          pinSealed: values.pinSealed(id),
        })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    listNumbers() {
      return db
        .select({ number: virtualNumbers, wabaId: virtualWabas.wabaId })
        .from(virtualNumbers)
        .innerJoin(virtualWabas, eq(virtualWabas.id, virtualNumbers.virtualWabaId))
        .orderBy(asc(virtualNumbers.displayPhoneNumber));
    },

    async findNumber(id: string) {
      const [row] = await db
        .select({ number: virtualNumbers, waba: virtualWabas })
        .from(virtualNumbers)
        .innerJoin(virtualWabas, eq(virtualWabas.id, virtualNumbers.virtualWabaId))
        .where(eq(virtualNumbers.id, id))
        .limit(1);
      return row;
    },

    /**
     * Takes the number for an assignment if it is free and its quarantine is over: the row is
     * changed only then, so two operators assigning at once cannot both win.
     */
    async takeIfAssignable(id: string, now: Date): Promise<VirtualNumberRow | undefined> {
      const [row] = await db
        .update(virtualNumbers)
        .set({ state: "assigned", quarantinedUntil: null, updatedAt: now })
        .where(and(eq(virtualNumbers.id, id), assignable(now)))
        .returning();
      return row;
    },

    /**
     * Takes the first free number (never lent before first, then the longest out of quarantine)
     * for an assignment. A number another transaction is taking is skipped, not waited for, so two
     * clients taking one at once get two different numbers.
     */
    async takeFirstAssignable(now: Date): Promise<VirtualNumberRow | undefined> {
      // Two statements, not `UPDATE … WHERE id IN (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED)`: the
      // planner may run such a subquery more than once, and take more than one number.
      const [free] = await db
        .select({ id: virtualNumbers.id })
        .from(virtualNumbers)
        .where(assignable(now))
        .orderBy(
          sql`${virtualNumbers.quarantinedUntil} ASC NULLS FIRST`,
          asc(virtualNumbers.displayPhoneNumber),
        )
        .limit(1)
        .for("update", { skipLocked: true });
      if (!free) return undefined;
      const [row] = await db
        .update(virtualNumbers)
        .set({ state: "assigned", quarantinedUntil: null, updatedAt: now })
        .where(and(eq(virtualNumbers.id, free.id), assignable(now)))
        .returning();
      return row;
    },

    /** How many numbers are free now. */
    async countAssignable(now: Date): Promise<number> {
      const [row] = await db.select({ n: count() }).from(virtualNumbers).where(assignable(now));
      return Number(row?.n ?? 0);
    },

    /**
     * Holds, until the transaction ends, a client's taking of numbers: the count of what it holds
     * and the taking are one decision, so two clicks at once cannot pass the limit together.
     */
    async lockClient(clientId: string): Promise<void> {
      await db.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`virtual-numbers:${clientId}`}, 0))`,
      );
    },

    /** How many numbers a client holds now. */
    async countHeldBy(clientId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(virtualNumberAssignments)
        .where(
          and(eq(virtualNumberAssignments.clientId, clientId), isNull(virtualNumberAssignments.releasedAt)),
        );
      return Number(row?.n ?? 0);
    },

    /** The open assignment behind a client's connection, if that connection holds a LinkoJob number. */
    async openAssignmentOfConnection(
      clientId: string,
      connectionId: string,
    ): Promise<AssignmentRow | undefined> {
      const [row] = await db
        .select()
        .from(virtualNumberAssignments)
        .where(
          and(
            eq(virtualNumberAssignments.clientId, clientId),
            eq(virtualNumberAssignments.connectionId, connectionId),
            isNull(virtualNumberAssignments.releasedAt),
          ),
        )
        .limit(1);
      return row;
    },

    /** The open assignments of a WABA's numbers (the connections holding a copy of its token). */
    openAssignmentsOfWaba(virtualWabaId: string): Promise<AssignmentRow[]> {
      return db
        .select({ assignment: virtualNumberAssignments })
        .from(virtualNumberAssignments)
        .innerJoin(virtualNumbers, eq(virtualNumbers.id, virtualNumberAssignments.virtualNumberId))
        .where(
          and(eq(virtualNumbers.virtualWabaId, virtualWabaId), isNull(virtualNumberAssignments.releasedAt)),
        )
        .then((rows) => rows.map((r) => r.assignment));
    },

    /** Every sealed secret of LinkoJob's (WABA tokens, pool PINs), for key rotation. */
    async listSealedSecrets() {
      const wabas = await db
        .select({ id: virtualWabas.id, sealed: virtualWabas.accessTokenSealed })
        .from(virtualWabas);
      const numbers = await db
        .select({ id: virtualNumbers.id, sealed: virtualNumbers.pinSealed })
        .from(virtualNumbers);
      return { wabas, numbers };
    },

    /** Replaces a WABA's sealed token if it is still `before` (a re-registration meanwhile wins). */
    async replaceSealedToken(id: string, before: string, after: string): Promise<boolean> {
      const rows = await db
        .update(virtualWabas)
        .set({ accessTokenSealed: after })
        .where(and(eq(virtualWabas.id, id), eq(virtualWabas.accessTokenSealed, before)))
        .returning({ id: virtualWabas.id });
      return rows.length > 0;
    },

    /** Replaces a pool number's sealed PIN if it is still `before`. */
    async replaceSealedPin(id: string, before: string, after: string): Promise<boolean> {
      const rows = await db
        .update(virtualNumbers)
        .set({ pinSealed: after })
        .where(and(eq(virtualNumbers.id, id), eq(virtualNumbers.pinSealed, before)))
        .returning({ id: virtualNumbers.id });
      return rows.length > 0;
    },

    async putInQuarantine(id: string, until: Date) {
      await db
        .update(virtualNumbers)
        .set({ state: "available", quarantinedUntil: until, updatedAt: new Date() })
        .where(eq(virtualNumbers.id, id));
    },

    async insertAssignment(values: typeof virtualNumberAssignments.$inferInsert): Promise<AssignmentRow> {
      const [row] = await db.insert(virtualNumberAssignments).values(values).returning();
      return row!;
    },

    async openAssignment(virtualNumberId: string): Promise<AssignmentRow | undefined> {
      const [row] = await db
        .select()
        .from(virtualNumberAssignments)
        .where(
          and(
            eq(virtualNumberAssignments.virtualNumberId, virtualNumberId),
            isNull(virtualNumberAssignments.releasedAt),
          ),
        )
        .limit(1);
      return row;
    },

    listOpenAssignments(): Promise<AssignmentRow[]> {
      return db.select().from(virtualNumberAssignments).where(isNull(virtualNumberAssignments.releasedAt));
    },

    history(virtualNumberId: string): Promise<AssignmentRow[]> {
      return db
        .select()
        .from(virtualNumberAssignments)
        .where(eq(virtualNumberAssignments.virtualNumberId, virtualNumberId))
        .orderBy(desc(virtualNumberAssignments.assignedAt));
    },

    async closeAssignment(id: string, releasedBy: string, at: Date) {
      await db
        .update(virtualNumberAssignments)
        .set({ releasedAt: at, releasedBy })
        .where(and(eq(virtualNumberAssignments.id, id), isNull(virtualNumberAssignments.releasedAt)));
    },
  };
}
