import { and, eq, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "./client";

/**
 * What every tenant-owned repository is built from. Repositories never take a client id per call:
 * the scope is fixed when the request's context is made, so a query for another client cannot be
 * written by passing the wrong argument.
 */
export interface TenantScope {
  readonly db: Db;
  readonly clientId: string;
}

/** `client_id = scope.clientId AND ...conditions`: the filter every tenant-owned query starts from. */
export function ownedBy(
  table: { clientId: AnyPgColumn },
  scope: TenantScope,
  ...conditions: (SQL | undefined)[]
): SQL {
  return and(eq(table.clientId, scope.clientId), ...conditions) as SQL;
}
