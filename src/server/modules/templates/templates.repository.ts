import { and, asc, eq, isNotNull, isNull, lt, ne, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { templates } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import { forgetBriefReads } from "../brief-reads";

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateValues = Omit<typeof templates.$inferInsert, "id" | "clientId" | "connectionId">;

export function templatesRepository(scope: TenantScope) {
  const { db } = scope;
  const first = async (...conditions: SQL[]): Promise<TemplateRow | undefined> => {
    const [row] = await db
      .select()
      .from(templates)
      .where(ownedBy(templates, scope, ...conditions))
      .limit(1);
    return row;
  };
  return {
    list(
      filter: { connectionId?: string; status?: string; language?: string; name?: string } = {},
    ): Promise<TemplateRow[]> {
      const conditions: (SQL | undefined)[] = [
        filter.connectionId ? eq(templates.connectionId, filter.connectionId) : undefined,
        filter.status ? eq(templates.status, filter.status) : undefined,
        filter.language ? eq(templates.language, filter.language) : undefined,
        filter.name ? eq(templates.name, filter.name) : undefined,
      ];
      return db
        .select()
        .from(templates)
        .where(ownedBy(templates, scope, ...conditions))
        .orderBy(asc(templates.name), asc(templates.language));
    },

    findById(id: string): Promise<TemplateRow | undefined> {
      return first(eq(templates.id, id));
    },

    findByMetaId(connectionId: string, metaTemplateId: string): Promise<TemplateRow | undefined> {
      return first(eq(templates.connectionId, connectionId), eq(templates.metaTemplateId, metaTemplateId));
    },

    /**
     * Stores a template just submitted. A row of the same name and language is either this very
     * template, stored meanwhile by a sync and maybe already reviewed (its status, category and
     * quality are newer than Meta's answer and stay), or an older one (deleted at Meta, a stale
     * copy) replaced in place, so its history continues.
     */
    async insertSubmitted(connectionId: string, values: TemplateValues): Promise<TemplateRow> {
      const now = new Date();
      const fresh = { ...values, approvedEdits: [], lastChangedAt: now, syncedAt: now };
      const sameTemplate = sql`${templates.metaTemplateId} = excluded.meta_template_id`;
      const keep = (column: AnyPgColumn, name: string) =>
        sql`CASE WHEN ${sameTemplate} THEN ${column} ELSE excluded.${sql.identifier(name)} END`;
      const [row] = await db
        .insert(templates)
        .values({ ...fresh, clientId: scope.clientId, connectionId })
        .onConflictDoUpdate({
          target: [templates.connectionId, templates.name, templates.language],
          set: {
            ...fresh,
            status: keep(templates.status, "status"),
            statusReason: keep(templates.statusReason, "status_reason"),
            rejectionReason: keep(templates.rejectionReason, "rejection_reason"),
            category: keep(templates.category, "category"),
            qualityScore: keep(templates.qualityScore, "quality_score"),
            approvedEdits: keep(templates.approvedEdits, "approved_edits"),
          },
          setWhere: eq(templates.clientId, scope.clientId),
        })
        .returning();
      forgetBriefReads(scope.clientId);
      return row as TemplateRow;
    },

    /**
     * Applies an edit made at Meta. The status goes back to PENDING only if no change of Meta's
     * reached the row since the edit started: a review webhook can arrive before Meta's answer.
     */
    async applyEdit(
      id: string,
      changes: Pick<Partial<TemplateValues>, "components" | "category" | "approvedEdits">,
      startedAt: Date,
    ): Promise<TemplateRow | undefined> {
      const [row] = await db
        .update(templates)
        .set({
          ...changes,
          status: sql`CASE WHEN ${templates.lastChangedAt} < ${startedAt} THEN 'PENDING' ELSE ${templates.status} END`,
          statusReason: sql`CASE WHEN ${templates.lastChangedAt} < ${startedAt} THEN NULL ELSE ${templates.statusReason} END`,
          rejectionReason: sql`CASE WHEN ${templates.lastChangedAt} < ${startedAt} THEN NULL ELSE ${templates.rejectionReason} END`,
          lastChangedAt: new Date(),
        })
        .where(ownedBy(templates, scope, eq(templates.id, id)))
        .returning();
      forgetBriefReads(scope.clientId);
      return row;
    },

    async update(id: string, changes: Partial<TemplateValues>): Promise<TemplateRow | undefined> {
      const [row] = await db
        .update(templates)
        .set({ ...changes, lastChangedAt: new Date(), syncedAt: new Date() })
        .where(ownedBy(templates, scope, eq(templates.id, id)))
        .returning();
      forgetBriefReads(scope.clientId);
      return row;
    },

    async remove(id: string): Promise<boolean> {
      const rows = await db
        .delete(templates)
        .where(ownedBy(templates, scope, eq(templates.id, id)))
        .returning({ id: templates.id });
      forgetBriefReads(scope.clientId);
      return rows.length > 0;
    },

    find(connectionId: string, name: string, language: string): Promise<TemplateRow | undefined> {
      return first(
        eq(templates.connectionId, connectionId),
        eq(templates.name, name),
        eq(templates.language, language),
      );
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
      forgetBriefReads(scope.clientId);
    },

    /**
     * Meta's pacing of a template as a send's answer said it (`held_for_quality_assessment`,
     * `paused`; null: accepted as it came). Writes only a change, and leaves `last_changed_at`
     * alone (pacing is not a change of the template's review). The intake does not read pacing:
     * `briefReads` is kept (this runs on every send's answer).
     */
    async notePacing(connectionId: string, name: string, language: string, status: string | null) {
      await db
        .update(templates)
        .set({ pacing: status, pacingAt: status ? new Date() : null })
        .where(
          ownedBy(
            templates,
            scope,
            and(
              eq(templates.connectionId, connectionId),
              eq(templates.name, name),
              eq(templates.language, language),
              status === null
                ? isNotNull(templates.pacing)
                : or(isNull(templates.pacing), ne(templates.pacing, status)),
            ),
          ),
        );
    },

    /** Applies a template webhook (status, quality, category) to the rows of that Meta template. */
    async updateByMetaId(connectionId: string, metaTemplateId: string, changes: Partial<TemplateValues>) {
      const rows = await db
        .update(templates)
        .set({ ...changes, lastChangedAt: new Date(), syncedAt: new Date() })
        .where(
          ownedBy(
            templates,
            scope,
            and(eq(templates.connectionId, connectionId), eq(templates.metaTemplateId, metaTemplateId)),
          ),
        )
        .returning();
      forgetBriefReads(scope.clientId); // a template Meta paused or disabled is refused here at once
      return rows;
    },
  };
}
