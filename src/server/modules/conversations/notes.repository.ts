import { asc, eq } from "drizzle-orm";
import { notes } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type NoteRow = typeof notes.$inferSelect;

export function notesRepository(scope: TenantScope) {
  return {
    list(conversationId: string): Promise<NoteRow[]> {
      return scope.db
        .select()
        .from(notes)
        .where(ownedBy(notes, scope, eq(notes.conversationId, conversationId)))
        .orderBy(asc(notes.createdAt));
    },
    async create(values: {
      conversationId: string;
      authorId: string | null;
      body: string;
    }): Promise<NoteRow> {
      const [row] = await scope.db
        .insert(notes)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },
  };
}
