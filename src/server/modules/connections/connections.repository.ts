import { asc } from "drizzle-orm";
import { whatsappConnections } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type ConnectionRow = typeof whatsappConnections.$inferSelect;

export function connectionsRepository(scope: TenantScope) {
  return {
    list(): Promise<ConnectionRow[]> {
      return scope.db
        .select()
        .from(whatsappConnections)
        .where(ownedBy(whatsappConnections, scope))
        .orderBy(asc(whatsappConnections.createdAt));
    },
  };
}
