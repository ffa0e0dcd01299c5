import { desc, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { forgetBriefReads } from "../brief-reads";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export function apiKeysRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    list(): Promise<ApiKeyRow[]> {
      return db.select().from(apiKeys).where(ownedBy(apiKeys, scope)).orderBy(desc(apiKeys.createdAt));
    },

    async create(values: Omit<typeof apiKeys.$inferInsert, "clientId" | "id">): Promise<ApiKeyRow> {
      const [row] = await db
        .insert(apiKeys)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },

    /** Revokes a key that is still active; undefined when there is no such key for this client. */
    async revoke(id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(ownedBy(apiKeys, scope, eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning();
      forgetBriefReads(scope.clientId); // the key stops answering in this process at once
      return row;
    },

    async findById(id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(ownedBy(apiKeys, scope, eq(apiKeys.id, id)))
        .limit(1);
      return row;
    },
  };
}
