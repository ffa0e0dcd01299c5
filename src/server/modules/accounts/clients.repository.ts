import { eq, sql } from "drizzle-orm";
import { clients } from "../../platform/db/schema/index";
import type { TenantScope } from "../../platform/db/tenant-scope";
import { forgetBriefReads } from "../brief-reads";

export type ClientRow = typeof clients.$inferSelect;

/** The scope's own client row; another client's id is simply not found. */
export function clientsRepository(scope: TenantScope) {
  return {
    async findById(id: string): Promise<ClientRow | undefined> {
      if (id !== scope.clientId) return undefined;
      const [row] = await scope.db.select().from(clients).where(eq(clients.id, scope.clientId)).limit(1);
      return row;
    },

    /** Changes the client's own settings. */
    async update(
      changes: Partial<
        Pick<
          ClientRow,
          | "timeZone"
          | "hideUnansweredCampaignChats"
          | "campaignColumnMapping"
          | "assignmentMode"
          | "awayReplyEnabled"
          | "businessHours"
          | "awayMessages"
        >
      >,
    ): Promise<ClientRow | undefined> {
      const [row] = await scope.db
        .update(clients)
        .set(changes)
        .where(eq(clients.id, scope.clientId))
        .returning();
      forgetBriefReads(scope.clientId);
      return row;
    },

    /**
     * The round robin's next turn: one atomic increment, whose row lock holds until the caller's
     * transaction ends, so concurrent assignments take consecutive turns and never the same one.
     */
    async takeAssignmentTurn(): Promise<number> {
      const [row] = await scope.db
        .update(clients)
        .set({ assignmentTurn: sql`${clients.assignmentTurn} + 1` })
        .where(eq(clients.id, scope.clientId))
        .returning({ turn: clients.assignmentTurn });
      return row!.turn - 1;
    },
  };
}
