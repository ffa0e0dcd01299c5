import { desc, lt } from "drizzle-orm";
import { auditLog } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditEntry = Omit<typeof auditLog.$inferInsert, "clientId" | "id" | "createdAt">;

export function auditRepository(scope: TenantScope) {
  return {
    async record(entry: NewAuditEntry): Promise<void> {
      await scope.db.insert(auditLog).values({ ...entry, clientId: scope.clientId });
    },

    async recordMany(entries: NewAuditEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await scope.db
        .insert(auditLog)
        .values(entries.map((entry) => ({ ...entry, clientId: scope.clientId })));
    },

    /** Newest first; `before` is the id of the last entry of the previous page. */
    list(limit: number, before?: bigint): Promise<AuditRow[]> {
      return scope.db
        .select()
        .from(auditLog)
        .where(ownedBy(auditLog, scope, before ? lt(auditLog.id, before) : undefined))
        .orderBy(desc(auditLog.id))
        .limit(limit);
    },
  };
}
