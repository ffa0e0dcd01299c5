import { and, arrayContains, asc, count, desc, eq, gt, type SQL } from "drizzle-orm";
import { contacts, conversations, notes } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";
import type { ContactRow } from "./contacts.repository";

export type NoteRow = typeof notes.$inferSelect;
export type MentionRow = {
  note: NoteRow;
  contact: Pick<ContactRow, "name" | "profileName" | "username" | "phone" | "waId" | "bsuid">;
};

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
      mentionedUserIds: string[];
    }): Promise<NoteRow> {
      const [row] = await scope.db
        .insert(notes)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },
    /**
     * How many notes mention a user since a time (all of them without one). A writer is never in
     * their own note's list (`addNote`), so these are all others' notes, their author's account
     * removed or not.
     */
    async countMentioningSince(userId: string, since: Date | null): Promise<number> {
      const conditions: SQL[] = [arrayContains(notes.mentionedUserIds, [userId])];
      if (since) conditions.push(gt(notes.createdAt, since));
      const [row] = await scope.db
        .select({ n: count() })
        .from(notes)
        .where(ownedBy(notes, scope, ...conditions));
      return Number(row?.n ?? 0);
    },
    /** The latest notes that mention a user, with their candidate (the GIN index finds them). */
    listMentioning(userId: string, limit: number): Promise<MentionRow[]> {
      return scope.db
        .select({
          note: notes,
          contact: {
            name: contacts.name,
            profileName: contacts.profileName,
            username: contacts.username,
            phone: contacts.phone,
            waId: contacts.waId,
            bsuid: contacts.bsuid,
          },
        })
        .from(notes)
        .innerJoin(
          conversations,
          and(eq(conversations.id, notes.conversationId), eq(conversations.clientId, notes.clientId)),
        )
        .innerJoin(
          contacts,
          and(eq(contacts.id, conversations.contactId), eq(contacts.clientId, notes.clientId)),
        )
        .where(ownedBy(notes, scope, arrayContains(notes.mentionedUserIds, [userId])))
        .orderBy(desc(notes.createdAt))
        .limit(limit);
    },
  };
}
