import { and, desc, eq, inArray, isNotNull, isNull, like, ne, or, type SQL, sql } from "drizzle-orm";
import type { ContactLanguage } from "../../../contracts/contact-language";
import { chunksOf, compareKeys } from "../../platform/collections";
import { arrayRows, asTableRows } from "../../platform/db/array-rows";
import type { SqlResult } from "../../platform/db/client";
import { foldedMatch, withoutAt } from "../../platform/db/folded-search";
import { olderThan } from "../../platform/db/keyset";
import { contacts } from "../../platform/db/schema/index";
import { ownedBy, type TenantScope } from "../../platform/db/tenant-scope";

export type ContactRow = typeof contacts.$inferSelect;
export type ContactChanges = Partial<Omit<ContactRow, "id" | "clientId" | "createdAt">>;

/** Who wrote, as WhatsApp names them: the number (wa_id) or, when hidden, the business-scoped id. */
export interface WhatsAppIdentity {
  waId: string | null;
  bsuid: string | null;
  profileName: string | null;
  /** The username the candidate adopted, when Meta says it (`contacts[].profile.username`). */
  username?: string | null;
  /** Meta's parent BSUID (`parent_user_id`), for managed enterprises. */
  parentBsuid?: string | null;
}

/** The key a contact is found by: its wa_id when WhatsApp gives one, else its business-scoped id. */
export const identityKey = (identity: Pick<WhatsAppIdentity, "waId" | "bsuid">) =>
  identity.waId !== null ? `wa:${identity.waId}` : `bsuid:${identity.bsuid}`;

const LOOKUP_CHUNK = 5_000;
const zipChunks = (a: string[], b: string[], size: number) => {
  const [as, bs] = [chunksOf(a, size), chunksOf(b, size)];
  return Array.from({ length: Math.max(as.length, bs.length) }, (_, i) => [as[i], bs[i]] as const);
};

