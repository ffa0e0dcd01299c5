import { and, asc, eq, lt, notInArray, type SQL } from "drizzle-orm";
import { templates } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateValues = Omit<typeof templates.$inferInsert, "id" | "clientId" | "connectionId">;

export function templatesRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    list(filter: { connectionId?: string; status?: string; language?: string } = {}): Promise<TemplateRow[]> {
      const conditions: (SQL | undefined)[] = [
        filter.connectionId ? eq(templates.connectionId, filter.connectionId) : undefined,
        filter.status ? eq(templates.status, filter.status) : undefined,
        filter.language ? eq(templates.language, filter.language) : undefined,
      ];
      return db
        .select()
        .from(templates)
        .where(ownedBy(templates, scope, ...conditions))
        .orderBy(asc(templates.name), asc(templates.language));
    },

    async find(connectionId: string, name: string, language: string): Promise<TemplateRow | undefined> {
      const [row] = await db
        .select()
        .from(templates)
        .where(
          ownedBy(
            templates,
            scope,
            eq(templates.connectionId, connectionId),
            eq(templates.name, name),
            eq(templates.language, language),
          ),
        )
        .limit(1);
      return row;
    },

    /**
     * Replaces a connection's templates with Meta's list as read at `readAt`: upserts each, removes
     * the ones gone. A row a webhook changed after that read is newer than the list and is kept.
     */
    async replaceAll(connectionId: string, rows: TemplateValues[], readAt: Date): Promise<void> {
      for (const row of rows) {
        await db
          .insert(templates)
          .values({ ...row, clientId: scope.clientId, connectionId, syncedAt: readAt })
          .onConflictDoUpdate({
            target: [templates.connectionId, templates.name, templates.language],
            set: { ...row, syncedAt: readAt },
            setWhere: lt(templates.syncedAt, readAt),
          });
      }
      const keep = rows.map((r) => r.metaTemplateId);
      await db
        .delete(templates)
        .where(
          ownedBy(
            templates,
            scope,
            eq(templates.connectionId, connectionId),
            keep.length > 0 ? notInArray(templates.metaTemplateId, keep) : undefined,
            lt(templates.syncedAt, readAt),
          ),
        );
    },

    /** Applies a template webhook (status, quality, category) to the rows of that Meta template. */
    async updateByMetaId(connectionId: string, metaTemplateId: string, changes: Partial<TemplateValues>) {
      return db
        .update(templates)
        .set({ ...changes, syncedAt: new Date() })
        .where(
          ownedBy(
            templates,
            scope,
            and(eq(templates.connectionId, connectionId), eq(templates.metaTemplateId, metaTemplateId)),
          ),
        )
        .returning();
    },
  };
}
