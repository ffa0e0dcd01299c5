import { getTableColumns, type Table } from "drizzle-orm";

/**
 * Some of a table's columns, typed, for a `select` that reads only what its caller shows: each
 * column costs its statement's building, the driver's parsing and drizzle's mapping on every row
 * (a 50-row inbox page read 48 columns for the 33 the dashboard shows).
 */
export function pickColumns<T extends Table, K extends keyof T["_"]["columns"] & string>(
  table: T,
  keys: readonly K[],
): Pick<T["_"]["columns"], K> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, columns[key]])) as Pick<T["_"]["columns"], K>;
}
