import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** A column of `arrayRows`: its PostgreSQL type and how to read it from a row. */
export type ArrayColumn<T> = readonly [type: string, value: (row: T) => unknown];

/**
 * Rows as a table expression with ONE array parameter per column:
 * `unnest($1::uuid[], $2::text[], …) AS alias(col, …)`. Built value by value, a statement over a
 * batch's rows (a parameter per value, drizzle's `default` for each column not given) cost more CPU
 * than the database spent running it; this costs a few array joins, whatever the number of rows,
 * and never nears PostgreSQL's 65,535 parameters. `unnest` yields the rows in the arrays' order,
 * so rows sorted for the lock order stay sorted.
 */
export function arrayRows<T>(
  rows: readonly T[],
  alias: string,
  columns: Record<string, ArrayColumn<T>>,
): SQL {
  const names = Object.keys(columns);
  const arrays = names.map((name) => {
    const [type, value] = columns[name]!;
    return sql`${sql.param(rows.map(value))}::${sql.raw(type)}[]`;
  });
  return sql`unnest(${sql.join(arrays, sql`, `)}) AS ${sql.raw(alias)}(${sql.raw(names.join(", "))})`;
}

/**
 * The rows a raw statement returned (`RETURNING *`: column names, driver values) as the query
 * builder gives them: field names, dates as `Date`, JSON parsed.
 */
export function asTableRows<T extends PgTable>(
  table: T,
  rows: Record<string, unknown>[],
): T["$inferSelect"][] {
  const columns = Object.entries(getTableColumns(table));
  return rows.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [field, column] of columns) {
      const value = raw[column.name];
      row[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T["$inferSelect"];
  });
}

/**
 * The rows of `table` whose key columns equal one of `rows`' keys, read by a statement of their own.
 * An upsert's `INSERT ... ON CONFLICT` that met a row another transaction created after the
 * statement's snapshot skipped its insert (after waiting for that commit), and a read in the same
 * statement cannot see that row: a new statement can.
 */
export async function readByKeys<T extends PgTable, R>(
  db: { execute(query: SQL): PromiseLike<unknown> },
  table: T,
  rows: readonly R[],
  keys: Record<string, ArrayColumn<R>>,
): Promise<T["$inferSelect"][]> {
  if (rows.length === 0) return [];
  const matches = Object.keys(keys).map((column) => sql.raw(`t.${column} = given.${column}`));
  const result = (await db.execute(sql`
    SELECT t.* FROM ${table} t JOIN ${arrayRows(rows, "given", keys)} ON ${sql.join(matches, sql` AND `)}`)) as {
    rows: Record<string, unknown>[];
  };
  return asTableRows(table, result.rows);
}
