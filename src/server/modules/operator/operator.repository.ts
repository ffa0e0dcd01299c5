import { and, count, desc, eq, gte, ilike, isNotNull, isNull, max, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { olderThan } from "../../platform/db/keyset";
import {
  clients,
  contacts,
  conversations,
  messages,
  operatorAuditLog,
  operatorCredentials,
  sessions,
  users,
} from "../../platform/db/schema/index";
import type { ClientRow } from "../accounts/clients.repository";
import { forgetBriefReads } from "../brief-reads";
import { escapeLike } from "../conversations/contacts.repository";

export interface ClientListFilter {
  state?: "active" | "suspended";
  search?: string;
  externalId?: string;
  isSsoOnly?: boolean;
  /** Keyset cursor: the last row of the previous page (newest first). */
  after?: { createdAt: Date; id: string };
  limit: number;
}

export type ClientChanges = Partial<
  Pick<ClientRow, "name" | "defaultCountry" | "externalId" | "isSsoOnly" | "suspendedAt" | "suspensionReason">
>;

/**
 * LinkoJob's back office: the one place that reads across clients on purpose (the client list,
 * a client's figures, the operators' own credentials and log). Reached only from operator routes.
 */
export function operatorRepository(db: Db) {
  return {
    async findCredential(prefix: string) {
      const [row] = await db
        .select()
        .from(operatorCredentials)
        .where(eq(operatorCredentials.prefix, prefix))
        .limit(1);
      return row;
    },

    async touchCredential(id: string) {
      await db
        .update(operatorCredentials)
        .set({ lastUsedAt: new Date() })
        .where(eq(operatorCredentials.id, id));
    },

    async createCredential(values: typeof operatorCredentials.$inferInsert) {
      const [row] = await db.insert(operatorCredentials).values(values).returning();
      return row!;
    },

    async recordCall(entry: typeof operatorAuditLog.$inferInsert) {
      await db.insert(operatorAuditLog).values(entry);
    },

    async listCalls(clientId: string) {
      return db
        .select()
        .from(operatorAuditLog)
        .where(eq(operatorAuditLog.clientId, clientId))
        .orderBy(desc(operatorAuditLog.id));
    },

    /**
     * The client an operator call with this `Idempotency-Key` created, the fingerprint of that call's
     * body, and its first owner (the one that call created).
     */
    async findClientCreatedWith(idempotencyKey: string) {
      const [row] = await db
        .select({ client: clients, ownerId: users.id, ownerPasswordHash: users.passwordHash })
        .from(clients)
        .innerJoin(users, and(eq(users.clientId, clients.id), eq(users.role, "owner")))
        .where(eq(clients.creationIdempotencyKey, idempotencyKey))
        .orderBy(users.createdAt)
        .limit(1);
      return row;
    },

    /**
     * Keeps the answer of the call that created a client, for its retries, unless one is kept
     * already (a retry racing the first call): returns the one kept.
     */
    async keepCreationResponse(id: string, response: unknown): Promise<unknown> {
      const [row] = await db
        .update(clients)
        .set({
          creationResponse: sql`coalesce(${clients.creationResponse}, ${JSON.stringify(response)}::jsonb)`,
        })
        .where(eq(clients.id, id))
        .returning({ creationResponse: clients.creationResponse });
      return row?.creationResponse ?? response;
    },

    async findClient(id: string): Promise<ClientRow | undefined> {
      const [row] = await db.select().from(clients).where(eq(clients.id, id)).limit(1);
      return row;
    },

    async updateClient(id: string, changes: ClientChanges): Promise<ClientRow | undefined> {
      const [row] = await db
        .update(clients)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(clients.id, id))
        .returning();
      forgetBriefReads(id); // a suspension or a new default country holds here at once
      return row;
    },

    /** Newest first, keyset-paginated on (created_at, id). */
    listClients(filter: ClientListFilter): Promise<ClientRow[]> {
      const conditions: (SQL | undefined)[] = [
        filter.state === "active" ? isNull(clients.suspendedAt) : undefined,
        filter.state === "suspended" ? isNotNull(clients.suspendedAt) : undefined,
        filter.search ? ilike(clients.name, `%${escapeLike(filter.search)}%`) : undefined,
        filter.externalId ? eq(clients.externalId, filter.externalId) : undefined,
        filter.isSsoOnly === undefined ? undefined : eq(clients.isSsoOnly, filter.isSsoOnly),
        olderThan(
          clients.createdAt,
          clients.id,
          filter.after && { at: filter.after.createdAt, id: filter.after.id },
        ),
      ];
      return db
        .select()
        .from(clients)
        .where(and(...conditions))
        .orderBy(desc(clients.createdAt), desc(clients.id))
        .limit(filter.limit);
    },

    /** A client's size and its activity since a date: a handful of counts, each on a client-first index. */
    async usageOf(clientId: string, since: Date) {
      const [activity] = await db
        .select({
          sent: sql<number>`count(*) filter (where ${messages.direction} = 'outbound')`.mapWith(Number),
          received: sql<number>`count(*) filter (where ${messages.direction} = 'inbound')`.mapWith(Number),
          lastMessageAt: max(messages.occurredAt),
        })
        .from(messages)
        .where(and(eq(messages.clientId, clientId), gte(messages.occurredAt, since)));
      const billable = await db
        .select({ category: messages.pricingCategory, n: count() })
        .from(messages)
        .where(
          and(
            eq(messages.clientId, clientId),
            gte(messages.occurredAt, since),
            eq(messages.isBillable, true),
          ),
        )
        .groupBy(messages.pricingCategory);
      const [userCount] = await db.select({ n: count() }).from(users).where(eq(users.clientId, clientId));
      const [contactCount] = await db
        .select({ n: count() })
        .from(contacts)
        .where(eq(contacts.clientId, clientId));
      const [conversationCount] = await db
        .select({ n: count() })
        .from(conversations)
        .where(eq(conversations.clientId, clientId));
      return {
        messagesSent: activity?.sent ?? 0,
        messagesReceived: activity?.received ?? 0,
        lastMessageAt: activity?.lastMessageAt ?? null,
        billable: billable.map((b) => ({ category: b.category ?? "", count: b.n })),
        users: userCount?.n ?? 0,
        contacts: contactCount?.n ?? 0,
        conversations: conversationCount?.n ?? 0,
      };
    },

    /** Ends every session of a client's users (suspended). */
    async endClientSessions(clientId: string) {
      await db.delete(sessions).where(eq(sessions.clientId, clientId));
      forgetBriefReads(clientId);
    },
  };
}