export interface ContactListFilter {
  search?: string;
  /** The search as international digits, when it reads as a phone number. */
  phoneDigits?: string;
  externalCandidateId?: string;
  consent?: "opted_in" | "opted_out" | "none";
  /** Keyset cursor: the last row of the previous page (newest first). */
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** Text searched with LIKE, its wildcards taken literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A candidate's names or WhatsApp username match the search, folded (accents and case aside): as
 * typed, or the username with its "@" (as the dashboard shows it) or without.
 */
export const namesMatch = (search: string): SQL[] => [
  foldedMatch(contacts.nameFolded, search),
  foldedMatch(contacts.profileNameFolded, search),
  foldedMatch(contacts.usernameFolded, withoutAt(search)),
];

export function contactsRepository(scope: TenantScope) {
  const { db } = scope;
  return {
    async findById(id: string): Promise<ContactRow | undefined> {
      const [row] = await db
        .select()
        .from(contacts)
        .where(ownedBy(contacts, scope, eq(contacts.id, id)))
        .limit(1);
      return row;
    },

    async findByWaId(waId: string): Promise<ContactRow | undefined> {
      const [row] = await db
        .select()
        .from(contacts)
        .where(ownedBy(contacts, scope, eq(contacts.waId, waId)))
        .limit(1);
      return row;
    },

    /** The contacts having one of these phones (E.164) or WhatsApp ids, in a few queries however many. */
    async findByPhonesOrWaIds(phones: string[], waIds: string[]): Promise<ContactRow[]> {
      const found: ContactRow[] = [];
      for (const [somePhones = [], someWaIds = []] of zipChunks(phones, waIds, LOOKUP_CHUNK)) {
        const matches = [
          ...(somePhones.length > 0 ? [inArray(contacts.phone, somePhones)] : []),
          ...(someWaIds.length > 0 ? [inArray(contacts.waId, someWaIds)] : []),
        ];
        if (matches.length > 0)
          found.push(
            ...(await db
              .select()
              .from(contacts)
              .where(ownedBy(contacts, scope, or(...matches)))),
          );
      }
      return found;
    },

    /** The client's candidates, newest first, keyset-paginated; searched and filtered. */
    list(filter: ContactListFilter): Promise<ContactRow[]> {
      const conditions: (SQL | undefined)[] = [
        filter.search
          ? or(
              ...namesMatch(filter.search),
              filter.phoneDigits ? like(contacts.phone, `%${filter.phoneDigits}%`) : undefined,
            )
          : undefined,
        filter.externalCandidateId ? eq(contacts.externalCandidateId, filter.externalCandidateId) : undefined,
        filter.consent === "opted_out" ? isNotNull(contacts.optedOutAt) : undefined,
        filter.consent === "opted_in"
          ? and(isNotNull(contacts.optedInAt), isNull(contacts.optedOutAt))
          : undefined,
        filter.consent === "none" ? and(isNull(contacts.optedInAt), isNull(contacts.optedOutAt)) : undefined,
        olderThan(
          contacts.createdAt,
          contacts.id,
          filter.after && { at: filter.after.createdAt, id: filter.after.id },
        ),
      ];
      return db
        .select()
        .from(contacts)
        .where(ownedBy(contacts, scope, ...conditions))
        .orderBy(desc(contacts.createdAt), desc(contacts.id))
        .limit(filter.limit);
    },

    /** The candidates LinkoJob knows by this id (normally one). */
    findByExternalCandidateId(externalCandidateId: string): Promise<ContactRow[]> {
      return db
        .select()
        .from(contacts)
        .where(ownedBy(contacts, scope, eq(contacts.externalCandidateId, externalCandidateId)))
        .limit(2);
    },

    async findByBsuid(bsuid: string): Promise<ContactRow | undefined> {
      const [row] = await db
        .select()
        .from(contacts)
        .where(ownedBy(contacts, scope, eq(contacts.bsuid, bsuid)))
        .limit(1);
      return row;
    },

    /** The contact with this BSUID, created if missing: a candidate known only by their business-scoped id. */
    async findOrCreateByBsuid(values: ContactChanges & { bsuid: string }): Promise<ContactRow> {
      const [created] = await db
        .insert(contacts)
        .values({ ...values, clientId: scope.clientId })
        .onConflictDoNothing({ target: [contacts.clientId, contacts.bsuid] })
        .returning();
      if (created) return created;
      return (await this.findByBsuid(values.bsuid))!;
    },

    async findByPhone(phone: string): Promise<ContactRow | undefined> {
      const [row] = await db
        .select()
        .from(contacts)
        .where(ownedBy(contacts, scope, eq(contacts.phone, phone)))
        .limit(1);
      return row;
    },

    /** The contact with this phone, created if missing (once, even when two requests race). */
    async findOrCreateByPhone(values: ContactChanges & { phone: string }): Promise<ContactRow> {
      const [created] = await db
        .insert(contacts)
        .values({ ...values, clientId: scope.clientId })
        .onConflictDoNothing({ target: [contacts.clientId, contacts.phone] })
        .returning();
      if (created) return created;
      const [existing] = await db
        .select()
        .from(contacts)
        .where(ownedBy(contacts, scope, eq(contacts.phone, values.phone)))
        .limit(1);
      return existing!;
    },

    /**
     * The contacts of these phones, each created if missing with the values given first for it
     * (once, even when two requests race): one insert for the new ones and one read for those
     * another request created meanwhile. By phone.
     */
    async findOrCreateManyByPhone(
      values: {
        phone: string;
        name: string | null;
        externalCandidateId: string | null;
        externalJobRef: string | null;
      }[],
    ): Promise<Map<string, ContactRow>> {
      const first = new Map<string, (typeof values)[number]>();
      for (const value of values) if (!first.has(value.phone)) first.set(value.phone, value);
      const unique = [...first.values()];
      const found = new Map<string, ContactRow>();
      if (unique.length === 0) return found;
      // Sorted: two groups inserting the same new numbers take their locks in one order.
      unique.sort((a, b) => compareKeys(a.phone, b.phone));
      const result = (await db.execute(sql`
        INSERT INTO contacts (client_id, phone, name, external_candidate_id, external_job_ref)
        SELECT ${scope.clientId}::uuid, given.* FROM ${arrayRows(unique, "given", {
          phone: ["text", (v) => v.phone],
          name: ["text", (v) => v.name],
          external_candidate_id: ["text", (v) => v.externalCandidateId],
          external_job_ref: ["text", (v) => v.externalJobRef],
        })}
        ON CONFLICT (client_id, phone) DO NOTHING
        RETURNING *`)) as unknown as SqlResult;
      for (const row of asTableRows(contacts, result.rows)) found.set(row.phone!, row);
      const raced = unique.filter((v) => !found.has(v.phone)).map((v) => v.phone);
      if (raced.length > 0)
        for (const row of await db
          .select()
          .from(contacts)
          .where(ownedBy(contacts, scope, inArray(contacts.phone, raced))))
          found.set(row.phone!, row);
      return found;
    },

    async create(values: ContactChanges): Promise<ContactRow> {
      const [row] = await db
        .insert(contacts)
        .values({ ...values, clientId: scope.clientId })
        .returning();
      return row!;
    },

    async update(id: string, changes: ContactChanges): Promise<ContactRow | undefined> {
      const [row] = await db
        .update(contacts)
        .set({ ...changes, updatedAt: new Date() })
        .where(ownedBy(contacts, scope, eq(contacts.id, id)))
        .returning();
      return row;
    },

    /**
     * Records a candidate's language given with a send, in one statement: a recruiter's choice is
     * always kept; LinkoJob's (`integration`) replaces a detected or an integration's language but
     * never a recruiter's choice.
     */
    async recordLanguage(id: string, language: ContactLanguage, source: "recruiter" | "integration") {
      const replaceable =
        source === "recruiter"
          ? undefined
          : or(isNull(contacts.languageSource), ne(contacts.languageSource, "recruiter"));
      await db
        .update(contacts)
        .set({ language, languageSource: source, updatedAt: new Date() })
        .where(ownedBy(contacts, scope, and(eq(contacts.id, id), replaceable)));
    },
  };
}
