import { type Column, type SQL, sql } from "drizzle-orm";

/**
 * The rows after a page's last one in a newest-first keyset list (`order by time desc, id desc`):
 * older, or as old with a smaller id. No condition when there is no previous page. The time may be
 * SQL: a time kept as the database's text, to the microsecond a `Date` would cut.
 *
 * Written as one row comparison, `(time, id) < (…, …)`, which an index on (…, time, id) starts its
 * scan at; "older, or as old with a smaller id" spelled with `or` is only a filter, read from the
 * list's first row on (52,000 rows skipped for a page in the middle of an inbox of 100,000).
 */
export function olderThan(time: Column, id: Column, last?: { at: Date | SQL; id: string }): SQL | undefined {
  if (!last) return undefined;
  return sql`(${time}, ${id}) < (${keyOf(time, id, last)})`;
}

/** The rows from `key` on in a newest-first keyset list: as old as it, or newer (`olderThan`'s complement). */
export function notOlderThan(time: Column, id: Column, key: { at: Date; id: string }): SQL {
  return sql`(${time}, ${id}) >= (${keyOf(time, id, key)})`;
}

/** The rows after `first` in an oldest-first keyset list (`order by time asc, id asc`): newer, or as new with a larger id. */
export function newerThan(time: Column, id: Column, first: { at: Date; id: string }): SQL | undefined {
  return sql`(${time}, ${id}) > (${keyOf(time, id, first)})`;
}

/** A row's key as parameters typed by their columns (a `Date` as the time column writes it). */
const keyOf = (time: Column, id: Column, row: { at: Date | SQL; id: string }): SQL =>
  sql`${row.at instanceof Date ? sql.param(row.at, time) : row.at}, ${sql.param(row.id, id)}`;
