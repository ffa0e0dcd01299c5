import { eq } from "drizzle-orm";
import { clients } from "../../platform/db/schema/index";
import type { TenantScope } from "../../platform/db/tenant-scope";

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
      changes: Partial<Pick<ClientRow, "timeZone" | "hideUnansweredCampaignChats" | "campaignColumnMapping">>,
    ): Promise<ClientRow | undefined> {
      const [row] = await scope.db
        .update(clients)
        .set(changes)
        .where(eq(clients.id, scope.clientId))
        .returning();
      return row;
    },
  };
}
