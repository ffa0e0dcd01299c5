import { and, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client";
import { whatsappConnections } from "../../platform/db/schema/index";

/**
 * Cross-client lookups that system work needs before it knows the client: which client holds a
 * phone number (webhook routing, numbers claimed twice) and which connections a scheduled check
 * visits. Callers continue with that client's scoped repositories.
 */
export function connectionDirectory(db: Db) {
  return {
    async ownerOfPhoneNumber(
      phoneNumberId: string,
    ): Promise<{ clientId: string; connectionId: string } | undefined> {
      const [row] = await db
        .select({ clientId: whatsappConnections.clientId, connectionId: whatsappConnections.id })
        .from(whatsappConnections)
        .where(eq(whatsappConnections.phoneNumberId, phoneNumberId))
        .limit(1);
      return row;
    },

    /** The owners of several phone number ids at once (a processing batch routes in one query). */
    ownersOfPhoneNumbers(
      phoneNumberIds: string[],
    ): Promise<{ phoneNumberId: string | null; clientId: string; connectionId: string }[]> {
      if (phoneNumberIds.length === 0) return Promise.resolve([]);
      return db
        .select({
          phoneNumberId: whatsappConnections.phoneNumberId,
          clientId: whatsappConnections.clientId,
          connectionId: whatsappConnections.id,
        })
        .from(whatsappConnections)
        .where(inArray(whatsappConnections.phoneNumberId, phoneNumberIds));
    },

    /**
     * The connections on a WABA: one for a client's own, one per client holding a number on a
     * shared one (LinkoJob's, each with its client's template name prefix).
     */
    connectionsOfWaba(
      wabaId: string,
    ): Promise<{ clientId: string; connectionId: string; templateNamePrefix: string | null }[]> {
      return db
        .select({
          clientId: whatsappConnections.clientId,
          connectionId: whatsappConnections.id,
          templateNamePrefix: whatsappConnections.templateNamePrefix,
        })
        .from(whatsappConnections)
        .where(eq(whatsappConnections.wabaId, wabaId));
    },

    listConnectionsToCheck(): Promise<{ clientId: string; connectionId: string }[]> {
      return db
        .select({ clientId: whatsappConnections.clientId, connectionId: whatsappConnections.id })
        .from(whatsappConnections)
        .where(eq(whatsappConnections.state, "active"));
    },

    /** How many connections are in each state, every client together (a metric). */
    countByState(): Promise<{ state: string; count: number }[]> {
      return db
        .select({ state: whatsappConnections.state, count: sql<number>`count(*)::int` })
        .from(whatsappConnections)
        .groupBy(whatsappConnections.state);
    },

    /**
     * Connections in use (not disconnected) whose access token expires within `days` days or has
     * expired, every client together (a metric). A token without an expiry never counts.
     */
    async countTokensExpiringWithin(days: number): Promise<number> {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(whatsappConnections)
        .where(
          and(
            ne(whatsappConnections.state, "disconnected"),
            lt(whatsappConnections.tokenExpiresAt, sql`now() + make_interval(days => ${days})`),
          ),
        );
      return Number(row?.count ?? 0);
    },

    /** Every sealed secret, for key rotation (which re-seals each under the newest key). */
    listSealedSecrets() {
      return db
        .select({
          id: whatsappConnections.id,
          clientId: whatsappConnections.clientId,
          accessTokenSealed: whatsappConnections.accessTokenSealed,
          pinSealed: whatsappConnections.pinSealed,
        })
        .from(whatsappConnections);
    },
  };
}
