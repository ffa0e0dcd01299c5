import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { templateEvents, templates } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type TemplateEventRow = typeof templateEvents.$inferSelect;
export type NewTemplateEvent = Omit<typeof templateEvents.$inferInsert, "id" | "clientId">;

/** A template's history, and the changes Meta announced before the template was stored here. */
export function templateEventsRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    async record(event: NewTemplateEvent): Promise<void> {
      await db.insert(templateEvents).values({ ...event, clientId: scope.clientId });
    },

    /** The history of each template, oldest first. */
    async ofTemplates(templateIds: string[]): Promise<Map<string, TemplateEventRow[]>> {
      const byTemplate = new Map<string, TemplateEventRow[]>();
      if (templateIds.length === 0) return byTemplate;
      const rows = await db
        .select()
        .from(templateEvents)
        .where(ownedBy(templateEvents, scope, inArray(templateEvents.templateId, templateIds)))
        .orderBy(asc(templateEvents.at), asc(templateEvents.id));
      for (const row of rows) {
        const list = byTemplate.get(row.templateId as string) ?? [];
        list.push(row);
        byTemplate.set(row.templateId as string, list);
      }
      return byTemplate;
    },

    /**
     * Holds, until the transaction ends, the decision "is this Meta template stored here?". The
     * webhook that parks a change and the submission that adopts parked changes both take it first:
     * under READ COMMITTED each would otherwise decide before seeing the other's uncommitted work,
     * and a review that beat our create call's answer would stay parked for good.
     */
    async lockMetaTemplate(connectionId: string, metaTemplateId: string): Promise<void> {
      const key = `template:${connectionId}:${metaTemplateId}`;
      await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    },

    /** Attaches the changes that waited for this Meta template to its stored row; returns them, oldest first. */
    adoptParked(
      connectionId: string,
      metaTemplateId: string,
      templateId: string,
    ): Promise<TemplateEventRow[]> {
      return db
        .update(templateEvents)
        .set({ templateId })
        .where(
          ownedBy(
            templateEvents,
            scope,
            and(
              eq(templateEvents.connectionId, connectionId),
              eq(templateEvents.metaTemplateId, metaTemplateId),
              isNull(templateEvents.templateId),
            ),
          ),
        )
        .returning()
        .then((rows) => rows.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id));
    },

    /** Attaches every waiting change of a connection whose template is now stored (after a sync); oldest first. */
    async adoptAllParked(connectionId: string): Promise<TemplateEventRow[]> {
      const owner = sql`(SELECT ${templates.id} FROM ${templates}
        WHERE ${templates.clientId} = ${scope.clientId}
          AND ${templates.connectionId} = ${connectionId}
          AND ${templates.metaTemplateId} = ${templateEvents.metaTemplateId})`;
      const rows = await db
        .update(templateEvents)
        .set({ templateId: owner })
        .where(
          ownedBy(
            templateEvents,
            scope,
            eq(templateEvents.connectionId, connectionId),
            isNull(templateEvents.templateId),
            sql`EXISTS ${owner}`,
          ),
        )
        .returning();
      return rows.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
    },
  };
}
