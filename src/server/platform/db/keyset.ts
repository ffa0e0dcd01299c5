import { and, type Column, eq, gt, lt, or, type SQL } from "drizzle-orm";

/**
 * The rows after a page's last one in a newest-first keyset list (`order by time desc, id desc`):
 * older, or as old with a smaller id. No condition when there is no previous page. The time may be
 * SQL: a time kept as the database's text, to the microsecond a `Date` would cut.
 */
export function olderThan(time: Column, id: Column, last?: { at: Date | SQL; id: string }): SQL | undefined {
  if (!last) return undefined;
  return or(lt(time, last.at), and(eq(time, last.at), lt(id, last.id)));
}

/** The rows after `first` in an oldest-first keyset list (`order by time asc, id asc`): newer, or as new with a larger id. */
export function newerThan(time: Column, id: Column, first: { at: Date; id: string }): SQL | undefined {
  return or(gt(time, first.at), and(eq(time, first.at), gt(id, first.id)));
}
