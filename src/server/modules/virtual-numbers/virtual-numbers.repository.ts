import { and, asc, desc, eq, isNull, lte, or } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { virtualNumberAssignments, virtualNumbers, virtualWabas } from "../../platform/db/schema/index";

export type VirtualWabaRow = typeof virtualWabas.$inferSelect;
export type VirtualNumberRow = typeof virtualNumbers.$inferSelect;
export type AssignmentRow = typeof virtualNumberAssignments.$inferSelect;

/**
 * LinkoJob's own WABA, its pool of numbers and who held each when. Not tenant-owned (LinkoJob's);
 * reached from operator routes and the fee job only. A client's side of it (its connection, its
 * fee) goes through that client's scoped repositories.
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
        .where(
          and(
            eq(virtualNumbers.id, id),
            eq(virtualNumbers.state, "available"),
            or(isNull(virtualNumbers.quarantinedUntil), lte(virtualNumbers.quarantinedUntil, now)),
          ),
        )
        .returning();
      return row;
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
